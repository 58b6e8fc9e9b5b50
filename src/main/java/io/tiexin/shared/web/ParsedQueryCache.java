package io.tiexin.shared.web;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;

import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Parses and validates each distinct GraphQL document once. Clients send the same few
 * documents over and over with different variables (the map page, the grid worker's app,
 * dashboards), and parsing plus validation against the schema was a seventh of a
 * request's time in bench/run.
 * <p>
 * Only valid documents are kept (an invalid one is answered with its errors each time, so
 * garbage cannot fill the cache), bounded by the total length of their text. The depth
 * and complexity limits ({@link QueryLimits}) are checked at execution, so a cached
 * document is still measured against them on every request. Apollo's automatic persisted
 * queries ({@link AutomaticPersistedQueries}) go through it too.
 */
@Configuration(proxyBeanMethods = false)
class ParsedQueryCache implements PreparsedDocumentProvider {

	/**
	 * Characters of query text kept: documents are a few hundred characters to a few KB.
	 */
	private static final long MAX_QUERY_CHARACTERS = 4_000_000;

	private final Cache<String, PreparsedDocumentEntry> documents = Caffeine.newBuilder()
		.maximumWeight(MAX_QUERY_CHARACTERS)
		.<String, PreparsedDocumentEntry>weigher((query, entry) -> query.length())
		.build();

	@Bean
	GraphQlSourceBuilderCustomizer parsedQueryCacheCustomizer() {
		return builder -> builder.configureGraphQl(graphQl -> graphQl.preparsedDocumentProvider(this));
	}

	private final AutomaticPersistedQueries persistedQueries = new AutomaticPersistedQueries();

	@Override
	public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
			Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
		if (AutomaticPersistedQueries.isPersisted(input)) {
			return this.persistedQueries.getDocumentAsync(input,
					withText -> parsed(withText, parseAndValidate).getNow(null));
		}
		return parsed(input, parseAndValidate);
	}

	/**
	 * The text registered for an automatic persisted query's hash, or {@code null}: for
	 * {@link GraphQlOverGet}, which refuses mutations before execution.
	 */
	String persistedQuery(String hash) {
		return this.persistedQueries.text(hash);
	}

	private CompletableFuture<PreparsedDocumentEntry> parsed(ExecutionInput input,
			Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
		PreparsedDocumentEntry cached = this.documents.getIfPresent(input.getQuery());
		if (cached != null) {
			return CompletableFuture.completedFuture(cached);
		}
		PreparsedDocumentEntry entry = parseAndValidate.apply(input);
		if (!entry.hasErrors()) {
			this.documents.put(input.getQuery(), entry);
		}
		return CompletableFuture.completedFuture(entry);
	}

}
