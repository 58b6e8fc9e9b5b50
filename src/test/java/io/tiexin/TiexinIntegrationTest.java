package io.tiexin;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.tiexin.grid.AreaFixtures;
import io.tiexin.people.PeopleFixtures;
import io.tiexin.petition.PetitionFixtures;
import io.tiexin.security.DevTokens;

import org.springframework.boot.graphql.test.autoconfigure.tester.AutoConfigureHttpGraphQlTester;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole service on a random port over a real PostGIS with the demo county and its
 * people loaded; GraphQL goes over real HTTP, signed in with real tokens from the demo
 * profile's {@code /auth/dev-token} ({@link DevTokens}); the service's clock is a
 * {@link TestClock}. The test-data fixtures ({@link AreaFixtures},
 * {@link PeopleFixtures}, {@link PetitionFixtures}) are beans here too. Every test class
 * with this annotation shares one application context and one database container.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureHttpGraphQlTester
@Import({ PostgisContainerConfiguration.class, StatementCounter.class, DevTokens.class, TestClock.Configuration.class,
		GraphQlClient.class, PatientTestClient.class, AreaFixtures.class, PeopleFixtures.class,
		PetitionFixtures.class })
@ActiveProfiles({ "demo", "test" })
public @interface TiexinIntegrationTest {

}
