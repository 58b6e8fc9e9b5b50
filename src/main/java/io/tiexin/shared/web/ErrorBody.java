package io.tiexin.shared.web;

import io.tiexin.shared.ErrorCode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of an error answered outside GraphQL execution (a refused token, a request
 * that is no GraphQL request, a body too large), shaped like a GraphQL response so that a
 * client reads {@code errors[0].extensions.code} whatever went wrong, and where.
 */
public final class ErrorBody {

	private ErrorBody() {
	}

	/** {@code {"errors": [{"message": message, "extensions": {"code": code}}]}} */
	public static Map<String, Object> of(ErrorCode code, String message) {
		return Map.of("errors", errors(code, message));
	}

	/** The {@code errors} list alone, for bodies that carry other fields too. */
	static List<Map<String, Object>> errors(ErrorCode code, String message) {
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("message", message);
		error.put("extensions", Map.of("code", code.name()));
		return List.of(error);
	}

}
