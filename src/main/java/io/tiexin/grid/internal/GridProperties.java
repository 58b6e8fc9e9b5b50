package io.tiexin.grid.internal;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the grid module.
 *
 * @param nearestToleranceMeters how far outside every grid cell a point may lie and still
 * match the nearest cell (points in survey gaps or just over the county line)
 * @param importToleranceMeters how far a child may stick out of its parent, and how wide
 * an overlap between siblings may be, before an import is refused (survey slivers)
 * @param importOnStart area files (Spring resource locations) imported at start-up when
 * their content has not been imported before
 */
@ConfigurationProperties("tiexin.grid")
public record GridProperties(@DefaultValue("200") double nearestToleranceMeters,
		@DefaultValue("1.0") double importToleranceMeters, @DefaultValue List<String> importOnStart) {
}
