package io.tiexin.shared.web;

import java.util.Map;

import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.WebRequest;

/**
 * Spring Boot's error answers (a body that is not JSON, a request no handler takes, a
 * failure before any controller ran) carry the same {@code errors[0].extensions.code} and
 * a message in Chinese and English, as GraphQL errors do; Boot's own fields stay for
 * operators. Never a stack trace or an exception's message: those may name internals.
 */
@Component
class HttpErrorAttributes extends DefaultErrorAttributes {

	@Override
	public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
		Map<String, Object> attributes = super.getErrorAttributes(request, options);
		int status = (attributes.get("status") instanceof Integer code) ? code : 500;
		HttpRefusal refusal = HttpRefusal.of(status);
		attributes.putIfAbsent("message", refusal.message());
		attributes.put("errors", ErrorBody.errors(refusal.code(), refusal.message()));
		return attributes;
	}

}
