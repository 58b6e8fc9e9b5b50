package io.tiexin.department.internal;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the department module.
 *
 * @param importOnStart departments files (Spring resource locations) imported at
 * start-up, after the people
 */
@ConfigurationProperties("tiexin.departments")
record DepartmentProperties(@DefaultValue List<String> importOnStart) {
}
