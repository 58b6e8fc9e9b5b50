package io.tiexin.shared;

import java.io.IOException;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code /error} asked for directly, not as the forward of a failed request, is a path
 * like any other that has no page: 404, not Spring Boot's 500 with status 999.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class DirectErrorPage extends OncePerRequestFilter {

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !"/error".equals(request.getRequestURI().substring(request.getContextPath().length()));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getDispatcherType() == DispatcherType.REQUEST
				&& request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) == null) {
			request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, HttpServletResponse.SC_NOT_FOUND);
			request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, "/error");
			response.setStatus(HttpServletResponse.SC_NOT_FOUND);
		}
		chain.doFilter(request, response);
	}

}
