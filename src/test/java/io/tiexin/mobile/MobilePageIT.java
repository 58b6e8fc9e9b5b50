package io.tiexin.mobile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;

import io.tiexin.GraphQlClient;
import io.tiexin.TestClock;
import io.tiexin.TiexinIntegrationTest;
import io.tiexin.grid.Area;
import io.tiexin.grid.AreaCatalog;
import io.tiexin.petition.PetitionFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
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
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The grid worker's phone page at {@code /m/} in headless Chromium with a phone's screen
 * (360 × 740) and a position inside a demo grid cell. Its grid member signs in and sees
 * the cases near them as {@code nearbyPetitions} gives them, accepts one, loses the
 * signal (DevTools' offline switch for the page, and a relay that drops every connection,
 * the service worker's too), resolves it and records a visit, reloads the page with no
 * signal, and finds both applied exactly once in the API when the signal returns; an
 * action the service refuses meanwhile (a stale version) is shown to the person.
 * Screenshots of each view go to {@code target/m-*.png}; the page's weight and its time
 * to a usable view are logged.
 */
@TiexinIntegrationTest
class MobilePageIT {

	private static final Logger log = LoggerFactory.getLogger(MobilePageIT.class);

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	/** A cell of 福田镇, a township no other test writes to. */
	static final String CELL = "360322104001003";

	static final String GRID_MEMBER = "gm-360322104001003";

	static final String OFFICER = "officer-360322104";

	static final int RADIUS = 500;

	static final List<String> OPEN = List.of("SUBMITTED", "ASSIGNED", "ACCEPTED", "IN_PROGRESS");

	static final String VISIT_NOTE = "走访三组王大爷家，反映路灯已修好";

	static final Duration WAIT = Duration.ofSeconds(40);

	/** The open cases near a point, as the page asks for them. */
	static final String NEARBY = "mobile/nearbyOpenCases";

	static final String CASE = "mobile/caseTimeline";

	@LocalServerPort
	int port;

	@Autowired
	GraphQlClient client;

	@Autowired
	AreaCatalog areas;

	@Autowired
	WebTestClient http;

	@Autowired
	TestClock clock;

	ChromeDriver browser;

	SignalRelay signal;

	@AfterEach
	void closeBrowser() {
		this.clock.reset();
		if (this.browser != null) {
			this.browser.quit();
		}
		if (this.signal != null) {
			this.signal.close();
		}
	}

	@Test
	void nearbyCasesAcceptedOnlineResolvedWithNoSignalAndAppliedOnceWhenItReturns() throws Exception {
		Point here = this.areas.find(CELL).orElseThrow().boundary().getInteriorPoint();
		String overdue = placePetitionsAround(here);
		String gridMemberId = this.client.as(GRID_MEMBER)
			.documentName("people/myId")
			.execute()
			.path("me.id")
			.entity(String.class)
			.get();
		openPhone(here);
		String page = "http://127.0.0.1:" + this.signal.port() + "/m/";

		// First load: the shell, and the service worker that keeps it
		this.signal.takeBytesToBrowser();
		drainNetworkLog();
		this.browser.get(page);
		waitFor("the sign-in form", () -> this.browser.findElement(By.id("username")).isDisplayed());
		waitFor("the service worker to control the page",
				() -> Boolean.TRUE.equals(script("return !!navigator.serviceWorker.controller")));
		Number shellReady = (Number) script(
				"return performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd");
		long firstLoadOnWire = this.signal.takeBytesToBrowser();
		NetworkLog firstLoad = drainNetworkLog();

		screenshot("m-sign-in.png");
		WebElement username = this.browser.findElement(By.id("username"));
		username.sendKeys(GRID_MEMBER);
		this.browser.findElement(By.id("sign-in")).click();
		waitFor("the nearby cases within 1 km", () -> text("nearby-status").contains("1 公里内"));
		new Select(this.browser.findElement(By.id("radius"))).selectByValue(String.valueOf(RADIUS));
		waitFor("the nearby cases within 500 m", () -> text("nearby-status").contains(RADIUS + " 米内"));

		// The page lists what nearbyPetitions answers for the same point and radius, in
		// its order, with its metres
		GraphQlTester.Response nearby = this.client.as(GRID_MEMBER)
			.documentName(NEARBY)
			.variable("lon", here.getX())
			.variable("lat", here.getY())
			.variable("radius", RADIUS)
			.execute();
		List<String> apiIds = nearby.path("nearbyPetitions[*].petition.id").entityList(String.class).get();
		List<Double> apiMetres = nearby.path("nearbyPetitions[*].distanceMeters").entityList(Double.class).get();
		List<String> assignees = nearby.path("nearbyPetitions[*].petition.assignee.username")
			.entityList(String.class)
			.get();
		assertThat(apiIds).as("cases near the grid member").hasSizeGreaterThanOrEqualTo(4);
		assertThat(apiMetres).isSorted();
		assertThat(listed("#nearby-list li[data-id]", "data-id")).as("the page's list, nearest first")
			.containsExactlyElementsOf(apiIds);
		assertThat(listed("#nearby-list li[data-id] .distance", "data-meters")).as("metres shown")
			.containsExactlyElementsOf(apiMetres.stream().map(m -> String.valueOf(Math.round(m))).toList());
		assertThat(this.browser.findElement(By.cssSelector("#nearby-list li[data-id] .distance")).getText())
			.matches("\\d+ 米 · (北|东北|东|东南|南|西南|西|西北)");
		screenshot("m-nearby.png");

		tap("#tabs [data-view=mine]");
		waitFor("my cases", () -> text("mine-status").startsWith("共 "));
		List<String> myCases = this.client.as(GRID_MEMBER)
			.documentName("mobile/myCaseIds")
			.execute()
			.path("myCases.edges[*].node.id")
			.entityList(String.class)
			.get();
		assertThat(listed("#mine-list li[data-id]", "data-id")).as("my cases on the page")
			.containsExactlyInAnyOrderElementsOf(myCases);
		WebElement first = this.browser.findElement(By.cssSelector("#mine-list li[data-id]"));
		assertThat(first.getDomAttribute("data-id")).as("the overdue case first").isEqualTo(overdue);
		assertThat(first.getDomAttribute("class")).isEqualTo("overdue");
		assertThat(first.getText()).contains("超期").contains("已超期");
		screenshot("m-mine.png");

		// Accept the nearest case assigned to me, with signal
		List<String> mine = new ArrayList<>();
		for (int i = 0; i < apiIds.size(); i++) {
			if (GRID_MEMBER.equals(assignees.get(i)) && !apiIds.get(i).equals(overdue)) {
				mine.add(apiIds.get(i));
			}
		}
		assertThat(mine).as("nearby cases assigned to the grid member").hasSizeGreaterThanOrEqualTo(2);
		String accepted = mine.get(0);
		tap("#tabs [data-view=nearby]");
		waitFor("the nearby list again", () -> text("nearby-status").contains(RADIUS + " 米内"));
		tap("#nearby-list li[data-id='" + accepted + "'] button");
		waitFor("the case, waiting to be accepted", () -> text("case-status").equals("待受理")
				&& !this.browser.findElements(By.cssSelector("#case-timeline li")).isEmpty());
		tap("#case-actions [data-action=accept]");
		waitFor("the case accepted", () -> text("case-status").equals("已受理"));
		assertThat(petition(accepted).path("petition.status").entity(String.class).get()).isEqualTo("ACCEPTED");
		screenshot("m-case.png");

		// No signal: resolve it on the phone
		goOffline();
		tap("#case-actions [data-action=resolve]");
		this.browser.findElement(By.id("case-form-text")).sendKeys("路灯已修复（无信号时办结）");
		this.browser.findElement(By.id("case-form-submit")).click();
		waitFor("the resolution queued on the phone",
				() -> text("queue-count").equals("1") && text("case-status").equals("已办结（待发送）"));

		// ... and record a visit where the phone stands
		tap("#tabs [data-view=visit]");
		waitFor("the visit form with a position", () -> text("visit-position").startsWith("位置 "));
		this.browser.findElement(By.id("visit-note")).sendKeys(VISIT_NOTE);
		WebElement households = this.browser.findElement(By.id("visit-households"));
		households.clear();
		households.sendKeys("6");
		tap("#visit-submit");
		waitFor("the visit queued on the phone", () -> text("queue-count").equals("2")
				&& !this.browser.findElements(By.cssSelector("#visit-list li[data-pending]")).isEmpty());
		screenshot("m-visit.png");

		// The shell reloads with no signal and shows what was last loaded
		this.browser.navigate().refresh();
		waitFor("the saved nearby list, offline", () -> text("nearby-status").contains("保存的结果")
				&& listed("#nearby-list li[data-id]", "data-id").equals(apiIds));
		assertThat(script("return !!navigator.serviceWorker.controller")).as("the shell from the service worker")
			.isEqualTo(true);
		assertThat(text("net")).isEqualTo("离线");
		assertThat(text("queue-count")).isEqualTo("2");
		screenshot("m-offline.png");
		assertThat(petition(accepted).path("petition.status").entity(String.class).get())
			.as("nothing reached the service without signal")
			.isEqualTo("ACCEPTED");
		assertThat(visitsNoted(gridMemberId)).as("visits recorded without signal").isEmpty();

		// The signal returns: sent once, in order
		goOnline();
		waitFor("the queue sent", () -> !this.browser.findElement(By.id("queue-badge")).isDisplayed());
		GraphQlTester.Response resolved = petition(accepted);
		assertThat(resolved.path("petition.status").entity(String.class).get()).isEqualTo("RESOLVED");
		List<String> types = resolved.path("petition.timeline[*].type").entityList(String.class).get();
		assertThat(types.stream().filter("ACCEPTED"::equals)).as("accepted once").hasSize(1);
		assertThat(types.stream().filter("RESOLVED"::equals)).as("resolved once").hasSize(1);
		assertThat(resolved.path("petition.timeline[*].note").entityList(String.class).get()).contains("路灯已修复（无信号时办结）");
		List<Map<String, Object>> visits = visitsNoted(gridMemberId);
		assertThat(visits).as("the visit, recorded once").hasSize(1);
		assertThat(visits.get(0)).containsEntry("householdCount", 6);
		assertThat(visits.get(0)).extracting("location").extracting("grid").extracting("code").isEqualTo(CELL);
		tap("#tabs [data-view=visit]");
		waitFor("the recorded visit listed",
				() -> this.browser.findElements(By.cssSelector("#visit-list li[data-pending]")).isEmpty()
						&& this.browser.findElement(By.id("visit-list")).getText().contains(VISIT_NOTE));
		tap("#tabs [data-view=nearby]");
		waitFor("the nearby cases", () -> text("nearby-status").contains(RADIUS + " 米内"));

		// A later load, with the shell from the service worker
		drainNetworkLog();
		this.signal.takeBytesToBrowser();
		this.browser.navigate().refresh();
		waitFor("the nearby cases after a reload", () -> text("nearby-status").contains(RADIUS + " 米内"));
		Number usable = (Number) script("return performance.getEntriesByName('tx-usable')[0].startTime");
		long laterLoadOnWire = this.signal.takeBytesToBrowser();
		NetworkLog laterLoad = drainNetworkLog();
		log.info(
				"Phone page weight: first load {} bytes on the wire (page and service worker; DevTools: {}), "
						+ "sign-in form ready after {} ms; later load {} bytes on the wire (DevTools: {}), "
						+ "first usable view (nearby list from the API) after {} ms",
				firstLoadOnWire, firstLoad, Math.round(shellReady.doubleValue()), laterLoadOnWire, laterLoad,
				Math.round(usable.doubleValue()));
		assertThat(laterLoad.fromServiceWorker()).as("shell files served by the service worker").isPositive();

		// An action queued with no signal that the service refuses is shown, not
		// swallowed
		String stale = mine.get(1);
		tap("#nearby-list li[data-id='" + stale + "'] button");
		waitFor("the second case", () -> text("case-status").equals("待受理")
				&& !this.browser.findElements(By.cssSelector("#case-timeline li")).isEmpty());
		goOffline();
		tap("#case-actions [data-action=accept]");
		waitFor("the acceptance queued", () -> text("queue-count").equals("1"));
		this.client.as(OFFICER)
			.documentName("mobile/extendDeadlineVersion")
			.variable("id", stale)
			.variable("extraWorkingDays", 2)
			.variable("reason", "等材料")
			.execute()
			.path("extendDeadline.version")
			.hasValue();
		goOnline();
		waitFor("the refusal shown", () -> text("notice").contains("刚被他人更新"));
		assertThat(text("notice")).contains("没有生效");
		screenshot("m-refused.png");
		assertThat(this.browser.findElement(By.id("queue-badge")).isDisplayed()).isFalse();
		assertThat(petition(stale).path("petition.status").entity(String.class).get())
			.as("the refused acceptance changed nothing")
			.isEqualTo("ASSIGNED");
	}

	@Test
	void servedWithItsCacheHeadersAndAPolicyOfItsOwn() {
		this.http.get()
			.uri("/m")
			.exchange()
			.expectStatus()
			.is3xxRedirection()
			.expectHeader()
			.value("Location", location -> assertThat(location).endsWith("/m/"));
		this.http.get()
			.uri("/m/")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_HTML)
			.expectHeader()
			.cacheControl(org.springframework.http.CacheControl.noCache())
			.expectHeader()
			.valueEquals("Content-Security-Policy", MobilePageConfiguration.CONTENT_SECURITY_POLICY)
			.expectBody(String.class)
			.value(body -> assertThat(body).contains("附近").doesNotContain("<script>").doesNotContain("http"));
		for (String script : List.of("/m/app.js", "/m/sw.js")) {
			this.http.get()
				.uri(script)
				.exchange()
				.expectStatus()
				.isOk()
				.expectHeader()
				.contentTypeCompatibleWith(MediaType.parseMediaType("text/javascript"))
				.expectHeader()
				.cacheControl(org.springframework.http.CacheControl.noCache());
		}
		this.http.get()
			.uri("/m/manifest.webmanifest")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.parseMediaType("application/manifest+json"))
			.expectBody()
			.jsonPath("$.start_url")
			.isEqualTo("/m/")
			.jsonPath("$.icons.length()")
			.isEqualTo(2);
	}

	/**
	 * Five petitions 40-220 m from the phone inside its grid cell, so they go to the
	 * cell's grid member: one in a sensitive category, and one submitted a month ago, now
	 * overdue (returned).
	 */
	private String placePetitionsAround(Point here) {
		GeometryFactory geometry = here.getFactory();
		var cell = this.areas.find(CELL).orElseThrow().boundary();
		double[][] offsets = { { 40, 30 }, { 90, 120 }, { 150, 210 }, { 220, 300 }, { 60, 200 }, { 120, 20 },
				{ 180, 90 }, { 30, 260 } };
		String[] categories = { "STREET_LIGHT", "DISPUTE", "STREET_LIGHT", "STREET_LIGHT", "ENVIRONMENT" };
		String overdue = null;
		int placed = 0;
		for (double[] offset : offsets) {
			if (placed == categories.length) {
				break;
			}
			double bearing = Math.toRadians(offset[1]);
			double north = offset[0] * Math.cos(bearing);
			double east = offset[0] * Math.sin(bearing);
			Coordinate at = new Coordinate(here.getX() + east / (111_320 * Math.cos(Math.toRadians(here.getY()))),
					here.getY() + north / 110_574);
			if (!cell.contains(geometry.createPoint(at))) {
				continue;
			}
			boolean late = categories[placed].equals("ENVIRONMENT");
			if (late) {
				// Submitted a month ago: past its time limit now
				this.clock.set(OffsetDateTime.now().minusDays(30));
			}
			Map<String, Object> input = PetitionFixtures.submissionAt(at.x, at.y, categories[placed]);
			input.put("title", switch (categories[placed]) {
				case "DISPUTE" -> "邻里宅基地纠纷";
				case "ENVIRONMENT" -> "塘边垃圾堆放（上月反映）";
				default -> "村道路灯不亮（" + (placed + 1) + "号杆）";
			});
			input.put("contactName", "王大爷");
			input.put("contactPhone", "13907990001");
			String id = this.client.citizen()
				.documentName("petition/submitPetitionId")
				.variable("input", input)
				.execute()
				.path("submitPetition.id")
				.entity(String.class)
				.get();
			this.clock.reset();
			if (late) {
				overdue = id;
			}
			placed++;
			log.debug("Placed petition {} at {} m, bearing {}", id, offset[0], offset[1]);
		}
		assertThat(placed).as("petitions placed inside the cell " + CELL).isEqualTo(categories.length);
		return overdue;
	}

	private void openPhone(Point here) throws IOException {
		if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
			fail("The phone page test drives Debian's Chromium, and " + CHROMIUM + " or " + CHROMEDRIVER
					+ " is missing: apt-get install -y chromium chromium-driver (scripts/test installs them)");
		}
		this.signal = new SignalRelay(this.port);
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--user-data-dir=" + Files.createTempDirectory("phone-page-chromium"));
		Map<String, Object> metrics = new LinkedHashMap<>();
		metrics.put("width", 360);
		metrics.put("height", 740);
		metrics.put("pixelRatio", 2.0);
		metrics.put("touch", true);
		options.setExperimentalOption("mobileEmulation", Map.of("deviceMetrics", metrics, "userAgent",
				"Mozilla/5.0 (Linux; Android 13; Phone) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Mobile Safari/537.36"));
		LoggingPreferences logs = new LoggingPreferences();
		logs.enable(LogType.PERFORMANCE, Level.ALL);
		options.setCapability("goog:loggingPrefs", logs);
		ChromeDriverService driver = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		this.browser = new ChromeDriver(driver, options);
		this.browser.executeCdpCommand("Browser.grantPermissions",
				Map.of("origin", "http://127.0.0.1:" + this.signal.port(), "permissions", List.of("geolocation")));
		this.browser.executeCdpCommand("Emulation.setGeolocationOverride",
				Map.of("latitude", here.getY(), "longitude", here.getX(), "accuracy", 8));
		// A phone in China, whatever this machine's zone: deadlines read in office hours
		this.browser.executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", "Asia/Shanghai"));
		this.browser.executeCdpCommand("Network.enable", Map.of());
	}

	private void goOffline() {
		this.signal.cut();
		emulateNetwork(true);
		waitFor("the page to know it is offline", () -> text("net").equals("离线"));
	}

	private void goOnline() {
		this.signal.restore();
		emulateNetwork(false);
	}

	private void emulateNetwork(boolean offline) {
		this.browser.executeCdpCommand("Network.emulateNetworkConditions",
				Map.of("offline", offline, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
	}

	/** The grid member's visits in the cell with the note the test types. */
	private List<Map<String, Object>> visitsNoted(String personId) {
		List<Map<String, Object>> visits = this.client.admin()
			.documentName("mobile/visitsOfPerson")
			.variable("cell", CELL)
			.variable("person", personId)
			.execute()
			.path("visits.edges[*].node")
			.entityList(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.get();
		return visits.stream().filter(visit -> VISIT_NOTE.equals(visit.get("note"))).toList();
	}

	private GraphQlTester.Response petition(String id) {
		return this.client.admin().documentName(CASE).variable("id", id).execute();
	}

	/**
	 * What the page loaded since the last call, from Chromium's DevTools log: bytes
	 * received and how many responses the service worker answered.
	 */
	record NetworkLog(long bytes, int responses, int fromServiceWorker) {

		@Override
		public String toString() {
			return this.bytes + " bytes in " + this.responses + " responses, " + this.fromServiceWorker
					+ " of them from the service worker";
		}

	}

	private NetworkLog drainNetworkLog() {
		JsonMapper json = JsonMapper.builder().build();
		long bytes = 0;
		int responses = 0;
		int fromServiceWorker = 0;
		for (LogEntry entry : this.browser.manage().logs().get(LogType.PERFORMANCE)) {
			JsonNode message = json.readTree(entry.getMessage()).path("message");
			String method = message.path("method").asString("");
			if (method.equals("Network.loadingFinished")) {
				bytes += message.path("params").path("encodedDataLength").asLong(0);
			}
			else if (method.equals("Network.responseReceived")) {
				responses++;
				if (message.path("params").path("response").path("fromServiceWorker").asBoolean(false)) {
					fromServiceWorker++;
				}
			}
		}
		return new NetworkLog(bytes, responses, fromServiceWorker);
	}

	private List<String> listed(String css, String attribute) {
		return this.browser.findElements(By.cssSelector(css)).stream().map(e -> e.getDomAttribute(attribute)).toList();
	}

	private void screenshot(String name) throws IOException {
		Path file = Path.of("target", name);
		Files.createDirectories(file.getParent());
		Files.write(file, this.browser.getScreenshotAs(OutputType.BYTES));
	}

	private void waitFor(String what, BooleanSupplier condition) {
		try {
			new WebDriverWait(this.browser, WAIT).ignoring(RuntimeException.class)
				.until(page -> condition.getAsBoolean());
		}
		catch (TimeoutException timedOut) {
			throw new AssertionError(
					"The phone page did not show " + what + " within " + WAIT.toSeconds() + " s. Notice: "
							+ text("notice") + " | case: " + text("case-status") + " | queue: " + text("queue-count")
							+ " | nearby: " + text("nearby-status") + " | mine: " + text("mine-status") + " | sign-in: "
							+ text("sign-in-status") + " | stored: " + script("return JSON.stringify(localStorage)"),
					timedOut);
		}
	}

	/** Taps an element, again if a list redrawn under the finger made it stale. */
	private void tap(String css) {
		waitFor("a tap on " + css, () -> {
			this.browser.findElement(By.cssSelector(css)).click();
			return true;
		});
	}

	private Object script(String javaScript) {
		return ((JavascriptExecutor) this.browser).executeScript(javaScript);
	}

	private String text(String id) {
		try {
			return this.browser.findElement(By.id(id)).getText();
		}
		catch (RuntimeException missing) {
			return "(" + id + " missing)";
		}
	}

}
