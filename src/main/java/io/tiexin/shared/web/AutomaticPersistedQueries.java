package io.tiexin.shared.web;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.persisted.ApolloPersistedQuerySupport;
import graphql.execution.preparsed.persisted.PersistedQueryCache;
import graphql.execution.preparsed.persisted.PersistedQueryCacheMiss;
import graphql.execution.preparsed.persisted.PersistedQueryNotFound;
import graphql.execution.preparsed.persisted.PersistedQuerySupport;

/**
 * Apollo's automatic persisted queries: a request whose
 * {@code extensions.persistedQuery.sha256Hash} is known may leave its query out; an
 * unknown hash without a query is answered {@code PersistedQueryNotFound}
 * ({@code extensions.code} {@code PERSISTED_QUERY_NOT_FOUND}, see
 * {@link RequestErrorCodes}), and the client sends the query with the hash, which
 * registers it. graphql-java checks the hash against the query
 * ({@code PersistedQueryIdInvalid}, a {@code VALIDATION} error, when they differ).
 * <p>
 * Only the text is kept here, by hash, bounded by its total length (anyone may register a
 * query, so the cache must not grow without limit); parsing and validation stay with
 * {@link ParsedQueryCache}.
 */
final class AutomaticPersistedQueries {

	/** Characters of query text kept, as {@link ParsedQueryCache} does. */
	private static final long MAX_QUERY_CHARACTERS = 4_000_000;

	private final Cache<Object, String> queries = Caffeine.newBuilder()
		.maximumWeight(MAX_QUERY_CHARACTERS)
		.<Object, String>weigher((hash, query) -> query.length())
		.build();

	private final PersistedQuerySupport support = new ApolloPersistedQuerySupport(new TextByHash());

	static boolean isPersisted(ExecutionInput input) {
		return input.getExtensions() != null && input.getExtensions().get("persistedQuery") instanceof Map<?, ?>;
	}

	CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
			Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
		return this.support.getDocumentAsync(input, parseAndValidate);
	}

	/** The text registered for this hash, or {@code null}. */
	String text(String hash) {
		return this.queries.getIfPresent(hash);
	}

	private final class TextByHash implements PersistedQueryCache {

		@Override
		public CompletableFuture<PreparsedDocumentEntry> getPersistedQueryDocumentAsync(Object hash,
				ExecutionInput input, PersistedQueryCacheMiss parseCheckingTheHash) throws PersistedQueryNotFound {
			String sent = input.getQuery();
			if (sent == null || sent.isBlank() || PersistedQuerySupport.PERSISTED_QUERY_MARKER.equals(sent)) {
				String known = AutomaticPersistedQueries.this.queries.getIfPresent(hash);
				if (known == null) {
					throw new PersistedQueryNotFound(hash);
				}
				return CompletableFuture.completedFuture(parseCheckingTheHash.apply(known));
			}
			// A query sent with its hash is checked every time: a hash once registered
			// never stands for another text.
			PreparsedDocumentEntry entry = parseCheckingTheHash.apply(sent);
			if (!entry.hasErrors()) {
				AutomaticPersistedQueries.this.queries.put(hash, sent);
			}
			return CompletableFuture.completedFuture(entry);
		}

	}

}
