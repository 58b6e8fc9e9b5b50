package io.tiexin.shared.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

import graphql.GraphQLContext;
import org.dataloader.DataLoader;
import org.dataloader.DataLoaderRegistry;
import org.dataloader.stats.Statistics;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.graphql.execution.DefaultBatchLoaderRegistry;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;

/**
 * A request's batch loaders (one per {@code @BatchMapping} and per loader registered by
 * name, some forty) are made when the request first asks for one, not before every
 * request: Spring for GraphQL makes them all for each request, used or not, and most
 * requests ({@code locate}, a page of petitions, the map's counts) use none. When one is
 * asked for, all are made at once, exactly as Spring for GraphQL makes them, so a request
 * that batches behaves as before.
 * <p>
 * Over HTTP, WebSocket and SSE (this interceptor); an execution that does not pass
 * through the web layer gets its loaders made up front, as before.
 */
@Configuration(proxyBeanMethods = false)
class DataLoadersOnFirstUse {

	@Bean
	BatchLoaderRegistry batchLoaderRegistry() {
		return new DefaultBatchLoaderRegistry() {

			@Override
			public void registerDataLoaders(DataLoaderRegistry registry, GraphQLContext context) {
				if (registry instanceof Deferred deferred) {
					deferred.defer(made -> super.registerDataLoaders(made, context));
				}
				else {
					super.registerDataLoaders(registry, context);
				}
			}

		};
	}

	@Bean
	WebGraphQlInterceptor deferredDataLoaderRegistry() {
		return new WebGraphQlInterceptor() {

			@Override
			public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
				request.configureExecutionInput((input, builder) -> builder.dataLoaderRegistry(new Deferred()).build());
				return chain.next(request);
			}

		};
	}

	/**
	 * A registry whose loaders are registered on first use. Dispatching before then has
	 * nothing to dispatch: no loader has been asked for a key.
	 */
	static final class Deferred extends DataLoaderRegistry {

		private final List<Consumer<DataLoaderRegistry>> registrations = new ArrayList<>(1);

		private volatile boolean made;

		/**
		 * Registering: Spring for GraphQL looks each name up before registering it, which
		 * must not start the registration again.
		 */
		private boolean making;

		void defer(Consumer<DataLoaderRegistry> registration) {
			synchronized (this) {
				if (this.made) {
					registration.accept(this);
				}
				else {
					this.registrations.add(registration);
				}
			}
		}

		private void make() {
			if (!this.made) {
				synchronized (this) {
					if (!this.made && !this.making) {
						this.making = true;
						try {
							this.registrations.forEach(registration -> registration.accept(this));
							this.registrations.clear();
						}
						finally {
							this.made = true;
						}
					}
				}
			}
		}

		/** Whether the loaders have been made. */
		boolean made() {
			return this.made;
		}

		@Override
		public <K, V> DataLoader<K, V> getDataLoader(String key) {
			make();
			return super.getDataLoader(key);
		}

		@Override
		public <K, V> DataLoader<K, V> computeIfAbsent(String key, Function<String, DataLoader<?, ?>> mappingFunction) {
			make();
			return super.computeIfAbsent(key, mappingFunction);
		}

		@Override
		public <K, V> DataLoader<K, V> registerAndGet(String key, DataLoader<?, ?> dataLoader) {
			make();
			return super.registerAndGet(key, dataLoader);
		}

		@Override
		public DataLoaderRegistry combine(DataLoaderRegistry registry) {
			make();
			return super.combine(registry);
		}

		@Override
		public List<DataLoader<?, ?>> getDataLoaders() {
			make();
			return super.getDataLoaders();
		}

		@Override
		public Map<String, DataLoader<?, ?>> getDataLoadersMap() {
			make();
			return super.getDataLoadersMap();
		}

		@Override
		public DataLoaderRegistry unregister(String key) {
			make();
			return super.unregister(key);
		}

		@Override
		public Set<String> getKeys() {
			make();
			return super.getKeys();
		}

		@Override
		public Statistics getStatistics() {
			make();
			return super.getStatistics();
		}

		@Override
		public void dispatchAll() {
			if (this.made) {
				super.dispatchAll();
			}
		}

		@Override
		public int dispatchAllWithCount() {
			return this.made ? super.dispatchAllWithCount() : 0;
		}

		@Override
		public int dispatchDepth() {
			return this.made ? super.dispatchDepth() : 0;
		}

	}

}
