package io.tiexin.grid.internal;

import java.util.List;
import java.util.Map;

import io.tiexin.grid.AreaLevel;

/**
 * What an accepted area file did.
 *
 * @param importId the id of the import record, or of the earlier identical import when
 * {@code unchanged}
 * @param unchanged the same content had been imported before, so nothing was written
 * @param featuresByLevel how many areas of each level the file holds
 * @param repaired invalid rings repaired with JTS GeometryFixer, one line per feature
 * @param gaps places inside a parent that none of its children covers (reported, not
 * refused)
 * @param keptNotInFile areas already in the database below the file's areas that the file
 * does not mention; they are kept
 */
public record AreaImportReport(long importId, String source, boolean unchanged, Map<AreaLevel, Integer> featuresByLevel,
		List<String> repaired, List<String> gaps, List<String> keptNotInFile) {
}
