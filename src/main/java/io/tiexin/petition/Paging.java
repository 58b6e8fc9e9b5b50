package io.tiexin.petition;

/**
 * The paging arguments of a Relay cursor connection: {@code first} items after the cursor
 * {@code after}, or the {@code last} items before the cursor {@code before}; both cursors
 * may bound one page. Neither size given means the first 20.
 */
public record Paging(Integer first, String after, Integer last, String before) {

	/** Forward only: the lists that take no {@code last} or {@code before}. */
	public static Paging forward(Integer first, String after) {
		return new Paging(first, after, null, null);
	}

	/** Whether the page is counted from its end ({@code last}). */
	public boolean backward() {
		return this.last != null;
	}

}
