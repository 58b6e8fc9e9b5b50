package io.tiexin.petition.importing;

import io.tiexin.petition.PetitionImport;

import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import io.tiexin.petition.PetitionImport.Format;
import io.tiexin.petition.PetitionImport.Options;
import io.tiexin.petition.PetitionImport.Report;
import io.tiexin.shared.console.ProgressBar;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * {@code scripts/import-petitions FILE}: imports one export and exits, with the report on
 * standard output and the progress on standard error. Exit status 0 when every record
 * loaded (or had been before), 1 when records were rejected (the others loaded, unless
 * all-or-nothing), 2 when the file could not be read at all, 3 when dispatching the
 * imported open cases stopped early.
 */
@Component
@ConditionalOnProperty("tiexin.petition-import.file")
@Order(10)
class PetitionImportCommand implements ApplicationRunner {

	/**
	 * @param format by the file name when not given
	 * @param terminal draw the progress bar in place (the script says whether standard
	 * error is one)
	 */
	@ConfigurationProperties("tiexin.petition-import")
	record Settings(Path file, Format format, @DefaultValue("12345") String source, boolean allOrNothing,
			@DefaultValue("UTF-8") Charset encoding, boolean terminal) {
	}

	private final PetitionImport petitionImport;

	private final Settings settings;

	private final ConfigurableApplicationContext context;

	PetitionImportCommand(PetitionImport petitionImport, Settings settings, ConfigurableApplicationContext context) {
		this.petitionImport = petitionImport;
		this.settings = settings;
		this.context = context;
	}

	@Override
	public void run(ApplicationArguments args) {
		int status;
		ProgressBar progress = new ProgressBar(System.err, this.settings.terminal());
		try {
			Path file = this.settings.file();
			if (!Files.isReadable(file)) {
				throw new IllegalArgumentException("找不到文件或无法读取 (cannot read the file): " + file);
			}
			Format format = (this.settings.format() != null) ? this.settings.format() : Format.of(file);
			Report report = this.petitionImport.importFile(file, format, this.settings.encoding(),
					new Options(this.settings.source(), this.settings.allOrNothing(), 500), progress::update);
			progress.finishLine();
			print(report, System.out);
			status = (report.dispatchError() != null) ? 3 : (report.rejected() > 0) ? 1 : 0;
		}
		catch (IllegalArgumentException | java.io.UncheckedIOException ex) {
			progress.finishLine();
			System.err.println("导入失败 (import failed): " + ex.getMessage());
			status = 2;
		}
		int exitCode = status;
		System.exit(SpringApplication.exit(this.context, () -> exitCode));
	}

	static void print(Report report, PrintStream out) {
		out.printf(Locale.ROOT,
				"读取 %,d 条 (records read); 导入 %,d (loaded); 此前已导入 %,d (already imported); " + "拒绝 %,d (rejected)%n",
				report.read(), report.loaded(), report.alreadyImported(), report.rejected());
		if (report.refused()) {
			out.println("有记录被拒绝,按 --all-or-nothing 未写入任何记录 (records were rejected: with --all-or-nothing "
					+ "nothing was written)");
		}
		out.printf(Locale.ROOT, "派单 (dispatch of open cases): %,d 已派 (assigned), %,d 待派队列 (queued)%n",
				report.assigned(), report.queued());
		if (report.dispatchError() != null) {
			out.println("派单中断,再次运行将继续 (dispatch stopped; run again to carry on): " + report.dispatchError());
		}
		double loadSeconds = report.loadTime().toMillis() / 1000.0;
		out.printf(Locale.ROOT, "耗时 (time): 读取与写入 (load) %.1f s, %,.0f 条/秒 (records/s); 派单 (dispatch) %.1f s%n",
				loadSeconds, report.read() / Math.max(loadSeconds, 0.001), report.dispatchTime().toMillis() / 1000.0);
		report.rejections()
			.forEach(rejection -> out.printf(Locale.ROOT, "第 %d 行 (line %d): %s%n", rejection.line(), rejection.line(),
					rejection.reason()));
		if (report.rejected() > report.rejections().size()) {
			out.printf(Locale.ROOT, "……另有 %,d 条被拒绝,未逐条列出 (… and %,d more rejected, not listed)%n",
					report.rejected() - report.rejections().size(), report.rejected() - report.rejections().size());
		}
	}

}
