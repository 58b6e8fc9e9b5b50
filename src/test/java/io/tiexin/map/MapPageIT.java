package io.tiexin.map;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import io.tiexin.GraphQlClient;
import io.tiexin.TiexinIntegrationTest;
import io.tiexin.grid.Area;
import io.tiexin.grid.AreaCatalog;
import io.tiexin.grid.AreaFixtures;
import io.tiexin.grid.AreaLevel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The map page at {@code /} in headless Chromium against the running demo: it signs in
 * with a dev token, draws the grid cells from the vector tiles (WebGL through
 * SwiftShader), shows the county's counts, and a petition submitted over GraphQL appears
 * in its live feed (WebSocket subscription) and raises its total. The last screen is
 * saved as {@code target/map-page.png}.
 */
@TiexinIntegrationTest
class MapPageIT {

	@Autowired
	GraphQlClient client;

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	static final Path SCREENSHOT = Path.of("target", "map-page.png");

	/**
	 * A township claimed for this class alone ({@link AreaFixtures#claim}), so the
	 * petitions placed here disturb no other test's dispatch.
	 */
	static final String TOWNSHIP = AreaFixtures.claim(MapPageIT.class, "360322103");

	static final Duration WAIT = Duration.ofSeconds(45);

	@LocalServerPort
	int port;

	@Autowired
	AreaCatalog areas;

	@Autowired
	WebTestClient http;

	ChromeDriver browser;

	private void openBrowser() throws IOException {
		if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
			fail("The map page test drives Debian's Chromium, and " + CHROMIUM + " or " + CHROMEDRIVER
					+ " is missing: apt-get install -y chromium chromium-driver (scripts/test installs them)");
		}
		ChromeOptions options = new ChromeOptions();
		// The browser's own network log (Chrome DevTools' Network domain), to prove
		// nothing
		// is fetched from another host.
		LoggingPreferences logs = new LoggingPreferences();
		logs.enable(LogType.PERFORMANCE, Level.ALL);
		// The console, so a failure names what the page refused (a
		// Content-Security-Policy
		// violation, a script error).
		logs.enable(LogType.BROWSER, Level.ALL);
		options.setCapability("goog:loggingPrefs", logs);
		// MapLibre fetches tiles in a web worker, which the page's Network domain does
		// not
		// see; the renderer's timeline trace does (ResourceSendRequest, every thread).
		options.setExperimentalOption("perfLoggingPrefs",
				Map.of("enableNetwork", true, "traceCategories", "devtools.timeline"));
		options.setBinary(CHROMIUM.toFile());
		// WebGL without a GPU: ANGLE on SwiftShader, which Chromium no longer falls back
		// to on its own.
		// The networking flags keep Chromium from calling home on a closed network.
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--use-angle=swiftshader", "--enable-unsafe-swiftshader", "--window-size=1400,900",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--user-data-dir=" + Files.createTempDirectory("map-page-chromium"));
		ChromeDriverService driver = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		this.browser = new ChromeDriver(driver, options);
	}

	@AfterEach
	void closeBrowser() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@Test
	void theCountyAtAGlanceWithALiveFeed() throws Exception {
		placePetitionsInTownship();
		openBrowser();
		try {
			this.browser.get("http://localhost:" + this.port + "/");
			waitFor("the map to load its style and layers", () -> Boolean.TRUE
				.equals(script("return !!(window.tiexinMap && window.tiexinMap.getLayer('grid-fill'))")));

			// Signed out: the public tile, small counts withheld.
			Envelope township = townshipBoundary().getEnvelopeInternal();
			fitTo(township);
			waitFor("withheld cells drawn in the township", () -> Boolean.TRUE.equals(script("""
					return window.tiexinMap.queryRenderedFeatures({ layers: ['grid-fill'] })
					  .some((cell) => typeof cell.properties.open !== 'number');""")));
			everyCellIsDrawnInALegendColour(true);
			villageNamesAreLabelled();

			WebElement username = this.browser.findElement(By.id("username"));
			username.clear();
			username.sendKeys("county-officer");
			this.browser.findElement(By.id("sign-in-button")).click();
			waitFor("the sign-in", () -> text("sign-in-status").contains("已登录 / signed in"));

			// A county administrator may see every count: the private tile withholds
			// none.
			waitFor("the administrator's exact counts (no withheld cell)", () -> Boolean.TRUE.equals(script("""
					const cells = window.tiexinMap.queryRenderedFeatures({ layers: ['grid-fill'] });
					return cells.length > 20 && cells.every((cell) => typeof cell.properties.open === 'number');""")));
			everyCellIsDrawnInALegendColour(false);

			// At county zoom the petitions are clusters, not thousands of points.
			script("window.tiexinMap.jumpTo({ zoom: 10, center: window.tiexinMap.getCenter() });");
			waitFor("petitions clustered at county zoom", () -> Boolean.TRUE.equals(script("""
					const map = window.tiexinMap;
					const clusters = map.queryRenderedFeatures({ layers: ['petitions-clusters'] });
					return map.getZoom() < 11 && clusters.length > 0
					  && clusters.every((cluster) => cluster.properties.point_count > 0)
					  && map.queryRenderedFeatures({ layers: ['petitions-points'] }).length === 0;""")));
			script("window.tiexinMap.fitBounds(window.tiexinCountyBounds, { animate: false, padding: 20 });");

			waitFor("grid cells with open cases drawn from the vector tiles", () -> {
				List<?> drawn = (List<?>) script("""
						const cells = window.tiexinMap.queryRenderedFeatures({ layers: ['grid-fill'] });
						return [cells.length, cells.filter((cell) => cell.properties.open > 0).length];""");
				return ((Number) drawn.get(0)).intValue() > 100 && ((Number) drawn.get(1)).intValue() > 0;
			});
			waitFor("the county's counts", () -> text("count-total").matches("[\\d,]+")
					&& text("count-open").matches("[\\d,]+") && text("count-hot").matches("\\d+"));
			int totalBefore = number(text("count-total"));
			assertThat(totalBefore).as("petitions in the county's total").isPositive();
			waitFor("the live feed to connect", () -> text("feed-status").contains("实时 / live"));

			String trackingNumber = submitUntilShownLive();
			WebElement shown = this.browser
				.findElement(By.cssSelector("#feed li[data-tracking-number='" + trackingNumber + "']"));
			assertThat(shown.getText()).contains(trackingNumber).contains("路灯不亮 (map page test)");
			// 170 cells are called "六组": the feed names the cell with its village.
			Area cell = gridCellsOfTownship().get(0);
			Area village = this.areas.list(AreaLevel.VILLAGE, null, null)
				.stream()
				.filter(candidate -> cell.code().startsWith(candidate.code()))
				.findFirst()
				.orElseThrow();
			assertThat(shown.getText()).contains(village.name() + " " + cell.name());
			waitFor("the total to count the new petition", () -> number(text("count-total")) > totalBefore);
			noRequestLeftTheService("/tiles/grid/");
		}
		finally {
			Files.createDirectories(SCREENSHOT.getParent());
			Files.write(SCREENSHOT, this.browser.getScreenshotAs(OutputType.BYTES));
		}
	}

	/**
	 * A meeting planned over GraphQL shows on the meetings layer in the legend's colour:
	 * signed out from the public notice of upcoming meetings, signed in as the township's
	 * officer from the staff layer, with the township's liaisons without a visit in 30
	 * days listed in the side panel; a citizen gets no such panel. The screen is saved as
	 * {@code target/map-page-meetings.png}.
	 */
	@Test
	void meetingsLayerWithItsLegendAndIdleLiaisonsForAnOfficer() throws Exception {
		String officer = "officer-" + TOWNSHIP;
		Point place = gridCellsOfTownship().get(3).boundary().getInteriorPoint();
		// The layer's features carry the meeting's number; GraphQL answers its global id.
		String meetingId = meetingNumber(this.client.as(officer)
			.documentName("map/planMeetingAt")
			.variable("input",
					Map.of("title", "屋场贴心会 (map page test)", "location",
							Map.of("lon", place.getX(), "lat", place.getY()), "scheduledAt",
							java.time.OffsetDateTime.now().plusHours(2).toString(), "agenda", "修路 / the road"))
			.execute()
			.path("planMeeting.id")
			.entity(String.class)
			.get());
		openBrowser();
		try {
			this.browser.get("http://localhost:" + this.port + "/");
			waitFor("the meetings layer", () -> Boolean.TRUE
				.equals(script("return !!(window.tiexinMap && window.tiexinMap.getLayer('meetings-points'))")));
			assertThat(this.browser.findElement(By.id("meetings-legend")).isDisplayed()).as("the meetings legend")
				.isTrue();
			assertThat(this.browser.findElement(By.id("meetings-legend")).getText()).contains("已召开 held",
					"待召开 upcoming");
			fitTo(townshipBoundary().getEnvelopeInternal());

			// Signed out: the public notice, drawn as upcoming.
			waitFor("the planned meeting drawn from the public notice", () -> meetingDrawn(meetingId, "PLANNED"));
			meetingIsDrawnInItsLegendColour(meetingId, "PLANNED");
			assertThat(this.browser.findElement(By.id("idle-liaisons")).isDisplayed()).as("idle liaisons signed out")
				.isFalse();

			signIn(officer);
			waitFor("the planned meeting drawn from the staff layer", () -> Boolean.TRUE.equals(script("""
					const drawn = window.tiexinMap.queryRenderedFeatures({ layers: ['meetings-points'] })
					  .find((meeting) => String(meeting.properties.id) === arguments[0]);
					return !!drawn && 'filed' in drawn.properties && drawn.properties.place.length > 0;""",
					meetingId)));
			meetingIsDrawnInItsLegendColour(meetingId, "PLANNED");
			script("""
					const map = window.tiexinMap;
					const drawn = map.queryRenderedFeatures({ layers: ['meetings-points'] })
					  .find((meeting) => String(meeting.properties.id) === arguments[0]);
					map.fire('click', { lngLat: { lng: drawn.geometry.coordinates[0], lat: drawn.geometry.coordinates[1] },
					  point: map.project(drawn.geometry.coordinates), features: [drawn] });""",
					meetingId);

			waitFor("the idle liaisons panel", () -> this.browser.findElement(By.id("idle-liaisons")).isDisplayed()
					&& !this.browser.findElements(By.cssSelector("#idle-list li")).isEmpty());
			List<String> idle = this.client.as(officer)
				.documentName("map/idleLiaisonsOfArea")
				.variable("code", TOWNSHIP)
				.variable("days", 30)
				.execute()
				.path("idleLiaisons[*].homeArea.code")
				.entityList(String.class)
				.get();
			assertThat(idle).isNotEmpty().allMatch(code -> code.startsWith(TOWNSHIP));
			List<WebElement> listed = this.browser.findElements(By.cssSelector("#idle-list li"));
			assertThat(listed).hasSize(idle.size());
			assertThat(listed).allMatch(item -> !item.findElements(By.cssSelector("a[href^='tel:']")).isEmpty());
		}
		finally {
			Files.createDirectories(SCREENSHOT.getParent());
			Files.write(SCREENSHOT.resolveSibling("map-page-meetings.png"),
					this.browser.getScreenshotAs(OutputType.BYTES));
		}
		// A citizen has no idle-liaisons panel (the query is FORBIDDEN to them).
		this.browser.quit();
		openBrowser();
		this.browser.get("http://localhost:" + this.port + "/");
		waitFor("the meetings layer", () -> Boolean.TRUE
			.equals(script("return !!(window.tiexinMap && window.tiexinMap.getLayer('meetings-points'))")));
		signIn("citizen2");
		assertThat(this.browser.findElement(By.id("idle-liaisons")).isDisplayed()).as("idle liaisons for a citizen")
			.isFalse();
	}

	private void signIn(String username) {
		WebElement field = this.browser.findElement(By.id("username"));
		field.clear();
		field.sendKeys(username);
		this.browser.findElement(By.id("sign-in-button")).click();
		waitFor("the sign-in of " + username,
				() -> text("sign-in-status").contains("已登录 / signed in") && text("sign-in-status").contains(username));
	}

	private boolean meetingDrawn(String meetingId, String status) {
		return Boolean.TRUE.equals(script("""
				return window.tiexinMap.queryRenderedFeatures({ layers: ['meetings-points'] })
				  .some((meeting) => String(meeting.properties.id) === arguments[0]
				    && meeting.properties.status === arguments[1]);""", meetingId, status));
	}

	/**
	 * Only the grid and the meetings shown: the pixel at the meeting's centre is the
	 * colour of its status in the legend, and no grid colour.
	 */
	private void meetingIsDrawnInItsLegendColour(String meetingId, String status) throws IOException {
		script("""
				const map = window.tiexinMap;
				for (const layer of map.getStyle().layers) {
				  if (layer.id !== 'background' && !layer.id.startsWith('grid-') && layer.id !== 'meetings-points') {
				    map.setLayoutProperty(layer.id, 'visibility', 'none');
				  }
				}""");
		try {
			waitForIdleMap();
			@SuppressWarnings("unchecked")
			List<Number> at = (List<Number>) script("""
					const map = window.tiexinMap;
					const drawn = map.queryRenderedFeatures({ layers: ['meetings-points'] })
					  .find((meeting) => String(meeting.properties.id) === arguments[0]);
					const box = map.getCanvas().getBoundingClientRect();
					const point = map.project(drawn.geometry.coordinates);
					return [box.left + point.x, box.top + point.y];""", meetingId);
			String legendCss = (String) script("""
					return getComputedStyle(document.querySelector(
					  '#meetings-legend span[data-legend="' + arguments[0] + '"] .dot')).backgroundColor;""", status);
			BufferedImage screen = ImageIO
				.read(new ByteArrayInputStream(this.browser.getScreenshotAs(OutputType.BYTES)));
			double ratio = ((Number) script("return window.devicePixelRatio")).doubleValue();
			int x = (int) Math.round(at.get(0).doubleValue() * ratio);
			int y = (int) Math.round(at.get(1).doubleValue() * ratio);
			int[] drawn = rgb(screen.getRGB(x, y));
			assertThat(near(drawn, rgb(legendCss)))
				.as("meeting %s at (%d, %d) drawn rgb(%d, %d, %d), the legend's %s is %s", meetingId, x, y, drawn[0],
						drawn[1], drawn[2], status, legendCss)
				.isTrue();
			for (WebElement grid : this.browser.findElements(By.cssSelector("#grid-legend span[data-legend]"))) {
				assertThat(near(rgb(legendCss), rgb(grid.getCssValue("background-color"))))
					.as("the meetings' %s colour is not the grid legend's %s", status, grid.getText())
					.isFalse();
			}
		}
		finally {
			setLayers("visible");
		}
	}

	/**
	 * The map page loads only from the service (the browser test above draws the county
	 * under this very policy), and nothing may frame it. {@code /error} asked for
	 * directly is a page that does not exist, not a 500 with status 999.
	 */
	@Test
	void theMapPageHasAContentSecurityPolicyAndErrorIsNotFound() {
		this.http.get()
			.uri("/")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.value("Content-Security-Policy",
					policy -> assertThat(policy).contains("default-src 'self'")
						.contains("script-src 'self';")
						.contains("frame-ancestors 'none'")
						.doesNotContain("unsafe-eval"));
		this.http.get()
			.uri("/graphiql")
			.exchange()
			.expectHeader()
			.value("Content-Security-Policy", policy -> assertThat(policy).contains("frame-ancestors 'none'"));
		this.http.get()
			.uri("/error")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody(String.class)
			.value(body -> assertThat(body).contains("NOT_FOUND").doesNotContain("999"));
	}

	/**
	 * Samples the screenshot inside every grid cell drawn (labels, hot spots and
	 * petitions hidden): each is one of the legend's colours, and a cell whose count is
	 * withheld is the legend's "withheld" colour (with none, the style used to fall back
	 * to black).
	 */
	private void everyCellIsDrawnInALegendColour(boolean expectWithheld) throws IOException {
		setLayers("none");
		try {
			waitForIdleMap();
			@SuppressWarnings("unchecked")
			Map<String, Object> legend = (Map<String, Object>) script("""
					const colours = {};
					for (const span of document.querySelectorAll('#grid-legend span[data-legend]')) {
					  colours[span.dataset.legend] = getComputedStyle(span).backgroundColor;
					}
					return colours;""");
			assertThat(legend).containsKeys("0", "1", "3", "10", "withheld");
			Map<String, int[]> legendColours = new LinkedHashMap<>();
			legend.forEach((name, css) -> legendColours.put(name, rgb((String) css)));
			@SuppressWarnings("unchecked")
			List<Map<String, Object>> samples = (List<Map<String, Object>>) script(SAMPLE_POINTS);
			assertThat(samples).as("cells with room to sample").hasSizeGreaterThan(20);
			BufferedImage screen = ImageIO
				.read(new ByteArrayInputStream(this.browser.getScreenshotAs(OutputType.BYTES)));
			double ratio = ((Number) script("return window.devicePixelRatio")).doubleValue();
			int withheld = 0;
			for (Map<String, Object> sample : samples) {
				int x = (int) Math.round(((Number) sample.get("x")).doubleValue() * ratio);
				int y = (int) Math.round(((Number) sample.get("y")).doubleValue() * ratio);
				int[] drawn = rgb(screen.getRGB(x, y));
				String expected = Boolean.TRUE.equals(sample.get("withheld")) ? "withheld"
						: legendClassOf(((Number) sample.get("open")).intValue());
				assertThat(near(drawn, legendColours.get(expected)))
					.as("cell %s at (%d, %d) drawn rgb(%d, %d, %d), the legend's %s is %s", sample.get("code"), x, y,
							drawn[0], drawn[1], drawn[2], expected, legend.get(expected))
					.isTrue();
				withheld += expected.equals("withheld") ? 1 : 0;
			}
			if (expectWithheld) {
				assertThat(withheld).as("withheld cells sampled").isPositive();
			}
		}
		finally {
			setLayers("visible");
		}
	}

	/**
	 * A point well inside each drawn cell (the same cell answers 4 px around it), in CSS
	 * pixels of the page.
	 */
	static final String SAMPLE_POINTS = """
			const map = window.tiexinMap;
			const seen = new Set();
			const samples = [];
			const box = map.getCanvas().getBoundingClientRect();
			for (const cell of map.queryRenderedFeatures({ layers: ['grid-fill'] })) {
			  const code = cell.properties.code;
			  if (seen.has(code)) continue;
			  seen.add(code);
			  const ring = cell.geometry.type === 'Polygon' ? cell.geometry.coordinates[0] : cell.geometry.coordinates[0][0];
			  const lon = ring.reduce((sum, p) => sum + p[0], 0) / ring.length;
			  const lat = ring.reduce((sum, p) => sum + p[1], 0) / ring.length;
			  const at = map.project([lon, lat]);
			  if (at.x < 30 || at.y < 30 || at.x > box.width - 30 || at.y > box.height - 30) continue;
			  const sameCell = [[0, 0], [4, 0], [-4, 0], [0, 4], [0, -4]].every(([dx, dy]) => {
			    const here = map.queryRenderedFeatures([at.x + dx, at.y + dy], { layers: ['grid-fill'] });
			    return here.length === 1 && here[0].properties.code === code;
			  });
			  // not under the zoom buttons or a popup
			  if (!sameCell || document.elementFromPoint(box.left + at.x, box.top + at.y) !== map.getCanvas()) continue;
			  const open = cell.properties.open;
			  samples.push({ code, x: box.left + at.x, y: box.top + at.y, withheld: typeof open !== 'number',
			                 open: typeof open === 'number' ? open : -1 });
			}
			return samples;""";

	private static String legendClassOf(int open) {
		return (open >= 10) ? "10" : (open >= 3) ? "3" : (open >= 1) ? "1" : "0";
	}

	/**
	 * At village zoom the villages are named, in Chinese, from the service's labels
	 * tiles.
	 */
	private void villageNamesAreLabelled() {
		script("window.tiexinMap.jumpTo({ zoom: 12, center: window.tiexinMap.getCenter() });");
		waitFor("village names labelled at zoom 12", () -> Boolean.TRUE.equals(script("""
				const labels = window.tiexinMap.queryRenderedFeatures({ layers: ['labels-village'] });
				return labels.length > 2 && labels.every((label) => /村|社区|居委/.test(label.properties.name));""")));
	}

	/**
	 * Every request the browser made (page, scripts, worker, tiles, glyphs, GraphQL, the
	 * WebSocket) went to this service: the page works on a closed network. (chrome:// are
	 * the browser's own pages, e.g. the new tab it opens with.)
	 */
	private void noRequestLeftTheService(String expectedPath) {
		List<String> urls = new ArrayList<>();
		Matcher url = Pattern.compile("\"url\":\"([^\"]+)\"").matcher("");
		for (LogEntry entry : this.browser.manage().logs().get(LogType.PERFORMANCE)) {
			String message = entry.getMessage();
			if (message.contains("\"Network.requestWillBeSent\"") || message.contains("\"Network.webSocketCreated\"")
					|| message.contains("\"ResourceSendRequest\"")) {
				url.reset(message);
				while (url.find()) {
					urls.add(url.group(1));
				}
			}
		}
		assertThat(urls).as("requests recorded").anyMatch(candidate -> candidate.contains(expectedPath));
		assertThat(urls).as("requests the browser made")
			.allMatch(candidate -> candidate.startsWith("http://localhost:" + this.port + "/")
					|| candidate.startsWith("ws://localhost:" + this.port + "/") || candidate.startsWith("data:")
					|| candidate.startsWith("blob:") || candidate.startsWith("chrome://"));
	}

	private void fitTo(Envelope envelope) {
		script(String.format(Locale.ROOT, """
				window.tiexinCountyBounds = window.tiexinCountyBounds ?? window.tiexinMap.getBounds();
				window.tiexinMap.fitBounds([[%s, %s], [%s, %s]], { animate: false, padding: 20 });""",
				envelope.getMinX(), envelope.getMinY(), envelope.getMaxX(), envelope.getMaxY()));
	}

	private void setLayers(String visibility) {
		script("""
				const map = window.tiexinMap;
				for (const layer of map.getStyle().layers) {
				  if (layer.id !== 'background' && !layer.id.startsWith('grid-')) {
				    map.setLayoutProperty(layer.id, 'visibility', arguments[0]);
				  }
				}""", visibility);
	}

	private void waitForIdleMap() {
		waitFor("the map to finish drawing", () -> Boolean.TRUE.equals(script("""
				const map = window.tiexinMap;
				return map.loaded() && map.areTilesLoaded() && !map.isMoving();""")));
		// one more frame, so the screenshot shows what was just loaded
		((JavascriptExecutor) this.browser).executeAsyncScript(
				"const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done(true)));");
	}

	private static int[] rgb(String css) {
		Matcher parts = Pattern.compile("rgba?\\((\\d+), (\\d+), (\\d+)").matcher(css);
		assertThat(parts.find()).as("a CSS colour: " + css).isTrue();
		return new int[] { Integer.parseInt(parts.group(1)), Integer.parseInt(parts.group(2)),
				Integer.parseInt(parts.group(3)) };
	}

	private static int[] rgb(int argb) {
		return new int[] { (argb >> 16) & 0xFF, (argb >> 8) & 0xFF, argb & 0xFF };
	}

	private static boolean near(int[] drawn, int[] expected) {
		for (int i = 0; i < 3; i++) {
			if (Math.abs(drawn[i] - expected[i]) > 6) {
				return false;
			}
		}
		return true;
	}

	private Geometry townshipBoundary() {
		return this.areas.list(AreaLevel.TOWNSHIP, null, null)
			.stream()
			.filter(area -> area.code().equals(TOWNSHIP))
			.findFirst()
			.orElseThrow()
			.boundary();
	}

	/**
	 * GraphiQL, served from the service's own copies of React and GraphiQL, renders and
	 * reads the schema with no request to another host.
	 */
	@Test
	void graphiqlWorksOffline() throws Exception {
		openBrowser();
		try {
			this.browser.get("http://localhost:" + this.port + "/graphiql");
			waitFor("GraphiQL to render with its query editor",
					() -> !this.browser.findElements(By.cssSelector(".graphiql-container .graphiql-query-editor"))
						.isEmpty());
			this.browser.findElement(By.cssSelector("button[aria-label='Show Documentation Explorer']")).click();
			waitFor("GraphiQL to read the schema (the documentation explorer names the Query type)",
					() -> this.browser.findElement(By.cssSelector(".graphiql-doc-explorer"))
						.getText()
						.contains("Query"));
			noRequestLeftTheService("/graphql");
		}
		finally {
			Files.createDirectories(SCREENSHOT.getParent());
			Files.write(SCREENSHOT.resolveSibling("graphiql.png"), this.browser.getScreenshotAs(OutputType.BYTES));
		}
	}

	/**
	 * The page is revalidated on every visit; the files it names carry their content hash
	 * and are kept a year.
	 */
	@Test
	void thePageItsScriptsAndItsSettingsArePublic() {
		String page = this.http.get()
			.uri("/")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_HTML)
			.expectHeader()
			.valueEquals(HttpHeaders.CACHE_CONTROL, "no-cache")
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		Matcher versioned = Pattern.compile("\"(/map/map\\.js\\?v=[0-9a-f]{16})\"").matcher(page);
		assertThat(versioned.find()).as("map.js named with its content hash in " + page).isTrue();
		assertThat(page).contains("/vendor/maplibre-gl/maplibre-gl.mjs?v=", "/vendor/maplibre-gl/maplibre-gl.css?v=");
		this.http.get()
			.uri(versioned.group(1))
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.CACHE_CONTROL, "max-age=31536000, public, immutable");
		this.http.get()
			.uri("/vendor/graphiql/graphiql.min.js?v=3.9.0")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.CACHE_CONTROL, "max-age=31536000, public, immutable");
		this.http.get()
			.uri("/map/map.js")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.CACHE_CONTROL, "no-cache");
		for (String script : List.of("/map/map.js", "/vendor/maplibre-gl/maplibre-gl.mjs",
				"/vendor/maplibre-gl/maplibre-gl-worker.mjs")) {
			// Browsers refuse a module script served with any type but JavaScript's.
			this.http.get()
				.uri(script)
				.exchange()
				.expectStatus()
				.isOk()
				.expectHeader()
				.contentTypeCompatibleWith(MediaType.parseMediaType("text/javascript"));
		}
		this.http.get()
			.uri("/map/config")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.basemapStyleUrl")
			.isEmpty();
	}

	/**
	 * The protocol has no answer to {@code subscribe}, so the page cannot know when the
	 * server listens: a petition submitted in that instant would pass unseen. Submitted
	 * again until one shows, as {@code PetitionEventsIT} probes; every later one must
	 * show too.
	 */
	private String submitUntilShownLive() {
		Area cell = gridCellsOfTownship().get(0);
		for (int attempt = 1; attempt <= 3; attempt++) {
			String trackingNumber = submitAt(cell.boundary().getInteriorPoint(), "路灯不亮 (map page test)");
			try {
				new WebDriverWait(this.browser, Duration.ofSeconds(10)).until(page -> !page
					.findElements(By.cssSelector("#feed li[data-tracking-number='" + trackingNumber + "']"))
					.isEmpty());
				return trackingNumber;
			}
			catch (TimeoutException notYet) {
				// the subscription was not listening yet
			}
		}
		throw new AssertionError(
				"No petition submitted over GraphQL appeared in the live feed; feed status: " + text("feed-status"));
	}

	/** Petitions in a few cells, one to four each, so the shading shows differences. */
	private void placePetitionsInTownship() {
		List<Area> cells = gridCellsOfTownship();
		for (int i = 0; i < 12; i++) {
			for (int copy = 0; copy <= i % 4; copy++) {
				submitAt(cells.get(i).boundary().getInteriorPoint(), "路灯不亮");
			}
		}
	}

	private List<Area> gridCellsOfTownship() {
		return this.areas.list(AreaLevel.GRID, null, null)
			.stream()
			.filter(area -> area.code().startsWith(TOWNSHIP))
			.toList();
	}

	private String submitAt(Point point, String title) {
		return this.client.as("citizen2")
			.documentName("petition/submitPetitionTrackingNumber")
			.variable("input",
					Map.of("title", title, "categoryCode", "STREET_LIGHT", "channel", "MINI_PROGRAM", "location",
							Map.of("lon", point.getX(), "lat", point.getY())))
			.execute()
			.path("submitPetition.trackingNumber")
			.entity(String.class)
			.get();
	}

	private void waitFor(String what, java.util.function.BooleanSupplier condition) {
		try {
			new WebDriverWait(this.browser, WAIT).ignoring(RuntimeException.class)
				.until(page -> condition.getAsBoolean());
		}
		catch (TimeoutException timedOut) {
			String page;
			try {
				page = "Sign-in: " + text("sign-in-status") + " | counts: " + text("counts-status") + " | feed: "
						+ text("feed-status");
			}
			catch (RuntimeException notTheMapPage) {
				page = this.browser.getCurrentUrl();
			}
			throw new AssertionError("The page did not show " + what + " within " + WAIT.toSeconds() + " s. " + page
					+ " | console: " + consoleMessages(), timedOut);
		}
	}

	private List<String> consoleMessages() {
		try {
			return this.browser.manage()
				.logs()
				.get(LogType.BROWSER)
				.getAll()
				.stream()
				.map(LogEntry::getMessage)
				.toList();
		}
		catch (RuntimeException unavailable) {
			return List.of("(unavailable: " + unavailable + ")");
		}
	}

	private Object script(String javaScript, Object... arguments) {
		return ((JavascriptExecutor) this.browser).executeScript(javaScript, arguments);
	}

	private String text(String id) {
		return this.browser.findElement(By.id(id)).getText();
	}

	private static int number(String shown) {
		return Integer.parseInt(shown.replace(",", ""));
	}

	private static String meetingNumber(String globalId) {
		return Long.toString(GraphQlClient.number(globalId));
	}

}
