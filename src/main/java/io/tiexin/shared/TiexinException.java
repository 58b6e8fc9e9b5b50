package io.tiexin.shared;

import java.util.Map;
import java.util.Objects;

/**
 * A refusal a person can act on. The message is written for the person reading it
 * (Chinese first, English alongside); {@link #details()} adds machine-readable context to
 * the GraphQL error's extensions.
 */
public class TiexinException extends RuntimeException {

	private final ErrorCode code;

	private final Map<String, Object> details;

	public TiexinException(ErrorCode code, String message) {
		this(code, message, Map.of());
	}

	public TiexinException(ErrorCode code, String message, Map<String, Object> details) {
		super(message);
		this.code = Objects.requireNonNull(code);
		this.details = Map.copyOf(details);
	}

	public ErrorCode code() {
		return this.code;
	}

	public Map<String, Object> details() {
		return this.details;
	}

}
