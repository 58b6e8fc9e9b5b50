package io.tiexin.liaison.internal;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The absolute address of a village's printable board, which its QR code carries: from
 * {@code tiexin.public-base-url} (the address residents reach the service at, behind
 * whatever proxy), else from the request being served.
 */
@Component
class BoardUrls {

	private final String publicBaseUrl;

	BoardUrls(@Value("${tiexin.public-base-url:}") String publicBaseUrl) {
		this.publicBaseUrl = publicBaseUrl.strip().replaceAll("/+$", "");
	}

	String boardUrl(String villageCode) {
		return base() + "/boards/" + villageCode;
	}

	private String base() {
		if (!this.publicBaseUrl.isEmpty()) {
			return this.publicBaseUrl;
		}
		try {
			return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
		}
		catch (IllegalStateException noRequest) {
			// Outside a request (a WebSocket operation): the path alone still opens the
			// page.
			return "";
		}
	}

}
