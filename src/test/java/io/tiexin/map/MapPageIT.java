package io.tiexin.map;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import io.tiexin.TiexinIntegrationTest;
import io.tiexin.grid.Area;
import io.tiexin.grid.AreaCatalog;
import io.tiexin.grid.AreaLevel;
import io.tiexin.security.DevTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Point;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
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

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	static final Path SCREENSHOT = Path.of("target", "map-page.png");

	/**
	 * A township no other test writes to, so the petitions placed here disturb no other
	 * test's dispatch.
	 */
	static final String TOWNSHIP = "360322103";

	static final Duration WAIT = Duration.ofSeconds(45);

	static final String SUBMIT = """
			mutation { submitPetition(input: {title: "%s", categoryCode: "STREET_LIGHT", channel: MINI_PROGRAM,
			  location: {lon: %s, lat: %s}}) { trackingNumber } }""";

	@LocalServerPort
	int port;

	@Autowired
	DevTokens tokens;

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

			WebElement username = this.browser.findElement(By.id("username"));
			username.clear();
			username.sendKeys("county-officer");
			this.browser.findElement(By.id("sign-in-button")).click();
			waitFor("the sign-in", () -> text("sign-in-status").contains("已登录 / signed in"));

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
			waitFor("the total to count the new petition", () -> number(text("count-total")) > totalBefore);
		}
		finally {
			Files.createDirectories(SCREENSHOT.getParent());
			Files.write(SCREENSHOT, this.browser.getScreenshotAs(OutputType.BYTES));
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

	@Test
	void thePageItsScriptsAndItsSettingsArePublic() {
		this.http.get()
			.uri("/")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_HTML);
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
		return this.tokens.as("citizen2")
			.document(String.format(Locale.ROOT, SUBMIT, title, point.getX(), point.getY()))
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
			throw new AssertionError("The map page did not show " + what + " within " + WAIT.toSeconds() + " s. "
					+ "Sign-in: " + text("sign-in-status") + " | counts: " + text("counts-status") + " | feed: "
					+ text("feed-status"), timedOut);
		}
	}

	private Object script(String javaScript) {
		return ((JavascriptExecutor) this.browser).executeScript(javaScript);
	}

	private String text(String id) {
		return this.browser.findElement(By.id(id)).getText();
	}

	private static int number(String shown) {
		return Integer.parseInt(shown.replace(",", ""));
	}

}
