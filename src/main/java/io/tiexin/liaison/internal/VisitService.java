package io.tiexin.liaison.internal;

import io.tiexin.shared.postgres.TransactionManagers;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import io.tiexin.geo.CoordinateNormaliser;
import io.tiexin.geo.LocalMetricProjection;
import io.tiexin.grid.Area;
import io.tiexin.grid.AreaCatalog;
import io.tiexin.grid.Location;
import io.tiexin.grid.MatchMethod;
import io.tiexin.liaison.RecordVisitInput;
import io.tiexin.people.Actor;
import io.tiexin.people.Person;
import io.tiexin.people.PersonDirectory;
import io.tiexin.people.Role;
import io.tiexin.petition.PetitionQueries;
import io.tiexin.shared.ErrorCode;
import io.tiexin.shared.PageSize;
import io.tiexin.shared.Ids;
import io.tiexin.shared.KeysetCursor;
import io.tiexin.shared.PeriodInput;
import io.tiexin.shared.ServiceTime;
import io.tiexin.shared.TiexinException;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;

import org.springframework.data.domain.Limit;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Visits (服务报到): recorded by liaisons and grid members within reach of their areas,
 * listed for the people who may see them, and the liaisons who have not visited lately.
 */
@Service
@Transactional(transactionManager = TransactionManagers.JPA, readOnly = true)
public class VisitService {

	/**
	 * How far outside their own areas a visit may be: neighbours' yards, a road between.
	 */
	public static final double MAX_METERS_OUTSIDE_AREAS = 500;

	static final int MAX_NOTE = 1000;

	static final int MAX_HOUSEHOLDS = 10_000;

	/** As long as a petition's idempotency key. */
	static final int MAX_IDEMPOTENCY_KEY = 100;

	/** How far back a visit may be reported: the programme reviews a year at a time. */
	static final Duration MAX_AGE = Duration.ofDays(366);

	/** A phone's clock may run a little ahead. */
	static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

	private static final OffsetDateTime FAR_PAST = OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

	private static final OffsetDateTime FAR_FUTURE = OffsetDateTime.of(9999, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

	private static final int DEFAULT_PAGE = 20;

	private static final int MAX_PAGE = 100;

	private final VisitRepository visits;

	private final AreaCatalog areas;

	private final PersonDirectory people;

	private final PetitionQueries petitions;

	private final Clock clock;

	private final JdbcClient jdbc;

	VisitService(VisitRepository visits, AreaCatalog areas, PersonDirectory people, PetitionQueries petitions,
			Clock clock, JdbcClient jdbc) {
		this.jdbc = jdbc;
		this.visits = visits;
		this.areas = areas;
		this.people = people;
		this.petitions = petitions;
		this.clock = clock;
	}

	/**
	 * Records a visit by the signed-in liaison or grid member.
	 * @throws TiexinException {@code FORBIDDEN} for anyone else or for a petition the
	 * person may not see; {@code VALIDATION} (with {@code OUT_OF_AREA}) for a point over
	 * 500 m outside the person's home and duty areas, and for bad input. With an
	 * idempotency key this person used before, the visit recorded then comes back and
	 * nothing is written.
	 */
	@Transactional(transactionManager = TransactionManagers.JPA)
	public Visit record(RecordVisitInput input, Actor actor) {
		if (!actor.hasAny(Role.LIAISON, Role.GRID_MEMBER)) {
			throw new TiexinException(ErrorCode.FORBIDDEN,
					"只有贴心人和网格员可以报到走访 (only liaisons and grid members record visits)");
		}
		if (input.location() == null) {
			throw invalid("请提供走访位置 (location is required)");
		}
		String key = input.idempotencyKey();
		if (key != null && (key.isBlank() || key.length() > MAX_IDEMPOTENCY_KEY)) {
			throw invalid("幂等键 (idempotencyKey) 须为 1 到 " + MAX_IDEMPOTENCY_KEY + " 个字符 (must be 1 to "
					+ MAX_IDEMPOTENCY_KEY + " characters)");
		}
		if (key != null) {
			// Two retries of the same visit at once: the second waits here for the
			// first's
			// commit, then finds its visit (the unique index is the last guard).
			this.jdbc.sql("SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtextextended(?, 0))) AS locked")
				.param(actor.personId() + ":" + key)
				.query(Integer.class)
				.single();
			Optional<Visit> earlier = this.visits.findByPersonIdAndIdempotencyKey(actor.personId(), key);
			if (earlier.isPresent()) {
				return earlier.get();
			}
		}
		OffsetDateTime now = ServiceTime.now(this.clock);
		OffsetDateTime at = (input.at() != null) ? input.at() : now;
		if (at.isAfter(now.plus(CLOCK_SKEW))) {
			throw invalid("走访时间不能晚于现在 (a visit cannot be in the future): " + at);
		}
		if (at.isBefore(now.minus(MAX_AGE))) {
			throw invalid("只能补报一年内的走访 (visits can be reported up to a year back): " + at);
		}
		String note = blankToNull(input.note());
		if (note != null && note.length() > MAX_NOTE) {
			throw invalid("走访记录过长,最多 " + MAX_NOTE + " 个字符 (note too long: at most " + MAX_NOTE + " characters)");
		}
		if (input.householdCount() != null && (input.householdCount() < 0 || input.householdCount() > MAX_HOUSEHOLDS)) {
			throw invalid("走访户数须在 0 到 " + MAX_HOUSEHOLDS + " 之间 (householdCount must be between 0 and " + MAX_HOUSEHOLDS
					+ ")");
		}
		Point point = CoordinateNormaliser.toWgs84(input.location());
		Nearest nearest = nearestOwnArea(point, actor);
		if (nearest.meters() > MAX_METERS_OUTSIDE_AREAS) {
			throw new TiexinException(ErrorCode.VALIDATION,
					String.format(Locale.ROOT,
							"OUT_OF_AREA: 走访地点在您负责的区域之外约 %.0f 米,超过 %.0f 米 (the point is %.0f m outside your home and "
									+ "duty areas, more than %.0f m); 如用手机定位,请选择 GCJ02 坐标系 (phone locations are GCJ02)",
							nearest.meters(), MAX_METERS_OUTSIDE_AREAS, nearest.meters(), MAX_METERS_OUTSIDE_AREAS),
					Map.of("reason", "OUT_OF_AREA", "distanceMeters", Math.round(nearest.meters())));
		}
		Long petitionId = null;
		if (input.petitionId() != null) {
			petitionId = Ids.reference(input.petitionId(), "Petition", "诉求编号 (petitionId)");
			if (this.petitions.byId(petitionId, actor).isEmpty()) {
				throw invalid("找不到诉求 (no such petition): " + input.petitionId());
			}
		}
		Location location = this.areas.locate(point);
		boolean matched = location.method() != MatchMethod.UNMATCHED;
		Visit visit = new Visit(actor.personId(), at, point, matched ? location.grid().code() : null,
				matched ? location.grid().code() : nearest.areaCode(), location.method(), location.distanceMeters(),
				note, input.householdCount(), petitionId, now, key);
		return this.visits.save(visit);
	}

	/**
	 * Visits of the area (and period, and person), newest first, as the actor may see
	 * them.
	 */
	public VisitConnection page(String areaCode, PeriodInput period, String personId, Integer first, String after,
			Actor actor) {
		ProgrammeAccess.requireStaff(actor);
		requireArea(areaCode);
		ProgrammeAccess.requireAreaOverlap(actor, areaCode);
		int size = PageSize.of(first, DEFAULT_PAGE, MAX_PAGE, "first");
		Long person = (personId != null) ? Ids.reference(personId, "Person", "人员编号 (personId)") : null;
		OffsetDateTime from = (period != null && period.from() != null) ? period.from() : FAR_PAST;
		OffsetDateTime to = (period != null && period.to() != null) ? period.to() : FAR_FUTURE;
		OffsetDateTime afterAt = FAR_FUTURE;
		long afterId = Long.MAX_VALUE;
		if (after != null) {
			KeysetCursor cursor = KeysetCursor.decode(after);
			afterAt = cursor.at();
			afterId = cursor.id();
		}
		List<Visit> rows = this.visits.page(areaCode, from, to, person, afterAt, afterId, Limit.of(size + 1));
		long total = this.visits.count(areaCode, from, to, person);
		List<Visit> page = rows.subList(0, Math.min(size, rows.size()));
		List<ShownVisit> shown = shownTo(page, actor);
		List<VisitConnection.Edge> edges = shown.stream()
			.map(v -> new VisitConnection.Edge(KeysetCursor.encode(v.visit().getAt(), v.visit().getId()), v))
			.toList();
		return new VisitConnection(edges,
				new VisitConnection.PageInfo(rows.size() > size, after != null,
						edges.isEmpty() ? null : edges.get(0).cursor(),
						edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor()),
				total);
	}

	/** One visit as the actor sees it (the person in full or masked). */
	public ShownVisit shown(Visit visit, Actor actor) {
		return shownTo(List.of(visit), actor).get(0);
	}

	/**
	 * The liaisons of the area with no visit in the last {@code days} days, for township
	 * officers and county administrators; longest idle first.
	 */
	public List<Person> idleLiaisons(String areaCode, int days, Actor actor) {
		if (!actor.hasAny(Role.TOWNSHIP_OFFICER, Role.COUNTY_ADMIN)) {
			throw new TiexinException(ErrorCode.FORBIDDEN,
					"仅限乡镇及以上干部 (township officers and county administrators only)");
		}
		requireArea(areaCode);
		if (!actor.coversCounty() && !actor.covers(areaCode)) {
			throw new TiexinException(ErrorCode.FORBIDDEN,
					"该区域不在您的辖区内 (this area is outside the areas you work in): " + areaCode);
		}
		if (days < 1 || days > 366) {
			throw invalid("天数须在 1 到 366 之间 (days must be between 1 and 366)");
		}
		OffsetDateTime since = ServiceTime.now(this.clock).minusDays(days);
		List<Person> liaisons = this.people.find(areaCode, Role.LIAISON);
		Map<Long, OffsetDateTime> latest = latestVisits(liaisons.stream().map(Person::id).toList());
		return liaisons.stream()
			.filter(p -> latest.get(p.id()) == null || latest.get(p.id()).isBefore(since))
			.sorted((a, b) -> {
				OffsetDateTime x = latest.get(a.id());
				OffsetDateTime y = latest.get(b.id());
				if (x == null || y == null) {
					return (x == null && y == null) ? Long.compare(a.id(), b.id()) : (x == null ? -1 : 1);
				}
				int byTime = x.compareTo(y);
				return (byTime != 0) ? byTime : Long.compare(a.id(), b.id());
			})
			.toList();
	}

	/** Each person's latest visit, one statement; persons without any are absent. */
	public Map<Long, OffsetDateTime> latestVisits(List<Long> personIds) {
		Map<Long, OffsetDateTime> latest = new HashMap<>();
		if (personIds.isEmpty()) {
			return latest;
		}
		for (Object[] row : this.visits.latestOf(personIds)) {
			latest.put((Long) row[0], (OffsetDateTime) row[1]);
		}
		return latest;
	}

	/**
	 * Visits whose point lies within the area's boundary in the period (Hibernate
	 * Spatial).
	 */
	public List<Visit> within(Geometry shape, PeriodInput period) {
		OffsetDateTime from = (period != null && period.from() != null) ? period.from() : FAR_PAST;
		OffsetDateTime to = (period != null && period.to() != null) ? period.to() : FAR_FUTURE;
		return this.visits.within(shape, from, to);
	}

	private List<ShownVisit> shownTo(List<Visit> page, Actor actor) {
		Map<Long, Person> byId = this.people.findAllById(page.stream().map(Visit::getPersonId).distinct().toList());
		List<ShownVisit> shown = new ArrayList<>();
		for (Visit visit : page) {
			Person person = byId.get(visit.getPersonId());
			boolean full = ProgrammeAccess.isSelf(actor, visit.getPersonId())
					|| ProgrammeAccess.supervises(actor, person)
					|| ProgrammeAccess.isOfficerOf(actor, visit.getAreaCode());
			shown.add(new ShownVisit(visit, full ? person : ProgrammeAccess.masked(person), full));
		}
		return shown;
	}

	/**
	 * The person's own area nearest the point (0 m when inside one), in metres on a plane
	 * tangent at the point: within a county that is right to about 0.1%, ample for a 500
	 * m rule.
	 */
	private Nearest nearestOwnArea(Point point, Actor actor) {
		LocalMetricProjection plane = new LocalMetricProjection(point.getY());
		Geometry here = plane.toMeters(point);
		Nearest best = new Nearest(null, Double.POSITIVE_INFINITY);
		List<String> codes = Stream.concat(actor.dutyAreaCodes().stream(), Stream.ofNullable(actor.homeAreaCode()))
			.distinct()
			.toList();
		for (String code : codes) {
			Optional<Area> area = this.areas.find(code);
			if (area.isEmpty()) {
				continue;
			}
			double meters = area.get().boundary().covers(point) ? 0
					: plane.toMeters(area.get().boundary()).distance(here);
			if (meters < best.meters()) {
				best = new Nearest(code, meters);
			}
		}
		return best;
	}

	private record Nearest(String areaCode, double meters) {
	}

	private void requireArea(String areaCode) {
		if (areaCode == null || this.areas.find(areaCode).isEmpty()) {
			throw new TiexinException(ErrorCode.NOT_FOUND, "未知区域 (unknown area): " + areaCode);
		}
	}

	private static String blankToNull(String text) {
		return (text == null || text.isBlank()) ? null : text.strip();
	}

	static TiexinException invalid(String message) {
		return new TiexinException(ErrorCode.VALIDATION, message);
	}

}
