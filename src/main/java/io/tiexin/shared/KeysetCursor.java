package io.tiexin.shared;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;

/**
 * An opaque cursor for a list ordered by a time and then an id (a keyset: the next page
 * starts after {@code (at, id)}), as meetings and visits page: the instant to the
 * nanosecond and the id, base64url-encoded.
 */
public record KeysetCursor(OffsetDateTime at, long id) {

	/** The cursor of a row at this time with this id. */
	public static String encode(OffsetDateTime at, long id) {
		Instant instant = at.toInstant();
		String raw = instant.getEpochSecond() + ":" + instant.getNano() + ":" + id;
		return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The position a cursor holds, in UTC.
	 * @throws TiexinException {@code VALIDATION} when it is not one {@link #encode} made
	 */
	public static KeysetCursor decode(String cursor) {
		try {
			String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":");
			Instant at = Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
			return new KeysetCursor(at.atOffset(ZoneOffset.UTC), Long.parseLong(parts[2]));
		}
		catch (IllegalArgumentException | ArrayIndexOutOfBoundsException | java.time.DateTimeException ex) {
			throw new TiexinException(ErrorCode.VALIDATION, "分页游标无效 (invalid cursor): " + cursor);
		}
	}

}
