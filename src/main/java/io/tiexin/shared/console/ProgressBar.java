package io.tiexin.shared.console;

import java.io.PrintStream;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of a long command-line job on standard error, drawn by
 * {@code me.tongfei:progressbar}: on a terminal one bar per phase redrawn in place (rows,
 * rows per second, ETA), five times a second; on anything else (a log file, CI) nothing,
 * as the job prints its own report at the end. Rates and ETA are per phase.
 */
public final class ProgressBar {

	private final PrintStream out;

	private final boolean terminal;

	private String phase;

	private me.tongfei.progressbar.ProgressBar bar;

	public ProgressBar(PrintStream out, boolean terminal) {
		this.out = out;
		this.terminal = terminal;
	}

	/**
	 * @param rows done so far in this phase
	 * @param fraction of the phase done, 0 to 1, NaN when unknown (no bar, no ETA)
	 */
	public synchronized void update(String phase, long rows, double fraction) {
		if (!this.terminal) {
			return;
		}
		if (!phase.equals(this.phase)) {
			finishLine();
			this.phase = phase;
			this.bar = new ProgressBarBuilder().setTaskName(phase)
				.setInitialMax(-1)
				.setStyle(ProgressBarStyle.ASCII)
				.setUpdateIntervalMillis(200)
				.setUnit(" rows", 1)
				.showSpeed()
				.setConsumer(new ConsoleProgressBarConsumer(this.out))
				.build();
		}
		if (this.bar == null) {
			// This phase was finished; later updates of it change nothing.
			return;
		}
		// The source knows the fraction read, the bar counts rows: the total is estimated
		// from both, so the bar's ETA is the job's.
		if (!Double.isNaN(fraction) && fraction > 0) {
			this.bar.maxHint(Math.max(rows, Math.round(rows / Math.min(1, fraction))));
		}
		this.bar.stepTo(rows);
		if (fraction >= 1) {
			this.bar.maxHint(rows);
			finishLine();
		}
	}

	/** Ends the bar in progress, e.g. before the job prints its report. */
	public synchronized void finishLine() {
		if (this.bar != null) {
			this.bar.close();
			this.bar = null;
		}
	}

}
