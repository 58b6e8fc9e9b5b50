package io.tiexin.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.tiexin.GraphQlClient;
import io.tiexin.TiexinIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GraphQL over a real WebSocket (graphql-transport-ws), at the level of the protocol's
 * frames and close codes: a malformed message closes 4400, a forged token in
 * {@code connection_init} 4403, and a subscription's session ends (4403) when its token
 * expires, though no message is sent after the sign-in.
 */
@TiexinIntegrationTest
class WebSocketSessionIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Generous: only how long a failing test waits, never a measure of speed. */
	private static final Duration WAIT = Duration.ofSeconds(30);

	@LocalServerPort
	int port;

	@Autowired
	DevTokens tokens;

	@Autowired
	JwtEncoder encoder;

	private Socket socket;

	@AfterEach
	void closeSocket() {
		if (this.socket != null) {
			this.socket.webSocket.abort();
		}
	}

	@Test
	void aMalformedMessageClosesWith4400() throws Exception {
		for (String malformed : List.of("not json at all", "[1, 2]", "{\"type\": \"nonsense\"}",
				"{\"type\": \"subscribe\", \"id\": \"1\"}")) {
			this.socket = open();
			this.socket.send(malformed);
			assertThat(this.socket.closeCode()).as(malformed).isEqualTo(4400);
		}
	}

	@Test
	void aForgedTokenInConnectionInitClosesWith4403() throws Exception {
		String real = this.tokens.tokenFor("admin");
		// The same claims with another signature
		String forged = real.substring(0, real.lastIndexOf('.') + 1) + "AAAA"
				+ real.substring(real.lastIndexOf('.') + 5);
		this.socket = open();
		this.socket
			.send(message(Map.of("type", "connection_init", "payload", Map.of("Authorization", "Bearer " + forged))));
		assertThat(this.socket.closeCode()).isEqualTo(4403);
	}

	@Test
	void aSubscriptionEndsWhenItsTokenExpires() throws Exception {
		// Expired 55 s ago: still within the 60 s clock skew every token check allows, so
		// accepted at connection_init, and over five seconds later
		Instant now = Instant.now();
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.issuer(DemoTokenKeys.ISSUER)
			.subject("admin")
			.issuedAt(now.minus(Duration.ofHours(1)))
			.expiresAt(now.minusSeconds(55))
			.build();
		String token = this.encoder
			.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(), claims))
			.getTokenValue();
		this.socket = open();
		this.socket
			.send(message(Map.of("type", "connection_init", "payload", Map.of("Authorization", "Bearer " + token))));
		assertThat(this.socket.next()).contains("connection_ack");
		this.socket.send(message(Map.of("type", "subscribe", "id", "1", "payload", Map.of("query",
				GraphQlClient.documentText("petition/petitionEvents"), "variables", Map.of("areaCode", "360322101")))));
		assertThat(this.socket.closeCode()).as("closed once the token expired").isEqualTo(4403);
	}

	private Socket open() throws Exception {
		Socket socket = new Socket();
		socket.webSocket = HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.subprotocols("graphql-transport-ws")
			.buildAsync(URI.create("ws://localhost:" + this.port + "/graphql"), socket)
			.get(WAIT.toSeconds(), TimeUnit.SECONDS);
		return socket;
	}

	private static String message(Map<String, Object> message) {
		return JSON.writeValueAsString(message);
	}

	/** A raw graphql-transport-ws client: the frames it receives and the close code. */
	static final class Socket implements WebSocket.Listener {

		WebSocket webSocket;

		final BlockingQueue<String> received = new LinkedBlockingQueue<>();

		final CompletableFuture<Integer> closed = new CompletableFuture<>();

		private final StringBuilder partial = new StringBuilder();

		void send(String text) throws Exception {
			this.webSocket.sendText(text, true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
		}

		String next() throws InterruptedException {
			return this.received.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
		}

		int closeCode() throws Exception {
			return this.closed.get(WAIT.toSeconds(), TimeUnit.SECONDS);
		}

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.partial.append(data);
			if (last) {
				this.received.add(this.partial.toString());
				this.partial.setLength(0);
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			this.closed.complete(statusCode);
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			this.closed.completeExceptionally(error);
		}

	}

}
