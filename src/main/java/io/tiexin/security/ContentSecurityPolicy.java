package io.tiexin.security;

import java.net.URI;

import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

/**
 * Content-Security-Policy of the pages the service serves: each allows exactly what it
 * loads, all from the service itself, and nothing may frame it. The map page ({@code /})
 * runs {@code /map/map.js} and MapLibre from {@code /vendor/} (no inline script: it
 * imports MapLibre from a modulepreload link, not an import map); MapLibre starts its
 * workers from blob URLs that import the vendored worker module, fetches tiles, glyphs
 * ({@code /map/glyphs}) and GraphQL (also over a WebSocket) from the service and makes
 * canvas images from blob and data URLs; the configured basemap style's origin, when
 * there is one, may be fetched. GraphiQL (demo profile only) runs the vendored React UMD
 * builds, GraphiQL and {@code /graphiql/start.js}; its stylesheet embeds its fonts and
 * icons as data URLs. Neither needs {@code 'unsafe-eval'} nor an inline script.
 */
final class ContentSecurityPolicy {

	private ContentSecurityPolicy() {
	}

	static String mapPage(String basemapStyleUrl) {
		String basemap = origin(basemapStyleUrl);
		return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:" + basemap
				+ "; worker-src 'self' blob:; child-src 'self' blob:; connect-src 'self'" + basemap
				+ "; font-src 'self'" + basemap
				+ "; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
	}

	static String graphiql() {
		return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self' data:; "
				+ "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
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
