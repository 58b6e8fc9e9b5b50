package io.tiexin.petition;

import io.tiexin.petition.importing.PetitionCsvReader;
import io.tiexin.petition.importing.PetitionGeoJsonReader;
import io.tiexin.petition.importing.PetitionImportRepository;
import io.tiexin.petition.importing.PetitionImportRepository.Staged;
import io.tiexin.petition.importing.PetitionImportValidator;
import io.tiexin.petition.intake.PetitionPlacer;
import io.tiexin.petition.intake.TrackingNumbers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import io.tiexin.audit.AuditLog;
import io.tiexin.people.Person;
import io.tiexin.people.PersonDirectory;
import io.tiexin.petition.PetitionImportSource.SourceRecord;
import io.tiexin.petition.importing.PetitionImportValidator.Checked;
import io.tiexin.petition.importing.PetitionImportValidator.ValidRecord;
import io.tiexin.petition.intake.PetitionPlacer.Placement;
import io.tiexin.shared.ServiceTime;
import io.tiexin.shared.TiexinException;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Bulk import of petitions from another system's export (a 12345 hotline's CSV, a GeoJSON
 * of points; format: docs/bulk-import.md), a million rows in minutes, in memory that does
 * not grow with the file:
 * <ol>
 * <li>records are read one at a time, checked ({@link PetitionImportValidator}) and
 * located in the in-memory grid index ({@link PetitionPlacer}, the rules of
 * {@code submitPetition}); a bad record is rejected with its line number and the
 * reason;</li>
 * <li>every {@value #CHUNK} good records, those whose external id this source already
 * imported are skipped, the rest get tracking numbers ({@link TrackingNumbers}) and go
 * through PostgreSQL {@code COPY} into a temporary staging table;</li>
 * <li>in SQL, a repeated external id in the file rejects its later lines; the staged rows
 * become petitions with one IMPORTED timeline event each, in one transaction — with
 * {@code allOrNothing}, nothing is written when any record was rejected;</li>
 * <li>after the commit, the imported open cases are dispatched in batches by the dispatch
 * module, exactly as a new submission is ({@link PetitionSubmitted}), each batch in its
 * own transaction. Cases an interrupted run left undispatched are picked up by the next
 * run.</li>
 * </ol>
 * Importing the same export again loads nothing new: an external id is unique per source.
 * The import does not notify the live event feed (a million notifications would serve
 * nobody); the dispatch events do, as for any submission. Its SQL statements are its own,
 * in {@link PetitionImportRepository}.
 */
@Service
public class PetitionImport {

	/**
	 * The person every imported petition is submitted by (migration V7): the caller has
	 * no account here.
	 */
	public static final String SUBMITTER_USERNAME = "bulk-import";

	static final int CHUNK = 5_000;

	/** Rejections kept for the report; beyond them only the count grows. */
	static final int MAX_REPORTED = 1_000;

	private static final int MAX_SOURCE = 32;

	private final CategoryCatalog categories;

	private final PetitionPlacer placer;

	private final PersonDirectory people;

	private final PetitionImportRepository repository;

	private final TransactionTemplate transactions;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final AuditLog auditLog;

	PetitionImport(CategoryCatalog categories, PetitionPlacer placer, PersonDirectory people,
			PetitionImportRepository repository, PlatformTransactionManager transactionManager,
			ApplicationEventPublisher events, Clock clock, AuditLog auditLog) {
		this.categories = categories;
		this.placer = placer;
		this.people = people;
		this.repository = repository;
		this.transactions = new TransactionTemplate(transactionManager);
		this.events = events;
		this.auditLog = auditLog;
		this.clock = clock;
	}

	public enum Format {

		CSV, GEOJSON;

		/**
		 * By the file name: {@code .geojson} or {@code .json} is GeoJSON, anything else
		 * CSV.
		 */
		public static Format of(Path file) {
			String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
			return (name.endsWith(".geojson") || name.endsWith(".json")) ? GEOJSON : CSV;
		}

	}

	/**
	 * @param source the exporting system, e.g. {@code 12345}: external ids are unique
	 * within it
	 * @param allOrNothing write nothing when any record is rejected
	 * @param dispatchBatchSize imported open cases dispatched per transaction
	 */
	public record Options(String source, boolean allOrNothing, int dispatchBatchSize) {

		public Options {
			if (source == null || source.isBlank() || source.length() > MAX_SOURCE) {
				throw new IllegalArgumentException("来源名须为 1 到 " + MAX_SOURCE + " 个字符 (the source name must be 1 to "
						+ MAX_SOURCE + " characters)");
			}
			if (dispatchBatchSize < 1) {
				throw new IllegalArgumentException("dispatchBatchSize must be positive");
			}
		}

		public static Options of(String source, boolean allOrNothing) {
			return new Options(source, allOrNothing, 500);
		}
	}

	/** A record not imported, and why (Chinese, then English). */
	public record Rejection(long line, String reason) {
	}

	/**
	 * @param read records in the file
	 * @param loaded petitions written
	 * @param alreadyImported records whose external id this source had imported before
	 * @param rejected records refused; the first {@value #MAX_REPORTED} of them, by line,
	 * in {@code rejections}
	 * @param refused {@code allOrNothing} and something was rejected: nothing was written
	 * @param assigned imported open cases dispatch assigned to someone
	 * @param queued imported open cases dispatch left in a dispatch queue (nobody to
	 * assign)
	 * @param dispatchError why dispatching stopped early, or {@code null}; the next run
	 * carries on
	 */
	public record Report(long read, long loaded, long alreadyImported, long rejected, List<Rejection> rejections,
			boolean refused, long assigned, long queued, String dispatchError, Duration loadTime,
			Duration dispatchTime) {
	}

	/**
	 * Told how far the import is: rows so far in the phase, and the fraction done (NaN
	 * when unknown).
	 */
	@FunctionalInterface
	public interface Progress {

		Progress NONE = (phase, rows, fraction) -> {
		};

		void update(String phase, long rows, double fraction);

	}

	/** Imports a CSV or GeoJSON file. */
	public Report importFile(Path file, Format format, Charset charset, Options options, Progress progress) {
		try {
			long size = Files.size(file);
			InputStream in = Files.newInputStream(file);
			PetitionImportSource source = (format == Format.GEOJSON) ? new PetitionGeoJsonReader(in, size)
					: new PetitionCsvReader(in, charset, size);
			return importFrom(source, options, progress);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read " + file + ": " + ex.getMessage(), ex);
		}
	}

	/** Imports the records of any source (a file reader, or a generator); closes it. */
	public Report importFrom(PetitionImportSource source, Options options, Progress progress) {
		long submitterId = this.people.findByUsername(SUBMITTER_USERNAME)
			.map(Person::id)
			.orElseThrow(() -> new IllegalStateException(
					"The person '" + SUBMITTER_USERNAME + "' is missing: is the " + "database migrated (V7)?"));
		long started = System.nanoTime();
		Load load;
		try (source) {
			load = this.transactions.execute(status -> {
				Load result = load(source, options, submitterId, progress);
				if (result.refused()) {
					status.setRollbackOnly();
				}
				return result;
			});
		}
		if (load.loaded() > 10_000) {
			// The planner's statistics would otherwise wait for autovacuum; the first
			// queries after a
			// large import deserve good plans.
			this.repository.analyze();
		}
		Duration loadTime = Duration.ofNanos(System.nanoTime() - started);
		started = System.nanoTime();
		Dispatched dispatched = dispatch(options, progress);
		List<Rejection> rejections = load.rejections()
			.stream()
			.sorted(Comparator.comparingLong(Rejection::line))
			.limit(MAX_REPORTED)
			.toList();
		return new Report(load.read(), load.loaded(), load.alreadyImported(), load.rejected(), rejections,
				load.refused(), dispatched.assigned(), dispatched.queued(), dispatched.error(), loadTime,
				Duration.ofNanos(System.nanoTime() - started));
	}

	private record Load(long read, long loaded, long alreadyImported, long rejected, List<Rejection> rejections,
			boolean refused) {
	}

	private Load load(PetitionImportSource source, Options options, long submitterId, Progress progress) {
		PetitionImportValidator validator = new PetitionImportValidator(this.categories.all(),
				ServiceTime.now(this.clock));
		this.repository.createStagingTable();
		List<Rejection> rejections = new ArrayList<>();
		long read = 0;
		long rejected = 0;
		List<Staged> chunk = new ArrayList<>(CHUNK);
		while (source.hasNext()) {
			SourceRecord record = source.next();
			read++;
			Checked checked = validator.check(record);
			String reason = checked.reason();
			if (reason == null) {
				try {
					chunk.add(new Staged(checked.record(), place(checked.record())));
				}
				catch (TiexinException ex) {
					reason = ex.getMessage();
				}
			}
			if (reason != null) {
				rejected++;
				if (rejections.size() < MAX_REPORTED) {
					rejections.add(new Rejection(record.line(), reason));
				}
			}
			if (chunk.size() == CHUNK) {
				this.repository.stage(chunk, options.source());
				chunk.clear();
				progress.update("reading", read, source.fractionRead());
			}
		}
		this.repository.stage(chunk, options.source());
		progress.update("reading", read, 1.0);
		List<Rejection> repeated = this.repository.removeRepeatedExternalIds();
		rejected += repeated.size();
		rejections.addAll(repeated);
		long known = this.repository.countStaged(true);
		if (options.allOrNothing() && rejected > 0) {
			return new Load(read, 0, known, rejected, rejections, true);
		}
		progress.update("writing", 0, Double.NaN);
		long staged = this.repository.countStaged(false);
		long loaded = this.repository.insertStaged(submitterId, options.source());
		// One entry for the run in the audit trail: its rows' IMPORTED events are not
		// copied there one by one.
		this.auditLog.changed(submitterId, SUBMITTER_USERNAME, "PETITIONS_IMPORTED", null,
				"source=" + options.source() + ", read=" + read + ", loaded=" + loaded + ", rejected=" + rejected);
		progress.update("writing", loaded, 1.0);
		return new Load(read, loaded, known + (staged - loaded), rejected, rejections, false);
	}

	private Placement place(ValidRecord record) {
		if (record.point() != null) {
			return this.placer.atPoint(record.point());
		}
		if (record.areaCode() != null) {
			return this.placer.inArea(record.areaCode());
		}
		return this.placer.atPlaceName(record.placeText());
	}

	private record Dispatched(long assigned, long queued, String error) {
	}

	/**
	 * Dispatches the source's imported open cases nobody has routed yet, batch by batch.
	 */
	private Dispatched dispatch(Options options, Progress progress) {
		long total = this.repository.countUndispatched(options.source());
		long assigned = 0;
		long queued = 0;
		while (assigned + queued < total) {
			long[] batch;
			try {
				batch = this.transactions.execute(status -> dispatchBatch(options));
			}
			catch (RuntimeException ex) {
				return new Dispatched(assigned, queued, ex.getMessage());
			}
			if (batch[0] + batch[1] == 0) {
				break;
			}
			assigned += batch[0];
			queued += batch[1];
			progress.update("dispatching", assigned + queued, (double) (assigned + queued) / total);
		}
		return new Dispatched(assigned, queued, null);
	}

	/**
	 * One transaction: the next batch of undispatched cases, each announced as a
	 * submission.
	 */
	private long[] dispatchBatch(Options options) {
		List<PetitionSubmitted> batch = this.repository.lockUndispatched(options.source(), options.dispatchBatchSize());
		batch.forEach(this.events::publishEvent);
		if (batch.isEmpty()) {
			return new long[] { 0, 0 };
		}
		long assigned = this.repository.countAssigned(batch.stream().map(PetitionSubmitted::petitionId).toList());
		return new long[] { assigned, batch.size() - assigned };
	}

}
