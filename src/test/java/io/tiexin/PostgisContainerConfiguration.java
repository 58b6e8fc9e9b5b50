package io.tiexin;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * A real PostGIS for integration tests, from Testcontainers. The image is the official
 * {@code postgis/postgis} unless {@code TIEXIN_POSTGIS_IMAGE} names another (scripts/test
 * builds a compatible local one where no registry is reachable). Without a container
 * runtime the tests fail, saying how to get one; they never skip.
 * <p>
 * The database has the two roles of production (docs/security.md, db/test-roles.sql):
 * Flyway runs as the owner {@code tiexin_owner}, the service (and every test's
 * {@code JdbcClient}) as {@code tiexin}, which owns nothing.
 */
@TestConfiguration(proxyBeanMethods = false)
public class PostgisContainerConfiguration {

	static final String DEFAULT_IMAGE = "postgis/postgis:17-3.5";

	/** The service's role (db/test-roles.sql). */
	public static final String SERVICE_ROLE = "tiexin";

	static final String SERVICE_PASSWORD = "tiexin-test";

	/** The owner Flyway migrates as (db/test-roles.sql). */
	public static final String OWNER_ROLE = "tiexin_owner";

	public static final String OWNER_PASSWORD = "owner-test";

	@Bean
	PostgreSQLContainer postgis() {
		return newContainer();
	}

	@Bean
	DynamicPropertyRegistrar twoDatabaseRoles(PostgreSQLContainer postgis) {
		return asTheServiceRole(postgis);
	}

	/** A PostGIS container with the two roles, not yet started. */
	public static PostgreSQLContainer newContainer() {
		if (!DockerClientFactory.instance().isDockerAvailable()) {
			throw new IllegalStateException("No Docker engine for the PostGIS test container. Run the tests with "
					+ "scripts/test, which starts a local Docker engine and prepares a PostGIS image, or start "
					+ "Docker yourself and set TIEXIN_POSTGIS_IMAGE to a PostGIS image it has.");
		}
		String image = System.getenv().getOrDefault("TIEXIN_POSTGIS_IMAGE", DEFAULT_IMAGE);
		PostgreSQLContainer container = new PostgreSQLContainer(
				DockerImageName.parse(image).asCompatibleSubstituteFor("postgres"));
		container.withInitScript("db/test-roles.sql");
		return container;
	}

	/**
	 * The service connects as {@link #SERVICE_ROLE}, Flyway to the same database as the
	 * owner: here rather than in a profile's properties, so module tests, which run
	 * without the test profile, get both roles too.
	 */
	public static DynamicPropertyRegistrar asTheServiceRole(PostgreSQLContainer postgis) {
		return registry -> {
			registry.add("spring.datasource.url", postgis::getJdbcUrl);
			registry.add("spring.datasource.username", () -> SERVICE_ROLE);
			registry.add("spring.datasource.password", () -> SERVICE_PASSWORD);
			registry.add("spring.flyway.url", postgis::getJdbcUrl);
			registry.add("spring.flyway.user", () -> OWNER_ROLE);
			registry.add("spring.flyway.password", () -> OWNER_PASSWORD);
		};
	}

}
