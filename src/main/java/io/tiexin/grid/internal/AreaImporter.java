package io.tiexin.grid.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.tiexin.grid.AreaCatalog;
import io.tiexin.grid.AreaLevel;
import io.tiexin.grid.internal.AreaFileValidator.ValidatedAreaFile;
import io.tiexin.grid.internal.AreaRepository.ImportedArea;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads an area hierarchy file into PostGIS: validated in full first, then written in one
 * transaction, so a refused file leaves the database exactly as it was. After the commit
 * every replica's catalog and grid index are replaced.
 */
@Service
public class AreaImporter {

	private static final Logger log = LoggerFactory.getLogger(AreaImporter.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final AreaRepository repository;

	private final AreaCatalog catalog;

	private final GridProperties properties;

	private final TransactionTemplate transaction;

	AreaImporter(AreaRepository repository, AreaCatalog catalog, GridProperties properties,
			TransactionTemplate transaction) {
		this.repository = repository;
		this.catalog = catalog;
		this.properties = properties;
		this.transaction = transaction;
	}

	/**
	 * Imports the file unless the same content was imported before.
	 * @param source where the content came from, recorded with the import
	 * @throws AreaImportRefusedException listing every problem, when the file is refused
	 */
	public AreaImportReport importAreas(String source, byte[] content) {
		String sha256 = sha256(content);
		Optional<Long> earlier = this.repository.findImportOf(sha256);
		if (earlier.isPresent()) {
			return new AreaImportReport(earlier.get(), source, true, Map.of(), List.of(), List.of(), List.of());
		}
		ValidatedAreaFile file = new AreaFileValidator(this.properties.importToleranceMeters(),
				code -> this.catalog.find(code).orElse(null), this.catalog::children)
			.validate(source, content);
		Map<AreaLevel, Integer> byLevel = new EnumMap<>(AreaLevel.class);
		file.areas().forEach(area -> byLevel.merge(area.level(), 1, Integer::sum));
		long importId = this.transaction.execute(status -> {
			for (ImportedArea area : file.areas()) {
				this.repository.upsert(area);
			}
			long id = this.repository.recordImport(source, sha256, file.areas().size(), reportJson(byLevel, file));
			this.repository.notifyAreasChanged(id);
			return id;
		});
		this.catalog.reloadIfOlderThan(importId);
		log.info("Imported {} areas from {} {}; {} repaired, {} gaps reported", file.areas().size(), source, byLevel,
				file.repaired().size(), file.gaps().size());
		return new AreaImportReport(importId, source, false, byLevel, file.repaired(), file.gaps(),
				file.keptNotInFile());
	}

	private static String reportJson(Map<AreaLevel, Integer> byLevel, ValidatedAreaFile file) {
		Map<String, Object> report = new LinkedHashMap<>();
		report.put("featuresByLevel", byLevel);
		report.put("repaired", file.repaired());
		report.put("gaps", file.gaps());
		report.put("keptNotInFile", file.keptNotInFile());
		return JSON.writeValueAsString(report);
	}

	private static String sha256(byte[] content) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JVM has SHA-256", ex);
		}
	}

}
