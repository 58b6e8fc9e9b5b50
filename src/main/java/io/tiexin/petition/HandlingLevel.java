package io.tiexin.petition;

/** Who handles a petition: "小事不出村,大事不出镇" — most stay in the village. */
public enum HandlingLevel {

	VILLAGE, TOWNSHIP, COUNTY;

	/** The level above, or {@code null} at the county. */
	public HandlingLevel above() {
		return (this == COUNTY) ? null : values()[ordinal() + 1];
	}

}
