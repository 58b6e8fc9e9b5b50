package io.tiexin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The ecosystem's own tools (npm packages pinned in {@code src/test/node/package.json}
 * and its lockfile), installed once per build into {@code target/node} with
 * {@code npm ci} from the npm registry, and run with the machine's {@code node}.
 */
public final class NodeTools {

	static final Path SOURCE = Path.of("src", "test", "node");

	static final Path TARGET = Path.of("target", "node");

	private static boolean installed;

	private NodeTools() {
	}

	/**
	 * Runs {@code node script args…} in {@code target/node} and answers its standard
	 * output; fails with its error output when it exits with another status than 0.
	 */
	public static String run(String script, String... arguments) {
		install();
		List<String> command = new ArrayList<>(List.of("node", script));
		command.addAll(List.of(arguments));
		return execute(command, TARGET, 5);
	}

	private static synchronized void install() {
		if (installed) {
			return;
		}
		try {
			Files.createDirectories(TARGET);
			boolean changed = false;
			try (Stream<Path> files = Files.list(SOURCE)) {
				for (Path file : files.filter(Files::isRegularFile).toList()) {
					Path copy = TARGET.resolve(file.getFileName());
					changed |= file.getFileName().toString().startsWith("package")
							&& (!Files.exists(copy) || Files.mismatch(file, copy) != -1);
					Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
				}
			}
			if (changed || !Files.isDirectory(TARGET.resolve("node_modules"))) {
				execute(List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"), TARGET, 10);
			}
			installed = true;
		}
		catch (IOException failed) {
			throw new IllegalStateException("Cannot prepare " + TARGET, failed);
		}
	}

	private static String execute(List<String> command, Path directory, int minutes) {
		try {
			Path out = Files.createTempFile("node-out", ".txt");
			Path err = Files.createTempFile("node-err", ".txt");
			Process process = new ProcessBuilder(command).directory(directory.toFile())
				.redirectOutput(out.toFile())
				.redirectError(err.toFile())
				.start();
			if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
				process.destroyForcibly();
				throw new AssertionError(String.join(" ", command) + " did not finish within " + minutes + " min");
			}
			String output = Files.readString(out, StandardCharsets.UTF_8);
			String errors = Files.readString(err, StandardCharsets.UTF_8);
			Files.delete(out);
			Files.delete(err);
			if (process.exitValue() != 0) {
				throw new AssertionError(String.join(" ", command) + " exited with " + process.exitValue() + ":\n"
						+ errors + "\n" + output);
			}
			return output;
		}
		catch (IOException failed) {
			throw new AssertionError("Cannot run " + String.join(" ", command)
					+ " (node and npm are on these machines: see ENVIRONMENT.md)", failed);
		}
		catch (InterruptedException interrupted) {
			Thread.currentThread().interrupt();
			throw new AssertionError("Interrupted while running " + String.join(" ", command), interrupted);
		}
	}

}
