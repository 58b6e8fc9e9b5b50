package io.tiexin.audit.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the records of many requests with one statement and one commit (group commit):
 * one writer thread takes whatever has queued while it wrote the previous batch, so a
 * lone request waits for one commit as before, and under load many requests share each
 * commit instead of each paying its own WAL flush. Every submitter gets a future that
 * completes only once its records are committed, or fails: the caller holds its answer
 * until then, so no answer leaves without its records stored.
 * <p>
 * A batch that fails is retried record set by record set, so one refused set (a
 * constraint, a trigger) fails only its own request, not the others that shared its
 * commit.
 *
 * @param <T> one submitter's records
 */
public final class GroupCommit<T> implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

	/** Record sets written together at most: a few thousand rows in one statement. */
	static final int MAX_BATCH = 500;

	private final BlockingQueue<Entry<T>> queue = new LinkedBlockingQueue<>();

	private final Consumer<List<T>> writer;

	private final Thread thread;

	private volatile boolean closing;

	/**
	 * @param writer writes the given record sets in one transaction, or throws and writes
	 * none of them
	 */
	public GroupCommit(String name, Consumer<List<T>> writer) {
		this.writer = writer;
		this.thread = new Thread(this::run, name);
		this.thread.setDaemon(true);
		this.thread.start();
	}

	/** Queues the records; the future completes when they are committed. */
	public CompletableFuture<Void> submit(T records) {
		CompletableFuture<Void> committed = new CompletableFuture<>();
		if (this.closing) {
			// shutting down: the caller's own thread writes, still before it answers
			write(List.of(new Entry<>(records, committed)));
			return committed;
		}
		this.queue.add(new Entry<>(records, committed));
		return committed;
	}

	private void run() {
		List<Entry<T>> batch = new ArrayList<>();
		while (!this.closing || !this.queue.isEmpty()) {
			try {
				Entry<T> first = this.queue.poll(100, TimeUnit.MILLISECONDS);
				if (first == null) {
					continue;
				}
				batch.add(first);
				this.queue.drainTo(batch, MAX_BATCH - 1);
				write(batch);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			finally {
				batch.clear();
			}
		}
	}

	private void write(List<Entry<T>> batch) {
		try {
			this.writer.accept(batch.stream().map(Entry::records).toList());
			batch.forEach(entry -> entry.committed().complete(null));
		}
		catch (RuntimeException ex) {
			if (batch.size() == 1) {
				log.error("Audit records could not be written; the request that read them fails", ex);
				batch.get(0).committed().completeExceptionally(ex);
				return;
			}
			// find the set that was refused, and still commit the others
			for (Entry<T> entry : batch) {
				write(List.of(entry));
			}
		}
		catch (Error ex) {
			batch.forEach(entry -> entry.committed().completeExceptionally(ex));
			throw ex;
		}
	}

	/**
	 * Writes what is queued, then stops; later submissions are written by their callers.
	 */
	@Override
	public void close() {
		this.closing = true;
		try {
			this.thread.join(Duration.ofSeconds(10).toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		// anything queued in the moment the writer stopped
		List<Entry<T>> left = new ArrayList<>();
		this.queue.drainTo(left);
		left.forEach(entry -> write(List.of(entry)));
	}

	private record Entry<T>(T records, CompletableFuture<Void> committed) {
	}

}
