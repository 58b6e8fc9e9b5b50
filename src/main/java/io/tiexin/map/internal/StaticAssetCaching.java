package io.tiexin.map.internal;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * How long browsers keep the page's static files. A file asked for with a version
 * ({@code ?v=}: a content hash written by {@link MapPageController}, or a vendored
 * library's version) never changes under that URL, so it is kept a year and never
 * revalidated ({@code immutable}); without one it is revalidated on every use
 * ({@code no-cache}: a 304 costs no body). Spring Security's default {@code no-store}
 * only applies where nothing was set.
 */
@Component
class StaticAssetCaching extends OncePerRequestFilter {

	static final String IMMUTABLE = CacheControl.maxAge(Duration.ofDays(365))
		.cachePublic()
		.immutable()
		.getHeaderValue();

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return !(path.startsWith("/vendor/")
				|| path.startsWith("/map/") && !path.startsWith("/map/config") && !path.startsWith("/map/glyphs/"));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String version = request.getParameter("v");
		response.setHeader(HttpHeaders.CACHE_CONTROL,
				(version != null && !version.isBlank()) ? IMMUTABLE : CacheControl.noCache().getHeaderValue());
		chain.doFilter(request, response);
	}

}
