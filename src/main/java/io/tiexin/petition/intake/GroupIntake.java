package io.tiexin.petition.intake;

import io.tiexin.petition.Petition;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import io.tiexin.shared.ErrorCode;
import io.tiexin.shared.TiexinException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationUtils;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group intake: concurrent submissions share one transaction. A submission's own cost in
 * PostgreSQL is small next to what every transaction pays (its commit, the WAL flush that
 * makes it durable, the round trips around them), and under a stream of submissions those
 * queued behind each other. Here each submission, checked and placed on its caller's
 * thread, waits in a queue; a few writer threads each take what has queued up (at most
 * {@code maxBatch}) and write it in one transaction, each petition dispatched as alone,
 * in arrival order. Nothing waits for a batch to fill: a submission that finds a writer
 * idle is written at once, alone; under load the batches grow by themselves with what
 * arrived while the writers were busy (group commit).
 * <p>
 * What an answer promises still holds: a caller gets its petition only once the
 * transaction that wrote and dispatched it has committed. When a batch fails before its
 * commit (a statement refused, the connection lost), its transaction rolls back whole and
 * each of its submissions is written again alone, so one that cannot be written fails on
 * its own and the others are answered as usual. When the commit itself fails, whether it
 * took effect is unknown: every caller of that batch gets the error, none a petition, as
 * a single submission would.
 */
@Component
public class GroupIntake implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(GroupIntake.class);

	private final TransactionTemplate transactions;

	private final GroupIntakeProperties properties;

	private final BlockingQueue<Waiting> queue = new LinkedBlockingQueue<>();

	private volatile List<Thread> writers = List.of();

	GroupIntake(PlatformTransactionManager transactions, GroupIntakeProperties properties) {
		this.transactions = new TransactionTemplate(transactions);
		this.properties = properties;
	}

	/**
	 * Writes the submission with others in one transaction and returns its petition once
	 * that transaction has committed.
	 * @param writeAll writes submissions in the current transaction and returns their
	 * petitions in the same order (the same function for every submission)
	 */
	<S> Petition submit(S submission, Function<List<S>, List<Petition>> writeAll) {
		@SuppressWarnings("unchecked")
		Waiting waiting = new Waiting(submission, (Function<List<Object>, List<Petition>>) (Function<?, ?>) writeAll,
				new CompletableFuture<>());
		if (!isRunning()) {
			return alone(waiting);
		}
		this.queue.add(waiting);
		if (!isRunning() && this.queue.remove(waiting)) {
			// stopped meanwhile: nobody will take it
			return alone(waiting);
		}
		try {
			return waiting.answer().get(this.properties.maxWait().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException failed) {
			if (failed.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (failed.getCause() instanceof Error error) {
				throw error;
			}
			throw new IllegalStateException(failed.getCause());
		}
		catch (TimeoutException slow) {
			throw new TiexinException(ErrorCode.UNAVAILABLE, "提交处理超时,可能已受理:请用同一幂等键重试 (the submission timed out and may "
					+ "still be recorded: send it again with the same idempotencyKey)");
		}
		catch (InterruptedException interrupted) {
			Thread.currentThread().interrupt();
			throw new TiexinException(ErrorCode.UNAVAILABLE, "服务正在停止,请稍后重试 (the service is stopping; try again)");
		}
	}

	private Petition alone(Waiting waiting) {
		return this.transactions.execute(status -> waiting.writeAll().apply(List.of(waiting.submission())).get(0));
	}

	/**
	 * Test hook: parks every writer until the returned handle runs, so what is submitted
	 * meanwhile queues up and is then written as one batch (up to {@code maxBatch}) by
	 * whichever writer drains the queue first: a batch of a size the test chooses.
	 */
	Runnable parkWriters() throws InterruptedException {
		List<Waiting> parked = new ArrayList<>();
		CountDownLatch taken = new CountDownLatch(this.writers.size());
		CountDownLatch release = new CountDownLatch(1);
		for (int i = 0; i < this.writers.size(); i++) {
			parked.add(new Waiting(new Park(taken, release), null, new CompletableFuture<>()));
		}
		this.queue.addAll(parked);
		taken.await();
		return release::countDown;
	}

	/** Test hook: how many submissions wait in the queue. */
	int waiting() {
		return (int) this.queue.stream().filter(waiting -> !(waiting.submission() instanceof Park)).count();
	}

	private void writeBatches() {
		List<Waiting> batch = new ArrayList<>(this.properties.maxBatch());
		while (this.writers.contains(Thread.currentThread())) {
			try {
				Waiting first = this.queue.take();
				if (first.submission() instanceof Park park) {
					park.taken().countDown();
					park.release().await();
				}
				else {
					batch.add(first);
				}
			}
			catch (InterruptedException stopping) {
				return;
			}
			this.queue.drainTo(batch, this.properties.maxBatch() - batch.size());
			// a park drained along with submissions is for another writer to take
			batch.removeIf(waiting -> waiting.submission() instanceof Park && this.queue.add(waiting));
			if (batch.isEmpty()) {
				continue;
			}
			try {
				write(batch);
			}
			catch (Throwable unexpected) {
				// write answers every caller itself; this is a fault in that
				batch.forEach(waiting -> waiting.answer().completeExceptionally(unexpected));
				log.error("Group intake failed to answer a batch of {}", batch.size(), unexpected);
			}
			batch.clear();
		}
	}

	private void write(List<Waiting> batch) {
		List<Petition> petitions = new ArrayList<>(batch.size());
		RuntimeException[] beforeCommit = new RuntimeException[1];
		try {
			this.transactions.executeWithoutResult(status -> {
				try {
					petitions.addAll(batch.get(0).writeAll().apply(batch.stream().map(Waiting::submission).toList()));
					// What listeners keep to write at once (the webhook outbox) is
					// written now, so a statement of theirs that fails fails before
					// the commit, and the batch is written again one by one.
					TransactionSynchronizationUtils.triggerFlush();
				}
				catch (RuntimeException failed) {
					beforeCommit[0] = failed;
					throw failed;
				}
			});
			for (int i = 0; i < batch.size(); i++) {
				batch.get(i).answer().complete(petitions.get(i));
			}
			return;
		}
		catch (RuntimeException failed) {
			if (beforeCommit[0] == null) {
				// The commit failed: whether it took effect, nobody can tell, so nobody
				// is told it did.
				batch.forEach(waiting -> waiting.answer().completeExceptionally(failed));
				return;
			}
			// A statement failed, so no commit was sent (even if the rollback failed too,
			// on a lost connection): nothing of the batch is written.
		}
		if (batch.size() == 1) {
			batch.get(0).answer().completeExceptionally(beforeCommit[0]);
			return;
		}
		log.warn("A batch of {} submissions rolled back ({}); writing each alone", batch.size(),
				beforeCommit[0].toString());
		for (Waiting waiting : batch) {
			try {
				waiting.answer().complete(alone(waiting));
			}
			catch (RuntimeException failed) {
				waiting.answer().completeExceptionally(failed);
			}
		}
	}

	@Override
	public void start() {
		List<Thread> started = new ArrayList<>();
		for (int i = 0; i < this.properties.writers(); i++) {
			Thread writer = new Thread(this::writeBatches, "petition-intake-" + i);
			writer.setDaemon(true);
			started.add(writer);
		}
		this.writers = List.copyOf(started);
		started.forEach(Thread::start);
	}

	@Override
	public void stop() {
		List<Thread> running = this.writers;
		this.writers = List.of();
		running.forEach(Thread::interrupt);
		for (Thread writer : running) {
			try {
				writer.join(5_000);
			}
			catch (InterruptedException interrupted) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		List<Waiting> left = new ArrayList<>();
		this.queue.drainTo(left);
		left.forEach(waiting -> waiting.answer()
			.completeExceptionally(
					new TiexinException(ErrorCode.UNAVAILABLE, "服务正在停止,请稍后重试 (the service is stopping; try again)")));
	}

	@Override
	public boolean isRunning() {
		return !this.writers.isEmpty();
	}

	/**
	 * Stops after the web server (which stops taking requests first) and before the
	 * connection pool.
	 */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 2048;
	}

	/** A writer parked by {@link #parkWriters}. */
	private record Park(CountDownLatch taken, CountDownLatch release) {
	}

	private record Waiting(Object submission, Function<List<Object>, List<Petition>> writeAll,
			CompletableFuture<Petition> answer) {
	}

}
