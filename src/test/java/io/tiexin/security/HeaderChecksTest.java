package io.tiexin.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The header checks without regular expressions answer as Spring Security's regular
 * expressions do (the patterns below are theirs, copied from StrictHttpFirewall and
 * DefaultBearerTokenResolver): for every code point alone, and for strings mixing the
 * characters each rule turns on.
 */
class HeaderChecksTest {

	private static final Pattern ASSIGNED_AND_NOT_CONTROL = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");

	private static final Pattern HEADER_VALUE = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

	private static final Pattern BEARER = Pattern.compile("^Bearer (?<token>[a-zA-Z0-9-._~+/]+=*)$",
			Pattern.CASE_INSENSITIVE);

	@Test
	void everyCodePointIsAllowedOrRefusedAsByTheFirewallsPatterns() {
		for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
			String text = new String(Character.toChars(codePoint));
			assertThat(HeaderChecks.assignedAndNotControl(text)).as("U+%04X name", codePoint)
				.isEqualTo(ASSIGNED_AND_NOT_CONTROL.matcher(text).matches());
			assertThat(HeaderChecks.headerValue(text)).as("U+%04X value", codePoint)
				.isEqualTo(HEADER_VALUE.matcher(text).matches());
		}
	}

	@Test
	void mixedStringsAreJudgedAsByTheFirewallsPatterns() {
		for (String text : samples(new Random(19),
				"ab\t\u0000\u007f\u0085\u00e9\u4e2d\u0378\ud83d\ude00\ud83d\ude00x\udc00 ;=")) {
			assertThat(HeaderChecks.assignedAndNotControl(text)).as(text)
				.isEqualTo(ASSIGNED_AND_NOT_CONTROL.matcher(text).matches());
			assertThat(HeaderChecks.headerValue(text)).as(text).isEqualTo(HEADER_VALUE.matcher(text).matches());
		}
	}

	@Test
	void aBearerHeaderIsWellFormedExactlyWhenSpringSecuritysPatternSaysSo() {
		List<String> headers = new ArrayList<>(List.of("", "Bearer", "Bearer ", "Bearer a", "bearer abc==",
				"BEARER a.b-c_d~e+f/g", "BeArEr x", "Bearer a=b", "Bearer =", "Bearer  abc", "Bearer abc ",
				"Bearer abc\n", "Basic abc", "Bearerabc", "Bearer\tabc", "Bearer ab\u00e9", "\u212aearer abc"));
		for (String text : samples(new Random(7), "aZ9-._~+/= \n\u00e9")) {
			headers.add("Bearer " + text);
			headers.add("bEARER " + text);
		}
		for (String header : headers) {
			var matcher = BEARER.matcher(header);
			String expected = matcher.matches() ? matcher.group("token") : null;
			assertThat(HeaderChecks.wellFormedToken(header)).as(header).isEqualTo(expected);
		}
	}

	@Test
	void theResolverAnswersAndRefusesAsSpringSecuritysOwn() {
		BearerTokenResolver ours = HeaderChecks.bearerTokens();
		BearerTokenResolver theirs = new DefaultBearerTokenResolver();
		for (String header : new String[] { null, "Basic abc", "Bearer abc.def-ghi==", "bearer xyz", "Bearer a b",
				"Bearer ", "Bearerabc" }) {
			for (String method : new String[] { "POST", "GET" }) {
				MockHttpServletRequest request = new MockHttpServletRequest(method, "/graphql");
				if (header != null) {
					request.addHeader("Authorization", header);
				}
				request.setParameter("access_token", "fromTheQuery");
				String expected;
				try {
					expected = theirs.resolve(request);
				}
				catch (OAuth2AuthenticationException refused) {
					assertThatThrownBy(() -> ours.resolve(request)).as(header)
						.isInstanceOf(OAuth2AuthenticationException.class)
						.hasMessage(refused.getMessage());
					continue;
				}
				assertThat(ours.resolve(request)).as(header).isEqualTo(expected);
			}
		}
	}

	/** Strings of up to twelve characters drawn from the given ones. */
	private static List<String> samples(Random random, String characters) {
		int[] codePoints = characters.codePoints().toArray();
		List<String> samples = new ArrayList<>();
		for (int i = 0; i < 5000; i++) {
			StringBuilder text = new StringBuilder();
			int length = random.nextInt(13);
			for (int j = 0; j < length; j++) {
				text.appendCodePoint(codePoints[random.nextInt(codePoints.length)]);
			}
			samples.add(text.toString());
		}
		return samples;
	}

}
