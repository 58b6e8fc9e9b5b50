package io.tiexin.shared.web;

import io.tiexin.shared.ErrorCode;

/**
 * What an HTTP error status means to a client of this service: the error code it branches
 * on and a message a person can act on.
 */
public record HttpRefusal(ErrorCode code, String message) {

	public static HttpRefusal of(int status) {
		return switch (status) {
			case 400 -> new HttpRefusal(ErrorCode.VALIDATION, "请求无效:请求体应为 JSON 格式的 GraphQL 请求,如 "
					+ "{\"query\": \"{ categories { code } }\"},且只含一个请求 (bad request: the body must be one GraphQL "
					+ "request as JSON, e.g. {\"query\": \"{ categories { code } }\"}; batches are not accepted)");
			case 401 -> new HttpRefusal(ErrorCode.UNAUTHENTICATED,
					"请先登录 (sign in first): 请求需带上 Authorization: Bearer <令牌> (send Authorization: Bearer <token>)");
			case 403 -> new HttpRefusal(ErrorCode.FORBIDDEN, "无权访问 (you may not access this)");
			case 404 -> new HttpRefusal(ErrorCode.NOT_FOUND, "找不到该地址 (no such path)");
			case 405 -> new HttpRefusal(ErrorCode.VALIDATION,
					"不支持该请求方法:GraphQL 请求请用 POST (method not allowed: send GraphQL requests with POST)");
			case 406 -> new HttpRefusal(ErrorCode.VALIDATION, "无法按 Accept 要求的格式回答,请接受 application/json "
					+ "(cannot answer in the media type asked for; accept application/json)");
			case 413 -> new HttpRefusal(ErrorCode.VALIDATION, "请求体过大 (request body too large)");
			case 415 -> new HttpRefusal(ErrorCode.VALIDATION, "请求体格式不支持,请用 Content-Type: application/json "
					+ "(unsupported media type: send Content-Type: application/json)");
			case 429 -> new HttpRefusal(ErrorCode.RATE_LIMITED, "操作过于频繁,请稍后再试 (too many requests, retry later)");
			case 503 -> unavailable();
			default -> (status >= 400 && status < 500) ? new HttpRefusal(ErrorCode.VALIDATION, "请求无效 (bad request)")
					: new HttpRefusal(ErrorCode.INTERNAL, "服务器内部错误,请稍后再试 (internal error, please try again later)");
		};
	}

	public static HttpRefusal unavailable() {
		return new HttpRefusal(ErrorCode.UNAVAILABLE, "服务暂时不可用,请稍后重试 (service temporarily unavailable, retry shortly)");
	}
}
