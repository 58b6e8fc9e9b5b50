/**
 * The demo, apart from the product: the generators of the demo county's areas and people
 * (gis-data), its synthetic petition history, loaded at start-up in the {@code demo}
 * profile, and {@code scripts/generate-petitions}. It writes only through the public APIs
 * of grid, people and petition, and owns no table.
 */
package io.tiexin.demo;
