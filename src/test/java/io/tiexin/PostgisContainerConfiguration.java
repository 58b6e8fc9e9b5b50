package io.tiexin;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;

/**
 * A real PostGIS for integration tests, from Testcontainers. The image is the official
 * {@code postgis/postgis} unless {@code TIEXIN_POSTGIS_IMAGE} names another (scripts/test
 * builds a compatible local one where no registry is reachable). Without a container
 * runtime the tests fail, saying how to get one; they never skip.
 */
@TestConfiguration(proxyBeanMethods = false)
public class PostgisContainerConfiguration {

	static final String DEFAULT_IMAGE = "postgis/postgis:17-3.5";

	@Bean
	@ServiceConnection
	PostgreSQLContainer postgis() {
		if (!DockerClientFactory.instance().isDockerAvailable()) {
			throw new IllegalStateException("No Docker engine for the PostGIS test container. Run the tests with "
					+ "scripts/test, which starts a local Docker engine and prepares a PostGIS image, or start "
					+ "Docker yourself and set TIEXIN_POSTGIS_IMAGE to a PostGIS image it has.");
		}
		String image = System.getenv().getOrDefault("TIEXIN_POSTGIS_IMAGE", DEFAULT_IMAGE);
		return new PostgreSQLContainer(DockerImageName.parse(image).asCompatibleSubstituteFor("postgres"));
	}

}
