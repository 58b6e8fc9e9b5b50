package io.tiexin.liaison;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import io.tiexin.GraphQlClient;
import io.tiexin.TiexinIntegrationTest;
import io.tiexin.people.Person;
import io.tiexin.people.PersonDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The liaison board (亮身份、亮承诺、亮职责): profiles kept by the liaison or an officer above them,
 * the public board over GraphQL, and the printable page with its QR code in headless
 * Chromium; the page is saved as {@code target/liaison-board.png}.
 */
@TiexinIntegrationTest
class LiaisonBoardIT {

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	static final Path SCREENSHOT = Path.of("target", "liaison-board.png");

	/** A demo village of 上栗镇. */
	static final String VILLAGE = "360322101203";

	@LocalServerPort
	int port;

	@Autowired
	GraphQlClient client;

	@Autowired
	HttpGraphQlTester anonymous;

	@Autowired
	WebTestClient http;

	@Autowired
	PersonDirectory people;

	ChromeDriver browser;

	@AfterEach
	void closeBrowser() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@Test
	void theLiaisonAndTheOfficersAboveKeepTheProfileOthersMayNot() {
		Person liaison = this.people.findByUsername("liaison-" + VILLAGE).orElseThrow();
		String id = Long.toString(liaison.id());
		update("liaison-" + VILLAGE, id, Map.of("position", "县委组织部干部", "commitment", "有求必应", "duties", "矛盾调解"))
			.path("updateLiaisonProfile.commitment")
			.entity(String.class)
			.isEqualTo("有求必应")
			.path("updateLiaisonProfile.since")
			.hasValue();
		update("cadre-" + VILLAGE, id, Map.of("position", "村民小组长", "commitment", "随叫随到", "duties", "道路维护"))
			.path("updateLiaisonProfile.position")
			.entity(String.class)
			.isEqualTo("村民小组长");
		update("officer-360322101", id, Map.of("commitment", "事事有回音")).path("updateLiaisonProfile.commitment")
			.entity(String.class)
			.isEqualTo("事事有回音");
		assertThat(refusal("liaison-360322101204", id, Map.of("commitment", "x"))).isEqualTo("FORBIDDEN");
		assertThat(refusal("cadre-360322101204", id, Map.of("commitment", "x"))).isEqualTo("FORBIDDEN");
		assertThat(refusal("officer-360322102", id, Map.of("commitment", "x"))).isEqualTo("FORBIDDEN");
		assertThat(refusal("citizen", id, Map.of("commitment", "x"))).isEqualTo("FORBIDDEN");
		assertThat(refusal("planner", id, Map.of("commitment", "x"))).isEqualTo("FORBIDDEN");
		assertThat(refusal("liaison-" + VILLAGE, id, Map.of("photoUrl", "javascript:alert(1)")))
			.isEqualTo("VALIDATION");
		assertThat(refusal("liaison-" + VILLAGE, id, Map.of("commitment", "长".repeat(501)))).isEqualTo("VALIDATION");
		String cadreId = Long.toString(this.people.findByUsername("cadre-" + VILLAGE).orElseThrow().id());
		assertThat(refusal("officer-360322101", cadreId, Map.of("commitment", "x"))).isEqualTo("VALIDATION");
		assertThat(refusal("officer-360322101", "999999999", Map.of("commitment", "x"))).isEqualTo("NOT_FOUND");
		this.anonymous.documentName("liaison/boardCommitments")
			.variable("areaCode", VILLAGE)
			.execute()
			.path("liaisonBoard.liaisons[0].commitment")
			.entity(String.class)
			.isEqualTo("事事有回音");
	}

	@Test
	void theBoardIsPublicWithNameAndPhoneAndNothingElseOfThePerson() {
		Person liaison = this.people.findByUsername("liaison-" + VILLAGE).orElseThrow();
		update("liaison-" + VILLAGE, Long.toString(liaison.id()), Map.of("commitment", "公开承诺", "duties", "公开职责"));
		Map<?, ?> board = this.anonymous.documentName("liaison/board")
			.variable("areaCode", VILLAGE)
			.execute()
			.path("liaisonBoard")
			.entity(Map.class)
			.get();
		assertThat((String) board.get("printUrl")).endsWith("/boards/" + VILLAGE);
		Map<?, ?> shown = (Map<?, ?>) ((List<?>) board.get("liaisons")).get(0);
		Map<?, ?> person = (Map<?, ?>) shown.get("person");
		assertThat(person.get("name")).isEqualTo(liaison.name());
		assertThat(person.get("phone")).isEqualTo(liaison.phone());
		assertThat(person.get("username")).isEqualTo("");
		assertThat(person.get("homeArea")).isNull();
		assertThat((List<?>) person.get("dutyAreas")).isEmpty();
		assertThat(shown.get("commitment")).isEqualTo("公开承诺");
		List<ResponseError> errors = this.anonymous.documentName("liaison/boardUpdatedAt")
			.variable("areaCode", "360322101")
			.execute()
			.returnResponse()
			.getErrors();
		assertThat(errors.get(0).getExtensions()).containsEntry("code", "NOT_FOUND");
	}

	@Test
	void unknownOrNonVillageCodesAnswerAPageSayingSo() {
		for (String code : List.of("999999999999", "360322101", "360322101203001")) {
			String body = this.http.get()
				.uri("/boards/" + code)
				.accept(MediaType.TEXT_HTML)
				.exchange()
				.expectStatus()
				.isNotFound()
				.expectBody(String.class)
				.returnResult()
				.getResponseBody();
			assertThat(body).contains("找不到该村").contains("not the code of a village");
		}
		this.http.get().uri("/boards/999999999999/qr.png").exchange().expectStatus().isNotFound();
	}

	@Test
	void thePrintablePageShowsEveryLiaisonAndItsQrCodeOpensIt() throws Exception {
		List<Person> liaisons = this.people.liaisonsOf(VILLAGE);
		assertThat(liaisons).isNotEmpty();
		for (Person liaison : liaisons) {
			update("officer-360322101", Long.toString(liaison.id()), Map.of("position", "上栗县委组织部选派干部", "commitment",
					"群众有呼,我必有应;小事不出村,大事不出镇", "duties", "联系本村第五、六村民小组,调解邻里纠纷,帮办民生实事"));
		}
		String pageUrl = "http://localhost:" + this.port + "/boards/" + VILLAGE;
		byte[] png = this.http.get()
			.uri("/boards/" + VILLAGE + "/qr.png")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType(MediaType.IMAGE_PNG)
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();
		assertThat(decodeQr(png)).isEqualTo(pageUrl);

		openBrowser();
		try {
			this.browser.get(pageUrl);
			String text = this.browser.findElement(By.tagName("body")).getText();
			assertThat(text).contains("群众贴心人公示牌").contains("亮身份").contains(pageUrl);
			List<WebElement> cards = this.browser.findElements(By.cssSelector("article.liaison"));
			assertThat(cards).hasSize(liaisons.size());
			for (Person liaison : liaisons) {
				assertThat(cards).anySatisfy(card -> assertThat(card.getText()).contains(liaison.name())
					.contains(liaison.phone())
					.contains("群众有呼,我必有应"));
			}
			Object loaded = this.browser
				.executeScript("return [...document.images].every((img) => img.complete && img.naturalWidth > 0)");
			assertThat(loaded).as("the photo placeholders and the QR code load").isEqualTo(Boolean.TRUE);
			// The QR code as the page draws it, read back from the screen.
			byte[] qrOnScreen = this.browser.findElement(By.cssSelector("img.qr")).getScreenshotAs(OutputType.BYTES);
			assertThat(decodeQr(qrOnScreen)).isEqualTo(pageUrl);
		}
		finally {
			Files.createDirectories(SCREENSHOT.getParent());
			Files.write(SCREENSHOT, this.browser.getScreenshotAs(OutputType.BYTES));
		}
	}

	private static String decodeQr(byte[] png) throws IOException, NotFoundException {
		BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
		return new MultiFormatReader()
			.decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))))
			.getText();
	}

	private void openBrowser() throws IOException {
		if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
			fail("The board page test drives Debian's Chromium, and " + CHROMIUM + " or " + CHROMEDRIVER
					+ " is missing: apt-get install -y chromium chromium-driver (scripts/test installs them)");
		}
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		// About an A4 page at 96 dpi (794 x 1123 px) with room for the window's frame.
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--window-size=820,1160", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--user-data-dir=" + Files.createTempDirectory("board-page-chromium"));
		ChromeDriverService driver = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		this.browser = new ChromeDriver(driver, options);
	}

	private org.springframework.graphql.test.tester.GraphQlTester.Response update(String username, String personId,
			Map<String, Object> input) {
		return this.client.as(username)
			.documentName("liaison/updateLiaisonProfile")
			.variable("personId", personId)
			.variable("input", input)
			.execute();
	}

	private String refusal(String username, String personId, Map<String, Object> input) {
		List<ResponseError> errors = update(username, personId, input).returnResponse().getErrors();
		assertThat(errors).hasSize(1);
		return (String) errors.get(0).getExtensions().get("code");
	}

}
