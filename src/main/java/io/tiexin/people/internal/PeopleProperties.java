package io.tiexin.people.internal;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the people module.
 *
 * @param importOnStart people files (Spring resource locations) imported at start-up,
 * after the areas they refer to
 */
@ConfigurationProperties("tiexin.people")
record PeopleProperties(@DefaultValue List<String> importOnStart) {
}
