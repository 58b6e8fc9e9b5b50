package io.tiexin.map.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The map page ({@code static/index.html}) with a content hash on every script and
 * stylesheet it names ({@code /map/map.js?v=3f2a…}), so browsers keep those a year
 * ({@link StaticAssetCaching}) and still see a new release at once: the page itself is
 * {@code no-cache}. Public, like the page.
 */
@RestController
class MapPageController {

	/** Local scripts and stylesheets named in quotes: src, href and the import map. */
	private static final Pattern ASSET = Pattern.compile("\"(/(?:map|vendor)/[^\"?#]+\\.(?:js|mjs|css))\"");

	private final Map<String, String> versions = new ConcurrentHashMap<>();

	private volatile String page;

	@GetMapping(path = { "/", "/index.html" }, produces = MediaType.TEXT_HTML_VALUE)
	ResponseEntity<String> page() {
		String html = this.page;
		if (html == null) {
			html = versioned(read("static/index.html"));
			this.page = html;
		}
		return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(html);
	}

	private String versioned(String html) {
		Matcher asset = ASSET.matcher(html);
		StringBuilder out = new StringBuilder();
		while (asset.find()) {
			String path = asset.group(1);
			String version = this.versions.computeIfAbsent(path, (key) -> hashOf("static" + key));
			asset.appendReplacement(out, Matcher.quoteReplacement("\"" + path + "?v=" + version + "\""));
		}
		asset.appendTail(out);
		return out.toString();
	}

	private static String hashOf(String resource) {
		try (InputStream in = new ClassPathResource(resource).getInputStream()) {
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(sha256.digest(in.readAllBytes()), 0, 8);
		}
		catch (IOException missing) {
			throw new UncheckedIOException("The map page names " + resource + ", which is not in the jar", missing);
		}
		catch (NoSuchAlgorithmException impossible) {
			throw new IllegalStateException("Every Java runtime has SHA-256", impossible);
		}
	}

	private static String read(String resource) {
		try (InputStream in = new ClassPathResource(resource).getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException missing) {
			throw new UncheckedIOException(missing);
		}
	}

}
