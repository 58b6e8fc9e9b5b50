package io.tiexin.shared.console;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress of a long command-line job on standard error: on a terminal one line redrawn
 * in place (bar, rows, rows per second, ETA), at most five times a second; otherwise (a
 * log file, CI) a plain line every ten seconds and at each change of phase. Rates and ETA
 * are per phase.
 */
public final class ProgressBar {

	private static final int WIDTH = 30;

	private final PrintStream out;

	private final boolean terminal;

	private String phase;

	private long phaseStarted;

	private long lastShown;

	private boolean lineOpen;

	private boolean phaseFinished;

	public ProgressBar(PrintStream out, boolean terminal) {
		this.out = out;
		this.terminal = terminal;
	}

	/**
	 * @param rows done so far in this phase
	 * @param fraction of the phase done, 0 to 1, NaN when unknown (no bar, no ETA)
	 */
	public synchronized void update(String phase, long rows, double fraction) {
		long now = System.nanoTime();
		boolean newPhase = !phase.equals(this.phase);
		if (newPhase) {
			if (this.phase != null) {
				finishLine();
			}
			this.phase = phase;
			this.phaseStarted = now;
			this.phaseFinished = false;
		}
		boolean finished = fraction >= 1.0;
		if (this.phaseFinished) {
			return;
		}
		this.phaseFinished = finished;
		long interval = this.terminal ? 200_000_000L : 10_000_000_000L;
		if (!newPhase && !finished && now - this.lastShown < interval) {
			return;
		}
		this.lastShown = now;
		String line = render(phase, rows, fraction, (now - this.phaseStarted) / 1e9);
		if (this.terminal) {
			this.out.print("\r" + line + "\u001b[K");
			this.lineOpen = true;
			if (finished) {
				finishLine();
			}
		}
		else {
			this.out.println(line);
		}
		this.out.flush();
	}

	/** Ends the line in progress, e.g. before the job prints its report. */
	public synchronized void finishLine() {
		if (this.lineOpen) {
			this.out.println();
			this.lineOpen = false;
		}
	}

	static String render(String phase, long rows, double fraction, double seconds) {
		StringBuilder line = new StringBuilder(100);
		if (!Double.isNaN(fraction)) {
			int filled = (int) Math.round(Math.min(1, Math.max(0, fraction)) * WIDTH);
			line.append('[').append("#".repeat(filled)).append(".".repeat(WIDTH - filled)).append("] ");
			line.append(String.format(Locale.ROOT, "%3.0f%% ", fraction * 100));
		}
		line.append(String.format(Locale.ROOT, "%-11s %,d rows", phase, rows));
		if (seconds > 0.5) {
			line.append(String.format(Locale.ROOT, "  %,.0f rows/s", rows / seconds));
		}
		if (!Double.isNaN(fraction) && fraction > 0.01 && fraction < 1) {
			long eta = Math.round(seconds * (1 - fraction) / fraction);
			line.append(String.format(Locale.ROOT, "  ETA %d:%02d", eta / 60, eta % 60));
		}
		else if (fraction >= 1) {
			line.append(String.format(Locale.ROOT, "  done in %.1f s", seconds));
		}
		return line.toString();
	}

}
