package io.tiexin.audit.internal;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The group commit: what queued while one batch was written goes out in the next, each
 * submitter's future completes only after the write that holds its records, and a refused
 * record set fails only its own submitter.
 */
class GroupCommitTest {

	/** Lets the writer's first write start, and holds it until released. */
	private final CountDownLatch firstWriteStarted = new CountDownLatch(1);

	private final CountDownLatch releaseFirstWrite = new CountDownLatch(1);

	private final List<List<String>> written = new CopyOnWriteArrayList<>();

	private void write(List<String> batch) {
		if (this.firstWriteStarted.getCount() > 0) {
			this.firstWriteStarted.countDown();
			await(this.releaseFirstWrite);
		}
		if (batch.contains("refused")) {
			throw new IllegalStateException("refused by the database");
		}
		this.written.add(batch);
	}

	@Test
	void whatQueuesDuringOneWriteGoesOutInTheNextAndNoFutureCompletesBeforeItsWrite() throws Exception {
		try (GroupCommit<String> commit = new GroupCommit<>("test-writer", this::write)) {
			CompletableFuture<Void> first = commit.submit("first");
			await(this.firstWriteStarted);
			List<CompletableFuture<Void>> waiting = IntStream.range(0, 50)
				.mapToObj(i -> commit.submit("request " + i))
				.toList();

			assertThat(first).isNotDone();
			assertThat(waiting).noneMatch(CompletableFuture::isDone);
			this.releaseFirstWrite.countDown();
			CompletableFuture.allOf(waiting.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

			assertThat(first).isCompleted();
			assertThat(this.written).hasSize(2);
			assertThat(this.written.get(0)).containsExactly("first");
			assertThat(this.written.get(1)).hasSize(50).doesNotHaveDuplicates();
		}
	}

	@Test
	void aRefusedRecordSetFailsOnlyItsOwnSubmitter() throws Exception {
		try (GroupCommit<String> commit = new GroupCommit<>("test-writer", this::write)) {
			CompletableFuture<Void> first = commit.submit("first");
			await(this.firstWriteStarted);
			CompletableFuture<Void> before = commit.submit("before");
			CompletableFuture<Void> refused = commit.submit("refused");
			CompletableFuture<Void> after = commit.submit("after");
			this.releaseFirstWrite.countDown();

			before.get(10, TimeUnit.SECONDS);
			after.get(10, TimeUnit.SECONDS);
			first.get(10, TimeUnit.SECONDS);
			assertThatThrownBy(() -> refused.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
				.hasRootCauseMessage("refused by the database");
			assertThat(this.written).flatMap(batch -> batch)
				.containsExactlyInAnyOrder("first", "before", "after")
				.doesNotHaveDuplicates();
		}
	}

	@Test
	void whatIsQueuedWhenItClosesIsStillWritten() throws Exception {
		CompletableFuture<Void> queued;
		try (GroupCommit<String> commit = new GroupCommit<>("test-writer", this::write)) {
			commit.submit("first");
			await(this.firstWriteStarted);
			queued = commit.submit("queued");
			this.releaseFirstWrite.countDown();
		}
		queued.get(10, TimeUnit.SECONDS);
		assertThat(this.written).flatMap(batch -> batch).containsExactly("first", "queued");
	}

	@Test
	void outsideARequestNothingIsDeferredAndAFailedCommitThrows() {
		assertThat(RequestAudit.deferToAnswer("record", records -> new CompletableFuture<>())).isFalse();
		CompletableFuture<Void> failed = CompletableFuture.failedFuture(new IllegalStateException("refused"));
		assertThatThrownBy(() -> RequestAudit.await(failed)).isInstanceOf(RequestAudit.AuditNotWritten.class);
	}

	private static void await(CountDownLatch latch) {
		try {
			assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
