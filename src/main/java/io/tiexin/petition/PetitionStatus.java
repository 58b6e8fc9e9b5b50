package io.tiexin.petition;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

public enum PetitionStatus {

	SUBMITTED, ASSIGNED, ACCEPTED, IN_PROGRESS, RESOLVED, CLOSED, WITHDRAWN;

	/**
	 * The open statuses, where work on the petition is still owed (anything before
	 * resolution): the one list the Java code, the SQL ({@link #OPEN_SQL}) and the map
	 * page (through {@code GET /map/config}) take.
	 */
	public static final Set<PetitionStatus> OPEN = Collections
		.unmodifiableSet(EnumSet.of(SUBMITTED, ASSIGNED, ACCEPTED, IN_PROGRESS));

	/**
	 * {@link #OPEN} as a SQL list,
	 * {@code ('SUBMITTED', 'ASSIGNED', 'ACCEPTED', 'IN_PROGRESS')}: written into
	 * statements as a literal rather than bound, so the planner still matches the partial
	 * indexes of migrations V4 and V5, which carry the same list.
	 */
	public static final String OPEN_SQL = OPEN.stream()
		.map(status -> "'" + status.name() + "'")
		.collect(Collectors.joining(", ", "(", ")"));

	/** Whether work on the petition is still owed (anything before resolution). */
	public boolean isOpen() {
		return OPEN.contains(this);
	}

}
