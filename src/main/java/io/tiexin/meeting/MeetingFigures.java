package io.tiexin.meeting;

/**
 * An area's meetings in a period: held, items raised at them, and items answered on the
 * spot or closed.
 */
public record MeetingFigures(int meetings, int items, int itemsClosed) {

	public static final MeetingFigures NONE = new MeetingFigures(0, 0, 0);

	/** Items answered on the spot or closed, of all items; {@code null} without items. */
	public Double itemsClosedRate() {
		return (this.items > 0) ? (double) this.itemsClosed / this.items : null;
	}

}
