package io.tiexin.map.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the map page at {@code /}.
 *
 * @param basemapStyleUrl a MapLibre style (JSON) drawn under the service's layers, e.g.
 * one served by a tile server on the intranet; empty: a plain background, so the page
 * needs no network beyond the service
 */
@ConfigurationProperties("tiexin.map")
record MapProperties(@DefaultValue("") String basemapStyleUrl) {
}
