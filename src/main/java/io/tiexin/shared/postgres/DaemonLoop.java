package io.tiexin.shared.postgres;

import org.springframework.context.SmartLifecycle;

/**
 * One loop on a daemon thread of its own, from the application context's start to its
 * stop, in every replica: the LISTEN loops ({@link PostgresChannelListener}) and the live
 * events' sender. {@link #loop} runs until {@link #keepRunning} turns false; stopping
 * also interrupts the thread, so a loop blocked in a wait returns at once.
 */
public abstract class DaemonLoop implements SmartLifecycle {

	private final String threadName;

	private volatile Thread thread;

	protected DaemonLoop(String threadName) {
		this.threadName = threadName;
	}

	/**
	 * The work of the thread; returns once {@link #keepRunning} is false or the thread is
	 * interrupted.
	 */
	protected abstract void loop();

	/**
	 * Whether the calling thread is the loop this lifecycle still runs (false once
	 * stopped).
	 */
	protected final boolean keepRunning() {
		return this.thread == Thread.currentThread();
	}

	@Override
	public void start() {
		Thread loop = new Thread(this::loop, this.threadName);
		loop.setDaemon(true);
		this.thread = loop;
		loop.start();
	}

	@Override
	public void stop() {
		Thread running = this.thread;
		this.thread = null;
		if (running != null) {
			running.interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.thread != null;
	}

}
