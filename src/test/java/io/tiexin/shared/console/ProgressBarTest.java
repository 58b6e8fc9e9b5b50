package io.tiexin.shared.console;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The progress bar: rate and ETA on a terminal, nothing elsewhere. */
class ProgressBarTest {

	@Test
	void onATerminalEachPhaseEndsWithItsRowsAndRate() {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		ProgressBar progress = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), true);
		progress.update("checking", 500, 0.5);
		progress.update("checking", 1000, 1.0);
		progress.update("loading", 1000, Double.NaN);
		progress.finishLine();

		String shown = bytes.toString(StandardCharsets.UTF_8);
		assertThat(shown).contains("checking").contains("1000/1000").contains("loading").contains("rows/s");
	}

	@Test
	void elsewhereNothingIsShown() {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		ProgressBar progress = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
		progress.update("checking", 500, 0.5);
		progress.update("checking", 1000, 1.0);
		progress.finishLine();

		assertThat(bytes.size()).isZero();
	}

}
