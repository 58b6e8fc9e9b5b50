package io.tiexin.shared;

import java.util.List;

import graphql.GraphQLError;
import graphql.Scalars;
import graphql.execution.ExecutionStepInfo;
import graphql.execution.MergedField;
import graphql.execution.ResultPath;
import graphql.language.Field;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.DataFetchingEnvironmentImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

import static org.assertj.core.api.Assertions.assertThat;

/** Spring Security's refusals inside a resolver get the contract's codes. */
class GraphQlErrorResolverTest {

	private final GraphQlErrorResolver resolver = new GraphQlErrorResolver();

	@AfterEach
	void signOut() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void accessDeniedToASignedInPersonIsForbidden() {
		SecurityContextHolder.getContext()
			.setAuthentication(new TestingAuthenticationToken("admin", null, "ROLE_CITIZEN"));

		assertThat(code(new AccessDeniedException("denied"))).isEqualTo("FORBIDDEN");
	}

	@Test
	void accessDeniedToNobodyOrAnAnonymousRequestIsUnauthenticated() {
		assertThat(code(new AccessDeniedException("denied"))).isEqualTo("UNAUTHENTICATED");
		SecurityContextHolder.getContext()
			.setAuthentication(new AnonymousAuthenticationToken("key", "anonymousUser",
					AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS")));

		assertThat(code(new AccessDeniedException("denied"))).isEqualTo("UNAUTHENTICATED");
	}

	@Test
	void missingCredentialsAreUnauthenticated() {
		assertThat(code(new AuthenticationCredentialsNotFoundException("none"))).isEqualTo("UNAUTHENTICATED");
	}

	@Test
	void aDomainRefusalKeepsItsCodeAndAnythingElseIsInternal() {
		assertThat(code(new TiexinException(ErrorCode.STALE_VERSION, "stale"))).isEqualTo("STALE_VERSION");
		assertThat(code(new IllegalStateException("boom"))).isEqualTo("INTERNAL");
	}

	private String code(Exception ex) {
		List<GraphQLError> errors = this.resolver.resolveException(ex, environment()).block();
		assertThat(errors).hasSize(1);
		return (String) errors.get(0).getExtensions().get("code");
	}

	private static DataFetchingEnvironment environment() {
		return DataFetchingEnvironmentImpl.newDataFetchingEnvironment()
			.executionStepInfo(ExecutionStepInfo.newExecutionStepInfo()
				.type(Scalars.GraphQLString)
				.path(ResultPath.rootPath().segment("me"))
				.build())
			.mergedField(MergedField.newMergedField(Field.newField("me").build()).build())
			.build();
	}

}
