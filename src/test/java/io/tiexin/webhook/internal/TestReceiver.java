package io.tiexin.webhook.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A webhook receiver inside the test: a JDK HTTP server on the loopback address that
 * answers 500 to the first {@code failures} POSTs and 200 afterwards, keeping every
 * accepted body with its signature header. It can be stopped and started again on the
 * same port.
 */
final class TestReceiver implements AutoCloseable {

	/** An accepted delivery: the body exactly as received and the signature header. */
	record Received(String body, String signature, String eventHeader) {
	}

	private final AtomicInteger failuresLeft;

	private final AtomicInteger requests = new AtomicInteger();

	private final List<Received> received = new ArrayList<>();

	private int port;

	private HttpServer server;

	TestReceiver(int failures) throws IOException {
		this.failuresLeft = new AtomicInteger(failures);
		start();
	}

	void start() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port), 50);
		this.server.createContext("/hook", this::handle);
		this.server.start();
		this.port = this.server.getAddress().getPort();
	}

	void stop() {
		this.server.stop(0);
	}

	String url() {
		return "http://127.0.0.1:" + this.port + "/hook";
	}

	int requests() {
		return this.requests.get();
	}

	synchronized List<Received> received() {
		return List.copyOf(this.received);
	}

	private void handle(HttpExchange exchange) throws IOException {
		this.requests.incrementAndGet();
		String body;
		try (InputStream in = exchange.getRequestBody()) {
			body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		int status;
		if (this.failuresLeft.getAndDecrement() > 0) {
			status = 500;
		}
		else {
			status = 200;
			synchronized (this) {
				this.received.add(new Received(body, exchange.getRequestHeaders().getFirst("X-Tiexin-Signature"),
						exchange.getRequestHeaders().getFirst("X-Tiexin-Event")));
			}
		}
		byte[] answer = ((status == 200) ? "ok" : "try again later").getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(status, answer.length);
		exchange.getResponseBody().write(answer);
		exchange.close();
	}

	@Override
	public void close() {
		stop();
	}

}
