package io.tiexin.audit.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micrometer.context.ContextRegistry;

/**
 * The audit records one GraphQL request has queued and that its answer waits for. The
 * request's resolvers and batch loaders see it as a thread-local, which Spring for
 * GraphQL restores around each of them from the Reactor context
 * ({@link AuditBeforeAnswer} puts it there), on whatever thread they run.
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

	private final List<CompletableFuture<Void>> pending = new ArrayList<>();

	private boolean closed;

	RequestAudit() {
	}

	/**
	 * Leaves the records' commit to the end of the current request, if there is one still
	 * open; else waits for it here. Either way no answer that showed what they record is
	 * sent before they are committed.
	 */
	public static void awaitBeforeAnswer(CompletableFuture<Void> committed) {
		RequestAudit request = CURRENT.get();
		if (request == null || !request.add(committed)) {
			await(List.of(committed));
		}
	}

	private synchronized boolean add(CompletableFuture<Void> committed) {
		if (this.closed) {
			return false;
		}
		this.pending.add(committed);
		return true;
	}

	/**
	 * Waits until every record of the request is committed; afterwards nothing more is
	 * added.
	 * @throws AuditNotWritten when one could not be written in time
	 */
	void close() {
		List<CompletableFuture<Void>> records;
		synchronized (this) {
			this.closed = true;
			records = List.copyOf(this.pending);
		}
		await(records);
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
