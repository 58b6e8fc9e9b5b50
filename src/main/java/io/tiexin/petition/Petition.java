package io.tiexin.petition;

import java.time.OffsetDateTime;
import java.util.List;

import io.tiexin.grid.MatchMethod;
import org.locationtech.jts.geom.Point;

/**
 * A petition as stored, at one version.
 *
 * @param point WGS84; for petitions located by area or place name, a point inside that area
 * @param gridCode the grid cell, {@code null} when none is known
 * @param areaCode the finest area known: the cell, else the village or township named, else the
 * county of an unmatched point
 */
public record Petition(long id, String trackingNumber, String title, String description, String categoryCode,
		Channel channel, Urgency urgency, PetitionStatus status, HandlingLevel level, Point point, String gridCode,
		String areaCode, MatchMethod matchMethod, double matchDistanceMeters, String address, String contactName,
		String contactPhone, List<String> mediaUrls, long submitterId, Long assigneeId, Long liaisonId,
		OffsetDateTime submittedAt, OffsetDateTime dueAt, OffsetDateTime closedAt, Satisfaction satisfaction,
		int version) {

	/** This petition with its lifecycle fields changed, everything else kept. */
	Petition withState(PetitionStatus status, HandlingLevel level, Long assigneeId, OffsetDateTime closedAt,
			Satisfaction satisfaction) {
		return new Petition(this.id, this.trackingNumber, this.title, this.description, this.categoryCode, this.channel,
				this.urgency, status, level, this.point, this.gridCode, this.areaCode, this.matchMethod,
				this.matchDistanceMeters, this.address, this.contactName, this.contactPhone, this.mediaUrls,
				this.submitterId, assigneeId, this.liaisonId, this.submittedAt, this.dueAt, closedAt, satisfaction,
				this.version);
	}

	public boolean isOverdue(OffsetDateTime now) {
		return this.status.isOpen() && this.dueAt != null && now.isAfter(this.dueAt);
	}
}
