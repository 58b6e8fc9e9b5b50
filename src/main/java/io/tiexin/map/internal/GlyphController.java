package io.tiexin.map.internal;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /map/glyphs/{fontstack}/{start}-{end}.pbf}: signed-distance-field glyphs in
 * the protobuf format MapLibre's {@code glyphs} style property asks for, rendered from
 * the machine's sans-serif font, so labels need no font server on a closed network.
 * Chinese characters never come here: the page draws CJK with the browser's own font
 * ({@code localIdeographFontFamily}); these ranges give digits and Latin letters. Each
 * range is rendered once (a few tens of milliseconds) and kept.
 */
@RestController
class GlyphController {

	private static final MediaType PROTOBUF = MediaType.parseMediaType("application/x-protobuf");

	/** The size, buffer, radius and cutoff MapLibre's own glyphs are made with. */
	private static final int SIZE = 24;

	private static final int BUFFER = 3;

	private static final double RADIUS = 8;

	private static final double CUTOFF = 0.25;

	private static final double INF = 1e20;

	private final Font font = new Font(Font.SANS_SERIF, Font.PLAIN, SIZE);

	private final FontRenderContext context = new FontRenderContext(null, true, true);

	private final Map<String, byte[]> ranges = new ConcurrentHashMap<>();

	@GetMapping("/map/glyphs/{fontstack}/{start:\\d+}-{end:\\d+}.pbf")
	ResponseEntity<?> glyphs(@PathVariable String fontstack, @PathVariable int start, @PathVariable int end) {
		if (start % 256 != 0 || end != start + 255 || end > 0xFFFF) {
			return ResponseEntity.status(HttpStatus.BAD_REQUEST)
				.contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("message",
						"字形范围须为 256 个码位 (a glyph range is 256 code points, e.g. 0-255): " + start + "-" + end));
		}
		byte[] body = this.ranges.computeIfAbsent(fontstack + "/" + start, (key) -> render(fontstack, start));
		return ResponseEntity.ok()
			.contentType(PROTOBUF)
			.cacheControl(CacheControl.maxAge(Duration.ofDays(7)).cachePublic())
			.body(body);
	}

	/** {@code glyphs { stacks = 1 { name = 1, range = 2, glyphs = 3 } }}. */
	private byte[] render(String fontstack, int start) {
		Protobuf stack = new Protobuf();
		stack.string(1, fontstack);
		stack.string(2, start + "-" + (start + 255));
		for (int code = start; code <= start + 255; code++) {
			if (Character.isISOControl(code) || !this.font.canDisplay(code)) {
				continue;
			}
			stack.message(3, glyph(code));
		}
		Protobuf glyphs = new Protobuf();
		glyphs.message(1, stack);
		return glyphs.bytes();
	}

	/**
	 * {@code glyph { id = 1, bitmap = 2, width = 3, height = 4, left = 5 (sint32), top = 6
	 * (sint32), advance = 7 }}.
	 */
	private Protobuf glyph(int code) {
		GlyphVector vector = this.font.createGlyphVector(this.context, new String(Character.toChars(code)));
		Rectangle bounds = vector.getPixelBounds(this.context, 0, 0);
		int advance = Math.round(vector.getGlyphMetrics(0).getAdvance());
		Protobuf glyph = new Protobuf();
		glyph.varint(1, code);
		if (bounds.width <= 0 || bounds.height <= 0) {
			glyph.varint(3, 0);
			glyph.varint(4, 0);
			glyph.signed(5, 0);
			glyph.signed(6, -26);
			glyph.varint(7, advance);
			return glyph;
		}
		BufferedImage image = new BufferedImage(bounds.width, bounds.height, BufferedImage.TYPE_BYTE_GRAY);
		Graphics2D graphics = image.createGraphics();
		graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
		graphics.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
		graphics.drawGlyphVector(vector, -bounds.x, -bounds.y);
		graphics.dispose();
		glyph.bytes(2, signedDistanceField(image));
		glyph.varint(3, bounds.width);
		glyph.varint(4, bounds.height);
		glyph.signed(5, bounds.x);
		// MapLibre places a glyph's top relative to a line 26 px above the baseline at
		// size 24, as its own local glyphs do.
		glyph.signed(6, -bounds.y - 26);
		glyph.varint(7, advance);
		return glyph;
	}

	/**
	 * Mapbox's TinySDF: squared distances to the glyph's outside and inside by
	 * Felzenszwalb and Huttenlocher's transform, anti-aliased edges giving sub-pixel
	 * distances; 255 at the glyph's core, 191 (cutoff 0.25) on its outline.
	 */
	static byte[] signedDistanceField(BufferedImage alpha) {
		int glyphWidth = alpha.getWidth();
		int glyphHeight = alpha.getHeight();
		int width = glyphWidth + 2 * BUFFER;
		int height = glyphHeight + 2 * BUFFER;
		double[] outer = new double[width * height];
		double[] inner = new double[width * height];
		Arrays.fill(outer, INF);
		for (int y = 0; y < glyphHeight; y++) {
			for (int x = 0; x < glyphWidth; x++) {
				double a = alpha.getRaster().getSample(x, y, 0) / 255.0;
				if (a == 0) {
					continue;
				}
				int j = (y + BUFFER) * width + x + BUFFER;
				if (a == 1) {
					outer[j] = 0;
					inner[j] = INF;
				}
				else {
					double d = 0.5 - a;
					outer[j] = (d > 0) ? d * d : 0;
					inner[j] = (d < 0) ? d * d : 0;
				}
			}
		}
		int longest = Math.max(width, height);
		double[] f = new double[longest];
		double[] z = new double[longest + 1];
		int[] v = new int[longest];
		edt(outer, 0, 0, width, height, width, f, v, z);
		edt(inner, BUFFER, BUFFER, glyphWidth, glyphHeight, width, f, v, z);
		byte[] data = new byte[width * height];
		for (int i = 0; i < data.length; i++) {
			double d = Math.sqrt(outer[i]) - Math.sqrt(inner[i]);
			data[i] = (byte) Math.max(0, Math.min(255, Math.round(255 - 255 * (d / RADIUS + CUTOFF))));
		}
		return data;
	}

	private static void edt(double[] grid, int x0, int y0, int width, int height, int gridSize, double[] f, int[] v,
			double[] z) {
		for (int x = x0; x < x0 + width; x++) {
			edt1d(grid, y0 * gridSize + x, gridSize, height, f, v, z);
		}
		for (int y = y0; y < y0 + height; y++) {
			edt1d(grid, y * gridSize + x0, 1, width, f, v, z);
		}
	}

	private static void edt1d(double[] grid, int offset, int stride, int length, double[] f, int[] v, double[] z) {
		v[0] = 0;
		z[0] = -INF;
		z[1] = INF;
		f[0] = grid[offset];
		for (int q = 1, k = 0; q < length; q++) {
			f[q] = grid[offset + q * stride];
			double q2 = (double) q * q;
			double s;
			do {
				int r = v[k];
				s = (f[q] - f[r] + q2 - (double) r * r) / (q - r) / 2;
			}
			while (s <= z[k] && --k > -1);
			k++;
			v[k] = q;
			z[k] = s;
			z[k + 1] = INF;
		}
		for (int q = 0, k = 0; q < length; q++) {
			while (z[k + 1] < q) {
				k++;
			}
			int r = v[k];
			double qr = q - r;
			grid[offset + q * stride] = f[r] + qr * qr;
		}
	}

	/** Just enough of the protobuf wire format for the glyph messages. */
	private static final class Protobuf {

		private final ByteArrayOutputStream out = new ByteArrayOutputStream();

		void varint(int field, long value) {
			raw((field << 3) | 0);
			raw(value);
		}

		void signed(int field, int value) {
			varint(field, (value << 1) ^ (value >> 31));
		}

		void bytes(int field, byte[] value) {
			raw((field << 3) | 2);
			raw(value.length);
			this.out.writeBytes(value);
		}

		void string(int field, String value) {
			bytes(field, value.getBytes(StandardCharsets.UTF_8));
		}

		void message(int field, Protobuf message) {
			bytes(field, message.bytes());
		}

		byte[] bytes() {
			return this.out.toByteArray();
		}

		private void raw(long value) {
			long rest = value & 0xFFFFFFFFL;
			while (rest >= 0x80) {
				this.out.write((int) ((rest & 0x7F) | 0x80));
				rest >>>= 7;
			}
			this.out.write((int) rest);
		}

	}

}
