package io.tiexin.audit.internal;

import java.util.List;
import java.util.Map;

import graphql.GraphqlErrorBuilder;
import io.tiexin.shared.ErrorCode;
import io.tiexin.shared.web.DatabaseUnavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;

/**
 * Holds every GraphQL answer (HTTP, SSE, WebSocket) until the audit records its execution
 * made are committed ({@link RequestAudit}), and answers with an error instead of the
 * data when they could not be: personal data is never sent without its record. A request
 * that read no personal data waits for nothing.
 */
@Component
class AuditBeforeAnswer implements WebGraphQlInterceptor {

	private static final Logger log = LoggerFactory.getLogger(AuditBeforeAnswer.class);

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		RequestAudit audit = new RequestAudit();
		return chain.next(request).map(response -> {
			try {
				audit.close();
				return response;
			}
			catch (RequestAudit.AuditNotWritten ex) {
				log.error("Answer withheld: its audit records could not be written", ex);
				return withheld(response, ex);
			}
		}).contextWrite(context -> context.put(RequestAudit.CONTEXT_KEY, audit));
	}

	private static WebGraphQlResponse withheld(WebGraphQlResponse response, RuntimeException failure) {
		boolean unavailable = DatabaseUnavailable.explains(failure);
		ErrorCode code = unavailable ? ErrorCode.UNAVAILABLE : ErrorCode.INTERNAL;
		String message = unavailable ? "数据库暂不可用,请稍后再试 (database unavailable, please retry shortly)"
				: "无法记录对个人信息的查阅,未返回结果,请稍后再试 (the read of personal data could not be recorded, so nothing "
						+ "was returned; please try again later)";
		return response.transform(builder -> builder.data(null)
			.errors(List
				.of(GraphqlErrorBuilder.newError().message(message).extensions(Map.of("code", code.name())).build())));
	}

}
