package io.tiexin.audit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.tiexin.GraphQlClient;
import io.tiexin.PostgisContainerConfiguration;
import io.tiexin.TiexinIntegrationTest;
import io.tiexin.grid.AreaCatalog;
import io.tiexin.grid.AreaFixtures;
import io.tiexin.petition.PetitionFixtures;
import io.tiexin.security.DevTokens;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.graphql.GraphQlResponse;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads of personal data are recorded by a group commit shared by concurrent requests
 * (audit/AuditLog): every answer that showed a field in full has exactly its records,
 * committed before the answer arrived, and an answer whose records could not be written
 * is not sent at all.
 */
@TiexinIntegrationTest
class ReadAuditIT {

	static final String CELL = AreaFixtures.claim(ReadAuditIT.class, "360322105001001");

	/**
	 * Each may read the petitions' contact in full: the county, its officer, the
	 * township's officer.
	 */
	static final List<String> READERS = List.of("admin", "county-officer", "officer-360322105");

	@Autowired
	GraphQlClient client;

	@Autowired
	DevTokens tokens;

	@Autowired
	AreaCatalog areas;

	@Autowired
	JdbcClient jdbc;

	@Value("${spring.datasource.url}")
	String databaseUrl;

	@Test
	void twoHundredConcurrentReadsEachHaveExactlyTheirRecordsWhenTheyAnswer() throws Exception {
		List<String> petitions = submitWithContact(4);
		Map<String, HttpGraphQlTester> testers = new HashMap<>();
		READERS.forEach(reader -> testers.put(reader, this.client.withToken(this.tokens.tokenFor(reader))));

		// request i: reader i % 3 reads petition i % 4, both fields: 12 pairs, each read
		// 16 or 17 times
		Map<String, Integer> expected = new HashMap<>();
		List<Callable<GraphQlResponse>> reads = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			String reader = READERS.get(i % READERS.size());
			String petition = petitions.get(i % petitions.size());
			for (String field : List.of("contactPhone", "contactName")) {
				expected.merge(reader + " " + GraphQlClient.number(petition) + " " + field, 1, Integer::sum);
			}
			reads.add(() -> testers.get(reader)
				.documentName("audit/contactDetails")
				.variable("id", petition)
				.execute()
				.returnResponse());
		}
		List<GraphQlResponse> answers = runConcurrently(reads, 32);

		assertThat(answers).allSatisfy(answer -> {
			assertThat(answer.getErrors()).isEmpty();
			assertThat(fieldOf(answer, "petition.contactPhone")).isEqualTo("13912345678");
			assertThat(fieldOf(answer, "petition.contactName")).isEqualTo("王小明");
		});
		// read after every answer had arrived: each answer's records were committed
		// before it
		assertThat(recordedReads(petitions)).isEqualTo(expected);
	}

	@Test
	void anAnswerWhoseRecordsCannotBeWrittenIsNotSentAndOthersInTheSameCommitAre() throws Exception {
		String petition = submitWithContact(1).get(0);
		HttpGraphQlTester refused = this.client.withToken(this.tokens.tokenFor("officer-360322105"));
		HttpGraphQlTester recorded = this.client.withToken(this.tokens.tokenFor("county-officer"));
		List<Callable<GraphQlResponse>> reads = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			HttpGraphQlTester reader = (i % 2 == 0) ? refused : recorded;
			reads.add(() -> reader.documentName("audit/contactDetails")
				.variable("id", petition)
				.execute()
				.returnResponse());
		}
		List<GraphQlResponse> answers;
		// the database refuses the trail's rows for one reader, as it would any write
		// fault
		asOwner("""
				CREATE FUNCTION read_audit_it_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
				BEGIN RAISE EXCEPTION 'ReadAuditIT refuses this row'; END $$;
				CREATE TRIGGER read_audit_it_refuse BEFORE INSERT ON audit_log FOR EACH ROW
				    WHEN (NEW.actor_username = 'officer-360322105') EXECUTE FUNCTION read_audit_it_refuse();""");
		try {
			answers = runConcurrently(reads, 16);
		}
		finally {
			asOwner("""
					DROP TRIGGER read_audit_it_refuse ON audit_log;
					DROP FUNCTION read_audit_it_refuse();""");
		}

		for (int i = 0; i < answers.size(); i++) {
			GraphQlResponse answer = answers.get(i);
			if (i % 2 == 0) {
				assertThat(answer.getErrors()).singleElement()
					.satisfies(error -> assertThat(error.getExtensions()).containsEntry("code", "INTERNAL"));
				assertThat(answer.toMap().get("data")).isNull();
				assertThat(answer.toMap().toString()).doesNotContain("13912345678").doesNotContain("王小明");
			}
			else {
				assertThat(answer.getErrors()).isEmpty();
				assertThat(fieldOf(answer, "petition.contactPhone")).isEqualTo("13912345678");
			}
		}
		long number = GraphQlClient.number(petition);
		assertThat(recordedReads(List.of(petition))).isEqualTo(Map.of("county-officer " + number + " contactPhone", 20,
				"county-officer " + number + " contactName", 20));
	}

	private static String fieldOf(GraphQlResponse answer, String path) {
		return answer.field(path).getValue();
	}

	private List<String> submitWithContact(int count) {
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			Map<String, Object> input = PetitionFixtures.submissionIn(this.areas.find(CELL).orElseThrow(),
					"STREET_LIGHT");
			input.put("contactPhone", "13912345678");
			input.put("contactName", "王小明");
			ids.add(this.client.submit("citizen4", input).id());
		}
		return ids;
	}

	/** Rows of the trail per "reader petition field" for these petitions. */
	private Map<String, Integer> recordedReads(List<String> petitions) {
		Map<String, Integer> recorded = new HashMap<>();
		this.jdbc.sql("""
				SELECT actor_username, petition_id, detail, count(*) AS n FROM audit_log
				WHERE action = 'READ_PERSONAL_DATA' AND petition_id = ANY(CAST(:ids AS bigint[]))
				GROUP BY 1, 2, 3""")
			.param("ids", petitions.stream().map(GraphQlClient::number).toArray(Long[]::new))
			.query((rs,
					row) -> recorded.put(rs.getString("actor_username") + " " + rs.getLong("petition_id") + " "
							+ rs.getString("detail"), rs.getInt("n")))
			.list();
		return recorded;
	}

	private static <T> List<T> runConcurrently(List<Callable<T>> tasks, int threads) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			List<T> results = new ArrayList<>();
			for (Future<T> future : pool.invokeAll(tasks)) {
				results.add(future.get());
			}
			return results;
		}
		finally {
			pool.shutdown();
			assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
		}
	}

	/** DDL only the schema's owner may run (the service's role owns nothing). */
	private void asOwner(String sql) throws SQLException {
		try (Connection owner = DriverManager.getConnection(this.databaseUrl, PostgisContainerConfiguration.OWNER_ROLE,
				PostgisContainerConfiguration.OWNER_PASSWORD); Statement statement = owner.createStatement()) {
			statement.execute(sql);
		}
	}

}
