/** Map layers for dashboards: areas with their case counts as GeoJSON. */
package io.tiexin.map;
