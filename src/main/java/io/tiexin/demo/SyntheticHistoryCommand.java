package io.tiexin.demo;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import io.tiexin.demo.DemoHistoryGenerator.GeneratedPetition;
import io.tiexin.demo.DemoHistoryGenerator.Plan;
import io.tiexin.grid.Area;
import io.tiexin.grid.AreaCatalog;
import io.tiexin.grid.AreaLevel;
import io.tiexin.petition.CategoryCatalog;
import io.tiexin.petition.PetitionImport;
import io.tiexin.petition.PetitionImport.Options;
import io.tiexin.petition.PetitionImport.Report;
import io.tiexin.petition.PetitionImportFormat;
import io.tiexin.petition.PetitionImportSource;
import io.tiexin.shared.console.ProgressBar;
import io.tiexin.shared.ServiceTime;

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
 * {@code scripts/generate-petitions}: the synthetic history of
 * {@link DemoHistoryGenerator} at any scale (millions of petitions over thousands of
 * days), for benchmarks and load tests. Streams: it writes the bulk-import CSV
 * ({@link PetitionImportFormat}) or feeds {@link PetitionImport} directly, in memory that
 * does not grow with the number of petitions. External ids carry the seed
 * ({@code SYN7-0000001}), so loading the same plan twice loads nothing new. Areas,
 * categories and the extent come from the database.
 */
@Component
@ConditionalOnProperty("tiexin.analytics.generate.petitions")
@Order(10)
class SyntheticHistoryCommand implements ApplicationRunner {

	/**
	 * @param out the CSV file to write; else {@code load}
	 * @param load import into the database instead of writing a file
	 * @param source the import source name of loaded petitions
	 * @param terminal draw the progress bar in place
	 */
	@ConfigurationProperties("tiexin.analytics.generate")
	record Settings(int petitions, @DefaultValue("365") int days, @DefaultValue("7") long seed,
			@DefaultValue("8") int plantedClusters, Path out, boolean load, @DefaultValue("synthetic") String source,
			boolean terminal) {
	}

	private final Settings settings;

	private final AreaCatalog areas;

	private final CategoryCatalog categories;

	private final PetitionImport petitionImport;

	private final Clock clock;

	private final ConfigurableApplicationContext context;

	SyntheticHistoryCommand(Settings settings, AreaCatalog areas, CategoryCatalog categories,
			PetitionImport petitionImport, Clock clock, ConfigurableApplicationContext context) {
		this.settings = settings;
		this.areas = areas;
		this.categories = categories;
		this.petitionImport = petitionImport;
		this.clock = clock;
		this.context = context;
	}

	@Override
	public void run(ApplicationArguments args) throws IOException {
		int status = 0;
		ProgressBar progress = new ProgressBar(System.err, this.settings.terminal());
		if ((this.settings.out() == null) == !this.settings.load() || this.settings.petitions() < 1
				|| this.settings.days() < 1) {
			System.err.println("需要 --petitions N (≥1)、--days D (≥1),以及 --out FILE 或 --load 之一 (give --petitions, "
					+ "--days and exactly one of --out FILE or --load)");
			status = 2;
		}
		else {
			long started = System.nanoTime();
			Records records = new Records(generator());
			if (this.settings.load()) {
				Report report = this.petitionImport.importFrom(records, Options.of(this.settings.source(), false),
						progress::update);
				progress.finishLine();
				System.out.printf(Locale.ROOT,
						"载入 %,d 条合成诉求 (synthetic petitions loaded), %,d 此前已载入 (already "
								+ "loaded), %,d 拒绝 (rejected); 派单 %,d 已派 (assigned), %,d 待派 (queued)%n",
						report.loaded(), report.alreadyImported(), report.rejected(), report.assigned(),
						report.queued());
				report.rejections()
					.stream()
					.limit(20)
					.forEach(r -> System.out.println("line " + r.line() + ": " + r.reason()));
				status = (report.rejected() > 0) ? 1 : 0;
			}
			else {
				write(records, this.settings.out(), progress);
				progress.finishLine();
				System.out.printf(Locale.ROOT, "写入 %,d 条合成诉求到 %s (synthetic petitions written)%n",
						this.settings.petitions(), this.settings.out());
			}
			double seconds = (System.nanoTime() - started) / 1e9;
			System.out.printf(Locale.ROOT, "%.1f s, %,.0f 条/秒 (petitions/s); 植入聚集 (planted clusters): %s%n", seconds,
					this.settings.petitions() / seconds, records.generator.plantedClusters());
		}
		int exitCode = status;
		System.exit(SpringApplication.exit(this.context, () -> exitCode));
	}

	private DemoHistoryGenerator generator() {
		Area county = this.areas.list(AreaLevel.COUNTY, null, null)
			.stream()
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("No county in the database: import the areas first"));
		List<Area> cells = this.areas.list(AreaLevel.GRID, null, null)
			.stream()
			.filter(cell -> cell.isWithin(county.code()))
			.toList();
		OffsetDateTime now = ServiceTime.now(this.clock);
		Plan plan = new Plan(county.code(), this.settings.petitions(),
				now.toLocalDate().minusDays(this.settings.days() - 1L), this.settings.days(), now, this.settings.seed(),
				this.settings.plantedClusters());
		// Submitters are not part of an export: the import names its own.
		return new DemoHistoryGenerator(plan, cells, this.categories.all(), List.of(0L), this.areas.gridIndex());
	}

	private void write(Records records, Path out, ProgressBar progress) {
		try (Writer writer = new BufferedWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8), 1 << 20)) {
			writer.write(PetitionImportFormat.csvHeader());
			StringBuilder line = new StringBuilder(300);
			long written = 0;
			while (records.hasNext()) {
				line.setLength(0);
				PetitionImportFormat.appendCsvLine(line, records.next().values());
				writer.append(line);
				if (++written % 10_000 == 0) {
					progress.update("generating", written, records.fractionRead());
				}
			}
			progress.update("generating", written, 1.0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write " + out + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * The generated petitions as export records, line 2 onwards (as under a CSV header).
	 */
	private final class Records implements PetitionImportSource {

		private final DemoHistoryGenerator generator;

		private final Iterator<GeneratedPetition> petitions;

		private long emitted;

		Records(DemoHistoryGenerator generator) {
			this.generator = generator;
			this.petitions = generator.petitions();
		}

		@Override
		public boolean hasNext() {
			return this.petitions.hasNext();
		}

		@Override
		public SourceRecord next() {
			GeneratedPetition p = this.petitions.next();
			this.emitted++;
			String[] values = new String[PetitionImportFormat.COLUMNS.size()];
			String number = Long.toString(this.emitted);
			values[PetitionImportFormat.EXTERNAL_ID] = "SYN" + SyntheticHistoryCommand.this.settings.seed() + "-"
					+ "0".repeat(Math.max(0, 7 - number.length())) + number;
			values[PetitionImportFormat.SUBMITTED_AT] = p.submittedAt().toString();
			values[PetitionImportFormat.TITLE] = p.title();
			values[PetitionImportFormat.CATEGORY_CODE] = p.categoryCode();
			values[PetitionImportFormat.CHANNEL] = p.channel().name();
			values[PetitionImportFormat.URGENCY] = p.urgency().name();
			values[PetitionImportFormat.LEVEL] = p.level().name();
			values[PetitionImportFormat.LON] = Double.toString(p.point().getX());
			values[PetitionImportFormat.LAT] = Double.toString(p.point().getY());
			values[PetitionImportFormat.CRS] = "WGS84";
			values[PetitionImportFormat.STATUS] = p.status().name();
			values[PetitionImportFormat.DUE_AT] = (p.dueAt() != null) ? p.dueAt().toString() : null;
			values[PetitionImportFormat.CLOSED_AT] = (p.closedAt() != null) ? p.closedAt().toString() : null;
			values[PetitionImportFormat.SATISFACTION] = (p.satisfaction() != null) ? p.satisfaction().name() : null;
			return SourceRecord.of(this.emitted + 1, values);
		}

		@Override
		public double fractionRead() {
			return (double) this.emitted / SyntheticHistoryCommand.this.settings.petitions();
		}

		@Override
		public void close() {
		}

	}

}
