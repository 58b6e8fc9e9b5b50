package io.tiexin.security;

import java.net.URI;

import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

/**
 * Content-Security-Policy of the pages the service serves. The map page ({@code /}) loads
 * only from the service itself: its scripts, MapLibre from {@code /vendor/}, tiles and
 * GraphQL; MapLibre's workers come from blob URLs and its canvas images from blob and
 * data URLs; the configured basemap style's origin, when there is one, may be fetched.
 * Nothing may frame it. GraphiQL (demo profile only) loads its scripts from the CDN
 * Spring for GraphQL's page names and runs an inline script.
 */
final class ContentSecurityPolicy {

	private ContentSecurityPolicy() {
	}

	static String mapPage(String basemapStyleUrl) {
		String basemap = origin(basemapStyleUrl);
		return "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:"
				+ basemap + "; worker-src 'self' blob:; child-src 'self' blob:; connect-src 'self'" + basemap
				+ "; font-src 'self'" + basemap
				+ "; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
	}

	static String graphiql() {
		return "default-src 'self'; script-src 'self' 'unsafe-inline' https://esm.sh https://unpkg.com; "
				+ "style-src 'self' 'unsafe-inline' https://esm.sh https://unpkg.com; img-src 'self' data:; "
				+ "font-src 'self' data: https://esm.sh https://unpkg.com; connect-src 'self' https://esm.sh; "
				+ "worker-src 'self' blob:; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";
	}

	static HeaderWriter writer(String basemapStyleUrl) {
		PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
		HeaderWriter map = new DelegatingRequestMatcherHeaderWriter(
				new OrRequestMatcher(paths.matcher("/"), paths.matcher("/index.html")),
				new StaticHeadersWriter("Content-Security-Policy", mapPage(basemapStyleUrl)));
		HeaderWriter graphiql = new DelegatingRequestMatcherHeaderWriter(paths.matcher("/graphiql/**"),
				new StaticHeadersWriter("Content-Security-Policy", graphiql()));
		return (request, response) -> {
			map.writeHeaders(request, response);
			graphiql.writeHeaders(request, response);
		};
	}

	private static String origin(String url) {
		if (url == null || url.isBlank()) {
			return "";
		}
		try {
			URI uri = URI.create(url.trim());
			if (uri.getScheme() == null || uri.getHost() == null) {
				return "";
			}
			return " " + uri.getScheme() + "://" + uri.getHost() + ((uri.getPort() > 0) ? ":" + uri.getPort() : "");
		}
		catch (IllegalArgumentException ex) {
			return "";
		}
	}

}
