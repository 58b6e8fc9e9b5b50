package io.tiexin.petition;

import java.time.OffsetDateTime;
import java.util.List;

import io.tiexin.grid.MatchMethod;
import org.locationtech.jts.geom.Point;

/**
 * A petition as stored, at one version.
 *
 * @param point WGS84; for petitions located by area or place name, a point inside that
 * area
 * @param gridCode the grid cell, {@code null} when none is known
 * @param areaCode the finest area known: the cell, else the village or township named,
 * else the county of an unmatched point
 * @param dueAt the time limit, in working time from submission (or from the last
 * escalation)
 * @param returnCount how often assignees sent it back (退单)
 * @param supervised marked for supervision (督办) when its time limit passed; kept as
 * history
 * @param updatedAt when it last changed: the time of its latest timeline event
 */
public record Petition(long id, String trackingNumber, String title, String description, String categoryCode,
		Channel channel, Urgency urgency, PetitionStatus status, HandlingLevel level, Point point, String gridCode,
		String areaCode, MatchMethod matchMethod, double matchDistanceMeters, String address, String contactName,
		String contactPhone, List<String> mediaUrls, long submitterId, Long assigneeId, Long liaisonId,
		OffsetDateTime submittedAt, OffsetDateTime dueAt, OffsetDateTime closedAt, Satisfaction satisfaction,
		int returnCount, boolean supervised, int version, OffsetDateTime updatedAt) {

	/** This petition with its lifecycle fields changed, everything else kept. */
	Petition withState(PetitionStatus status, HandlingLevel level, Long assigneeId, OffsetDateTime closedAt,
			Satisfaction satisfaction) {
		return copy(status, level, assigneeId, this.liaisonId, this.dueAt, closedAt, satisfaction, this.returnCount,
				this.supervised);
	}

	/**
	 * This petition routed: a status, level, assignee, liaison and deadline chosen by
	 * dispatch.
	 */
	Petition withRouting(PetitionStatus status, HandlingLevel level, Long assigneeId, Long liaisonId,
			OffsetDateTime dueAt) {
		return copy(status, level, assigneeId, liaisonId, dueAt, this.closedAt, this.satisfaction, this.returnCount,
				this.supervised);
	}

	/** Sent back by its assignee: waiting for dispatch again, one more return counted. */
	Petition returned() {
		return copy(PetitionStatus.SUBMITTED, this.level, null, this.liaisonId, this.dueAt, this.closedAt,
				this.satisfaction, this.returnCount + 1, this.supervised);
	}

	Petition withSupervised() {
		return copy(this.status, this.level, this.assigneeId, this.liaisonId, this.dueAt, this.closedAt,
				this.satisfaction, this.returnCount, true);
	}

	Petition withDueAt(OffsetDateTime dueAt) {
		return copy(this.status, this.level, this.assigneeId, this.liaisonId, dueAt, this.closedAt, this.satisfaction,
				this.returnCount, this.supervised);
	}

	private Petition copy(PetitionStatus status, HandlingLevel level, Long assigneeId, Long liaisonId,
			OffsetDateTime dueAt, OffsetDateTime closedAt, Satisfaction satisfaction, int returnCount,
			boolean supervised) {
		return new Petition(this.id, this.trackingNumber, this.title, this.description, this.categoryCode, this.channel,
				this.urgency, status, level, this.point, this.gridCode, this.areaCode, this.matchMethod,
				this.matchDistanceMeters, this.address, this.contactName, this.contactPhone, this.mediaUrls,
				this.submitterId, assigneeId, liaisonId, this.submittedAt, dueAt, closedAt, satisfaction, returnCount,
				supervised, this.version, this.updatedAt);
	}

	public boolean isOverdue(OffsetDateTime now) {
		return this.status.isOpen() && this.dueAt != null && now.isAfter(this.dueAt);
	}
}
