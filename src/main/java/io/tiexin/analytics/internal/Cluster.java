package io.tiexin.analytics.internal;

import java.util.List;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;

/**
 * A DBSCAN cluster of petition points.
 *
 * @param id 1 for the largest; ties by lowest petition id
 * @param petitionIds every member, lowest id first
 */
record Cluster(int id, int size, Geometry hull, Point centroid, List<Long> petitionIds) {
}
