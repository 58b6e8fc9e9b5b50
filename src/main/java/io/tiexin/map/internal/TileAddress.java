package io.tiexin.map.internal;

/**
 * A tile of the Web Mercator pyramid (XYZ scheme: y counts down from the north), as
 * {@code ST_TileEnvelope} takes it.
 */
record TileAddress(int z, int x, int y) {

	static final int MAX_ZOOM = 22;

	/** Why the address names no tile, or {@code null} when it names one. */
	static String problemWith(int z, int x, int y) {
		if (z < 0 || z > MAX_ZOOM) {
			return "缩放级别必须在 0 到 " + MAX_ZOOM + " 之间 (z must be between 0 and " + MAX_ZOOM + ")";
		}
		int last = (1 << z) - 1;
		if (x < 0 || x > last || y < 0 || y > last) {
			return "瓦片行列号必须在 0 到 " + last + " 之间 (x and y must be between 0 and " + last + " at zoom " + z + ")";
		}
		return null;
	}
}
