package io.tiexin.webhook.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code X-Tiexin-Signature: sha256=<hex>}: HMAC-SHA256 of the exact body bytes under the
 * webhook's secret, as GitHub signs its webhooks, so receivers can reuse known code.
 */
final class WebhookSignature {

	static final String HEADER = "X-Tiexin-Signature";

	private WebhookSignature() {
	}

	static String of(String secret, String body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is part of every Java runtime", ex);
		}
	}

}
