package io.tiexin.geo;

/**
 * The geographic coordinate systems that map clients in China send; longitude and
 * latitude in degrees.
 */
public enum Crs {

	/** World Geodetic System 1984, what GPS receivers and international maps use. */
	WGS84,

	/**
	 * China Geodetic Coordinate System 2000, equal to WGS84 to within centimetres, so
	 * taken as WGS84.
	 */
	CGCS2000,

	/**
	 * The obfuscated "Mars" datum of Amap/Gaode, Tencent maps and WeChat
	 * {@code wx.getLocation({type: 'gcj02'})}.
	 */
	GCJ02,

	/** Baidu's datum: a second obfuscation applied on top of GCJ-02. */
	BD09

}
