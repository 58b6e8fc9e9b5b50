package io.tiexin.audit.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import io.micrometer.context.ContextRegistry;

/**
 * The audit records one GraphQL request has made, committed together when it answers and
 * before the answer is sent. The request's resolvers and batch loaders see it as a
 * thread-local, which Spring for GraphQL restores around each of them from the Reactor
 * context ({@link AuditBeforeAnswer} puts it there), on whatever thread they run.
 * <p>
 * Once the answer has been let go ({@link #close}) nothing more is added: a record made
 * later (a subscription's events) is waited for where it is made.
 */
public final class RequestAudit {

	/** The key of the Reactor context and of the thread-local accessor. */
	static final String CONTEXT_KEY = RequestAudit.class.getName();

	/** How long an answer waits for its records before it fails instead. */
	static final Duration MAX_WAIT = Duration.ofSeconds(10);

	private static final ThreadLocal<RequestAudit> CURRENT = new ThreadLocal<>();

	static {
		ContextRegistry.getInstance()
			.registerThreadLocalAccessor(CONTEXT_KEY, CURRENT::get, CURRENT::set, CURRENT::remove);
	}

	private final List<Object> records = new ArrayList<>();

	private Function<List<Object>, CompletableFuture<Void>> committer;

	private boolean closed;

	RequestAudit() {
	}

	/**
	 * Leaves the record to the end of the current GraphQL request, if one is still open:
	 * all of a request's records are committed together, in one statement, before it
	 * answers. Returns false when there is none; the caller then commits it and waits
	 * itself ({@link #await}).
	 * @param committer queues records for their commit; the future completes when they
	 * are committed
	 */
	@SuppressWarnings("unchecked")
	public static <T> boolean deferToAnswer(T record, Function<List<T>, CompletableFuture<Void>> committer) {
		RequestAudit request = CURRENT.get();
		return request != null
				&& request.add(record, (Function<List<Object>, CompletableFuture<Void>>) (Function<?, ?>) committer);
	}

	private synchronized boolean add(Object record, Function<List<Object>, CompletableFuture<Void>> committer) {
		if (this.closed) {
			return false;
		}
		this.committer = committer;
		this.records.add(record);
		return true;
	}

	/**
	 * Commits every record of the request and waits until they are; afterwards nothing
	 * more is added.
	 * @throws AuditNotWritten when they could not be written in time
	 */
	void close() {
		List<Object> made;
		synchronized (this) {
			this.closed = true;
			made = List.copyOf(this.records);
		}
		if (!made.isEmpty()) {
			await(this.committer.apply(made));
		}
	}

	/**
	 * Waits until the records are committed.
	 * @throws AuditNotWritten when they could not be written in time
	 */
	public static void await(CompletableFuture<Void> committed) {
		await(List.of(committed));
	}

	private static void await(List<CompletableFuture<Void>> records) {
		if (records.isEmpty()) {
			return;
		}
		try {
			CompletableFuture.allOf(records.toArray(CompletableFuture[]::new))
				.get(MAX_WAIT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			throw new AuditNotWritten(ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new AuditNotWritten(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AuditNotWritten(ex);
		}
	}

	/** The records a request made could not be committed: it must not be answered. */
	public static final class AuditNotWritten extends RuntimeException {

		AuditNotWritten(Throwable cause) {
			super("audit records not written", cause);
		}

	}

}
