package io.tiexin.security;

import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * The checks Spring Security makes of every request's headers, without regular
 * expressions: the same answers, each character looked at once.
 * <ul>
 * <li>{@link StrictHttpFirewall} refuses a header whose name or value holds a character
 * that is unassigned or a control character (a tab allowed in values), by matching a
 * regular expression on every {@code getHeader} of the request, some twenty per request:
 * a twentieth of a {@code { __typename }}'s time in a profile (docs/scaling.md, the fixed
 * cost of a request). {@link #firewall()} is the same firewall with these two rules (and
 * the same for parameter names) as loops.</li>
 * <li>{@link DefaultBearerTokenResolver} matches {@code Authorization: Bearer <token>}
 * against a regular expression over the whole token, some hundreds of characters.
 * {@link #bearerTokens()} accepts a well-formed header itself and leaves everything else
 * (no header, another scheme, a malformed token, and requests that may carry the token as
 * a parameter) to it, so it refuses and answers exactly as before.</li>
 * </ul>
 */
final class HeaderChecks {

	private HeaderChecks() {
	}

	static StrictHttpFirewall firewall() {
		StrictHttpFirewall firewall = new StrictHttpFirewall();
		firewall.setAllowedHeaderNames(HeaderChecks::assignedAndNotControl);
		firewall.setAllowedHeaderValues(HeaderChecks::headerValue);
		firewall.setAllowedParameterNames(HeaderChecks::assignedAndNotControl);
		return firewall;
	}

	/**
	 * As {@code [\p{IsAssigned}&&[^\p{IsControl}]]*}: every code point assigned and not a
	 * control character.
	 */
	static boolean assignedAndNotControl(String text) {
		return allowed(text, false);
	}

	/**
	 * As {@code [\p{IsAssigned}&&[[^\p{IsControl}]||\t]]*}: the same, tabs allowed.
	 */
	static boolean headerValue(String text) {
		return allowed(text, true);
	}

	private static boolean allowed(String text, boolean tab) {
		int length = text.length();
		int i = 0;
		while (i < length) {
			char c = text.charAt(i);
			if (c >= 0x20 && c < 0x7F) {
				// printable ASCII: assigned, not control
				i++;
				continue;
			}
			int codePoint = text.codePointAt(i);
			int type = Character.getType(codePoint);
			if (type == Character.UNASSIGNED || (type == Character.CONTROL && !(tab && codePoint == '\t'))) {
				return false;
			}
			i += Character.charCount(codePoint);
		}
		return true;
	}

	/** Spring Security's resolver with no parameters allowed, its defaults. */
	static BearerTokenResolver bearerTokens() {
		DefaultBearerTokenResolver resolver = new DefaultBearerTokenResolver();
		return request -> {
			String header = request.getHeader(HttpHeaders.AUTHORIZATION);
			String token = (header != null) ? wellFormedToken(header) : null;
			return (token != null) ? token : resolver.resolve(request);
		};
	}

	/**
	 * The token of {@code Bearer <token>} (the scheme in any case) when the header is
	 * what {@code ^Bearer (?<token>[a-zA-Z0-9-._~+/]+=*)$} (case-insensitive) accepts,
	 * else null.
	 */
	static String wellFormedToken(String header) {
		int length = header.length();
		if (length < 8 || !scheme(header)) {
			return null;
		}
		int i = 7;
		while (i < length && tokenCharacter(header.charAt(i))) {
			i++;
		}
		if (i == 7) {
			return null;
		}
		while (i < length && header.charAt(i) == '=') {
			i++;
		}
		return (i == length) ? header.substring(7) : null;
	}

	private static boolean scheme(String header) {
		String scheme = "bearer";
		for (int i = 0; i < scheme.length(); i++) {
			char c = header.charAt(i);
			if (c != scheme.charAt(i) && c != Character.toUpperCase(scheme.charAt(i))) {
				return false;
			}
		}
		return header.charAt(6) == ' ';
	}

	private static boolean tokenCharacter(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
				|| c == '_' || c == '~' || c == '+' || c == '/';
	}

}
