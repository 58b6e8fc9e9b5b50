package io.tiexin.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.tiexin.people.Person;
import io.tiexin.people.PersonDirectory;
import io.tiexin.people.UnregisteredSubject;
import io.tiexin.shared.ErrorCode;
import io.tiexin.shared.web.RateLimiter;
import io.tiexin.shared.TiexinException;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /auth/dev-token} with {@code {"username":"admin"}}: a one-hour token for a
 * demo account, no password asked. Only in the demo profile; elsewhere the path does not
 * exist. A new, well-formed username gets a token too: that is the demo's stand-in for a
 * resident's first sign-in through the identity provider, who must then register.
 */
@RestController
@Profile("demo")
class DevTokenController {

	static final Duration LIFETIME = Duration.ofHours(1);

	private final JwtEncoder encoder;

	private final PersonDirectory directory;

	private final RateLimiter rateLimiter;

	DevTokenController(JwtEncoder encoder, PersonDirectory directory, RateLimiter rateLimiter) {
		this.encoder = encoder;
		this.directory = directory;
		this.rateLimiter = rateLimiter;
	}

	@PostMapping("/auth/dev-token")
	ResponseEntity<Map<String, Object>> issue(@RequestBody(required = false) DevTokenRequest request,
			HttpServletRequest http) {
		try {
			this.rateLimiter.consume(RateLimiter.Action.TOKEN_PER_ADDRESS, http.getRemoteAddr());
		}
		catch (TiexinException refused) {
			return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
				.body(Map.of("message", refused.getMessage(), "code", refused.code().name()));
		}
		if (request == null || request.username() == null || request.username().isBlank()) {
			return refusal(HttpStatus.BAD_REQUEST, "请给出用户名 (give a username): {\"username\":\"admin\"}");
		}
		Person person = this.directory.findByUsername(request.username()).orElse(null);
		if (person == null && !UnregisteredSubject.isWellFormed(request.username())) {
			return refusal(HttpStatus.BAD_REQUEST,
					"用户名无效:1–64 个字母、数字或 . _ @ + - (invalid username: 1-64 letters, digits or " + ". _ @ + -): "
							+ request.username() + "; 演示账号例如 (demo accounts, e.g.) admin, planner, citizen");
		}
		Instant now = Instant.now();
		JwtClaimsSet.Builder builder = JwtClaimsSet.builder()
			.issuer(DemoTokenKeys.ISSUER)
			.subject(request.username())
			.issuedAt(now)
			.expiresAt(now.plus(LIFETIME));
		if (person != null) {
			builder.claim("name", person.name());
		}
		JwtClaimsSet claims = builder.build();
		String token = this.encoder
			.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(), claims))
			.getTokenValue();
		return ResponseEntity.ok(Map.of("token", token, "expiresAt", claims.getExpiresAt().toString()));
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ResponseEntity<Map<String, Object>> unreadable() {
		return refusal(HttpStatus.BAD_REQUEST, "请求体应为 JSON (the body must be JSON): {\"username\":\"admin\"}");
	}

	private static ResponseEntity<Map<String, Object>> refusal(HttpStatus status, String message) {
		ErrorCode code = (status == HttpStatus.NOT_FOUND) ? ErrorCode.NOT_FOUND : ErrorCode.VALIDATION;
		return ResponseEntity.status(status).body(Map.of("message", message, "code", code.name()));
	}

	record DevTokenRequest(String username) {
	}

}
