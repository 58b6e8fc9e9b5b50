package io.tiexin.webhook.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import io.tiexin.TiexinIntegrationTest;
import io.tiexin.geo.Crs;
import io.tiexin.geo.PointInput;
import io.tiexin.grid.Area;
import io.tiexin.grid.AreaCatalog;
import io.tiexin.grid.AreaLevel;
import io.tiexin.people.Actor;
import io.tiexin.people.PersonDirectory;
import io.tiexin.petition.Channel;
import io.tiexin.petition.Petition;
import io.tiexin.petition.PetitionSubmissions;
import io.tiexin.petition.SubmitPetitionInput;
import io.tiexin.petition.Urgency;
import io.tiexin.security.DevTokens;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Point;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Webhook delivery latency, from the commit of a submission (SUBMITTED and ASSIGNED
 * events) to the receiver's hands: at rest (one petition every 200 ms) and while 100
 * petitions a second are submitted. Not part of the suite (the name matches neither test
 * pattern); run it alone: <pre>
 * scripts/test -Dit.test=WebhookLatencyBenchmark -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false
 * </pre> Each result line is preceded by the machine's load average at the start of its
 * run (the machine may be shared).
 */
@TiexinIntegrationTest
class WebhookLatencyBenchmark {

	@Autowired
	DevTokens tokens;

	@Autowired
	PetitionSubmissions intake;

	@Autowired
	PersonDirectory people;

	@Autowired
	AreaCatalog areas;

	@Autowired
	JsonMapper json;

	/** Receive time (nanoTime) per "trackingNumber/type". */
	final Map<String, Long> received = new ConcurrentHashMap<>();

	/** Commit time (nanoTime, when submit returned) per tracking number. */
	final Map<String, Long> committed = new ConcurrentHashMap<>();

	@Test
	void latencyAtRestAndUnderLoad() throws Exception {
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
		// As many handler threads as requests in flight: with a fixed four, the
		// receiver's queue was part of what was measured (docs/webhooks.md).
		server.setExecutor(Executors.newCachedThreadPool());
		server.createContext("/hook", exchange -> {
			long at = System.nanoTime();
			String body;
			try (InputStream in = exchange.getRequestBody()) {
				body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			}
			Map<?, ?> event = this.json.readValue(body, Map.class);
			this.received.put(event.get("trackingNumber") + "/" + event.get("type"), at);
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		server.start();
		String webhookId = this.tokens.as("admin")
			.documentName("webhook/createWebhookId")
			.variable("input",
					Map.of("url", "http://127.0.0.1:" + server.getAddress().getPort() + "/hook", "secret",
							"benchmark-secret-0123456789", "events", List.of("SUBMITTED", "ASSIGNED")))
			.execute()
			.path("createWebhook.id")
			.entity(String.class)
			.get();
		Actor citizen = this.people.findByUsername("citizen").orElseThrow().asActor();
		List<Area> cells = this.areas.list(AreaLevel.GRID, null, null);
		try {
			// Warm-up, not counted.
			run(citizen, cells, 200, 50, 1);
			this.received.clear();
			this.committed.clear();
			List<String> rest = run(citizen, cells, 200, 50, 1);
			report("at rest (5 petitions/s)", rest);
			this.received.clear();
			this.committed.clear();
			List<String> load = run(citizen, cells, 10, 2000, 32);
			report("while 100 petitions/s are submitted", load);
		}
		finally {
			this.tokens.as("admin").documentName("webhook/deleteWebhook").variable("id", webhookId).execute();
			server.stop(0);
		}
	}

	/**
	 * Submits {@code count} petitions, one every {@code everyMillis}; returns their
	 * numbers.
	 */
	private List<String> run(Actor citizen, List<Area> cells, long everyMillis, int count, int threads)
			throws Exception {
		Path loadAverage = Path.of("/proc/loadavg");
		if (Files.isReadable(loadAverage)) {
			System.out.println("load average: " + Files.readString(loadAverage).trim());
		}
		List<String> numbers = Collections.synchronizedList(new ArrayList<>());
		AtomicInteger issued = new AtomicInteger();
		AtomicInteger failed = new AtomicInteger();
		ExecutorService workers = Executors.newFixedThreadPool(threads);
		ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
		long start = System.nanoTime();
		ticker.scheduleAtFixedRate(() -> {
			int n = issued.getAndIncrement();
			if (n >= count) {
				return;
			}
			workers.execute(() -> {
				try {
					Point at = cells.get(n % cells.size()).boundary().getInteriorPoint();
					Petition petition = this.intake.submit(new SubmitPetitionInput("路灯不亮 " + n, null, "STREET_LIGHT",
							Channel.MINI_PROGRAM, Urgency.NORMAL, new PointInput(at.getX(), at.getY(), Crs.WGS84), null,
							null, null, null, null, List.of(), null), citizen);
					this.committed.put(petition.trackingNumber(), System.nanoTime());
					numbers.add(petition.trackingNumber());
				}
				catch (RuntimeException ex) {
					// On an overloaded machine a submission may wait too long for a
					// connection: counted and reported, not waited for.
					failed.incrementAndGet();
				}
			});
		}, 0, everyMillis, TimeUnit.MILLISECONDS);
		while (numbers.size() + failed.get() < count) {
			Thread.sleep(20);
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		ticker.shutdownNow();
		workers.shutdown();
		System.out.printf("submitted %d petitions in %.1f s: %.0f/s (%d submissions failed)%n", numbers.size(), seconds,
				numbers.size() / seconds, failed.get());
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
		while (this.received.size() < 2 * numbers.size() && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		assertThat(this.received.size()).isGreaterThanOrEqualTo(2 * numbers.size());
		return numbers;
	}

	private void report(String label, List<String> numbers) {
		List<Double> millis = new ArrayList<>();
		for (String number : numbers) {
			for (String type : List.of("SUBMITTED", "ASSIGNED")) {
				millis.add((this.received.get(number + "/" + type) - this.committed.get(number)) / 1e6);
			}
		}
		Collections.sort(millis);
		System.out.printf(
				"webhook latency %s, %d events, commit -> receiver: p50 %.1f ms, p90 %.1f ms, "
						+ "p99 %.1f ms, max %.1f ms%n",
				label, millis.size(), percentile(millis, 50), percentile(millis, 90), percentile(millis, 99),
				millis.get(millis.size() - 1));
	}

	private static double percentile(List<Double> sorted, int p) {
		return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
	}

}
