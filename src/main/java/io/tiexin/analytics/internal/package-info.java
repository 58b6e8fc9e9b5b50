/**
 * The analytics module's inside: the rollup's SQL, area statistics and trends, the
 * hotspot, emerging-hotspot and cluster analyses with their statistics, and the GraphQL
 * controllers.
 */
package io.tiexin.analytics.internal;
