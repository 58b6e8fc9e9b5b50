package io.tiexin.shared.web;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import graphql.GraphQLContext;
import org.dataloader.DataLoader;
import org.dataloader.DataLoaderRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.graphql.execution.BatchLoaderRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request's batch loaders are made when one is first asked for, all of them, and then
 * batch as Spring for GraphQL's own do; a registry that is not deferred gets them up
 * front, as before.
 */
class DataLoadersOnFirstUseTest {

	private final AtomicInteger batches = new AtomicInteger();

	private final BatchLoaderRegistry loaders = new DataLoadersOnFirstUse().batchLoaderRegistry();

	DataLoadersOnFirstUseTest() {
		this.loaders.<Integer, String>forName("doubled").registerBatchLoader((keys, environment) -> {
			this.batches.incrementAndGet();
			return Flux.fromIterable(keys).map(key -> "x" + (2 * key));
		});
		this.loaders.<Integer, String>forName("tripled")
			.registerBatchLoader((keys, environment) -> Flux.fromIterable(keys).map(key -> "y" + (3 * key)));
	}

	@Test
	void noLoaderIsMadeUntilOneIsAskedForAndDispatchingBeforeHasNothingToDo() {
		DataLoadersOnFirstUse.Deferred registry = new DataLoadersOnFirstUse.Deferred();
		this.loaders.registerDataLoaders(registry, GraphQLContext.newContext().build());
		assertThat(registry.made()).isFalse();
		registry.dispatchAll();
		assertThat(registry.dispatchAllWithCount()).isZero();
		assertThat(registry.dispatchDepth()).isZero();
		assertThat(registry.made()).isFalse();
	}

	@Test
	void askingForOneMakesThemAllAndTheyBatch() {
		DataLoadersOnFirstUse.Deferred registry = new DataLoadersOnFirstUse.Deferred();
		this.loaders.registerDataLoaders(registry, GraphQLContext.newContext().build());
		DataLoader<Integer, String> doubled = registry.getDataLoader("doubled");
		assertThat(registry.made()).isTrue();
		assertThat(registry.getKeys()).containsExactlyInAnyOrder("doubled", "tripled");
		CompletableFuture<String> one = doubled.load(1);
		CompletableFuture<String> two = doubled.load(2);
		registry.dispatchAll();
		assertThat(List.of(one.join(), two.join())).containsExactly("x2", "x4");
		assertThat(this.batches).hasValue(1);
		assertThat(registry.<Integer, String>getDataLoader("tripled").load(5)).isNotDone();
	}

	@Test
	void aRegistryThatIsNotDeferredGetsItsLoadersUpFront() {
		DataLoaderRegistry registry = DataLoaderRegistry.newRegistry().build();
		this.loaders.registerDataLoaders(registry, GraphQLContext.newContext().build());
		assertThat(registry.getKeys()).containsExactlyInAnyOrder("doubled", "tripled");
	}

}
