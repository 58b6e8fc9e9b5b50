package io.tiexin.open311.internal;

import org.springframework.http.HttpStatus;

/**
 * A refusal in GeoReport v2's terms: an HTTP status and a description, answered as
 * {@code [{"code": 400, "description": "…"}]} or
 * {@code <errors><error>…</error></errors>}.
 */
class Open311Error extends RuntimeException {

	private final HttpStatus status;

	Open311Error(HttpStatus status, String description) {
		super(description);
		this.status = status;
	}

	HttpStatus status() {
		return this.status;
	}

	static Open311Error badRequest(String description) {
		return new Open311Error(HttpStatus.BAD_REQUEST, description);
	}

	static Open311Error notFound(String description) {
		return new Open311Error(HttpStatus.NOT_FOUND, description);
	}

}
