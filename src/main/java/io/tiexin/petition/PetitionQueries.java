package io.tiexin.petition;

import io.tiexin.petition.internal.PetitionProperties;
import io.tiexin.petition.internal.PetitionListRepository;
import io.tiexin.petition.internal.PetitionRepository;
import io.tiexin.petition.lifecycle.PetitionLifecycle;
import io.tiexin.petition.query.PetitionAccess;
import io.tiexin.petition.query.PetitionListOrder;
import io.tiexin.petition.query.PetitionPoints;
import io.tiexin.petition.query.PetitionSearch;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.tiexin.geo.CoordinateNormaliser;
import io.tiexin.geo.PointInput;
import io.tiexin.people.Actor;
import io.tiexin.petition.internal.PetitionListRepository.NearbyRow;
import io.tiexin.shared.ErrorCode;
import io.tiexin.shared.PageSize;
import io.tiexin.shared.ServiceTime;
import io.tiexin.shared.TiexinException;
import org.locationtech.jts.geom.Point;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads petitions for the person asking, narrowed to what they may see
 * ({@link PetitionAccess}): citizens the petitions they submitted, staff those of their
 * areas, planners none.
 */
@Service
@Transactional(readOnly = true)
public class PetitionQueries {

	private final PetitionRepository repository;

	private final PetitionListRepository lists;

	private final PetitionProperties properties;

	private final Clock clock;

	private final PetitionPoints points;

	private final ObjectProvider<PetitionReadGrants> grants;

	private final List<String> sensitiveCategories;

	PetitionQueries(PetitionRepository repository, PetitionListRepository lists, PetitionProperties properties,
			Clock clock, PetitionPoints points, ObjectProvider<PetitionReadGrants> grants, CategoryCatalog categories) {
		this.repository = repository;
		this.lists = lists;
		this.sensitiveCategories = categories.all().stream().filter(Category::sensitive).map(Category::code).toList();
		this.properties = properties;
		this.clock = clock;
		this.points = points;
		this.grants = grants;
	}

	/**
	 * @throws TiexinException {@code FORBIDDEN} when it exists outside what the actor may
	 * see
	 */
	public Optional<Petition> byId(long id, Actor actor) {
		PetitionAccess.requireCaseReader(actor);
		return this.repository.findById(id)
			.map(petition -> isGranted(petition, actor) ? petition : PetitionAccess.requireVisible(petition, actor));
	}

	/**
	 * Empty also when it exists outside what the actor may see (see
	 * {@link PetitionAccess}).
	 */
	public Optional<Petition> byTrackingNumber(String trackingNumber, Actor actor) {
		PetitionAccess.requireCaseReader(actor);
		return this.repository.findByTrackingNumber(trackingNumber.strip())
			.filter(petition -> PetitionAccess.maySee(petition, actor) || isGranted(petition, actor));
	}

	/**
	 * A page of the petitions the actor may see, in the order asked for (newest first
	 * when none), forward or backward from a cursor of that order.
	 * @param countTotal whether to count every petition of the list (a count over the
	 * whole filter: only when the caller asks for it)
	 */
	public PetitionConnection list(PetitionFilter filter, PetitionOrder order, Paging paging, boolean countTotal,
			Actor actor) {
		return page(listSearch(filter, order, actor), paging, countTotal);
	}

	/** The search {@link #list} pages through. */
	PetitionSearch listSearch(PetitionFilter filter, PetitionOrder order, Actor actor) {
		return PetitionAccess.narrowed(PetitionSearch.filtered(filter, ServiceTime.now(this.clock)), actor)
			.orderedBy(PetitionListOrder.of((order != null) ? order : PetitionOrder.NEWEST_FIRST));
	}

	/**
	 * What the person handles, watches as liaison, or submitted: open cases first, the
	 * earliest deadline first, so the next case due is always on top.
	 */
	public PetitionConnection myCases(List<PetitionStatus> statuses, Paging paging, boolean countTotal, Actor actor) {
		PetitionFilter filter = new PetitionFilter(null, statuses, null, null, null, null, null, null);
		PetitionSearch search = PetitionSearch.filtered(filter, ServiceTime.now(this.clock))
			.involving(actor.personId())
			.orderedBy(PetitionListOrder.DUE_FIRST);
		return page(search, paging, countTotal);
	}

	/**
	 * The dispatch queue of an area: petitions waiting for an assignee in it or below it,
	 * earliest deadline first. Which areas the actor may ask for is the caller's rule.
	 */
	public PetitionConnection dispatchQueue(String areaCode, Integer first, String after, Actor actor) {
		PetitionSearch search = PetitionAccess
			.narrowed(PetitionSearch.filtered(inArea(areaCode), ServiceTime.now(this.clock)), actor)
			.unassigned()
			.orderedBy(PetitionListOrder.DUE_FIRST);
		return page(search, Paging.forward(first, after), true);
	}

	/**
	 * Open petitions of an area that are overdue or marked for supervision (督办), earliest
	 * deadline first. Which areas the actor may ask for is the caller's rule.
	 */
	public PetitionConnection supervisedCases(String areaCode, Integer first, String after, Actor actor) {
		OffsetDateTime now = ServiceTime.now(this.clock);
		PetitionSearch search = PetitionAccess.narrowed(PetitionSearch.filtered(inArea(areaCode), now), actor)
			.underSupervision(now)
			.orderedBy(PetitionListOrder.DUE_FIRST);
		return page(search, Paging.forward(first, after), true);
	}

	/**
	 * A petition as stored, for the service's own work (dispatch, time limits): no access
	 * check.
	 */
	public Optional<Petition> find(long id) {
		return this.repository.findById(id);
	}

	/**
	 * Cases assigned and not yet resolved, per person, in one statement: the count behind
	 * {@code Person.openCases}, and the load dispatch balances. People without any are
	 * absent.
	 */
	public Map<Long, Integer> openCasesOf(Collection<Long> personIds) {
		return personIds.isEmpty() ? Map.of() : this.repository.openCasesOf(personIds);
	}

	public List<NearbyPetition> nearby(PointInput near, double radiusMeters, PetitionFilter filter, Integer first,
			Actor actor) {
		NearbySearch nearby = nearbySearch(near, radiusMeters, filter, actor);
		List<NearbyRow> rows = this.lists.nearby(nearby.center(), radiusMeters, nearby.search(), pageSize(first),
				actor.personId(), nearby.officerOf(), this.sensitiveCategories);
		Map<Long, Petition> petitions = byIds(rows.stream().map(NearbyRow::id).toList());
		return rows.stream().map(row -> {
			Petition petition = petitions.get(row.id());
			// The repository measured a hidden point's case from its area's point: an
			// exact
			// distance, or being in or out of the radius, would give the point away
			// (trilateration by radius).
			return new NearbyPetition(petition, row.distanceMeters());
		}).toList();
	}

	/** Petitions by id that the actor may read, in one statement; others are left out. */
	public Map<Long, Petition> byIds(Collection<Long> ids, Actor actor) {
		PetitionAccess.requireCaseReader(actor);
		Map<Long, Petition> petitions = byIds(ids);
		Set<Long> granted = grantedAmong(petitions.values(), actor);
		petitions.values()
			.removeIf(petition -> !PetitionAccess.maySee(petition, actor) && !granted.contains(petition.id()));
		return petitions;
	}

	/**
	 * The petitions among these that other modules granted the actor
	 * ({@link PetitionReadGrants}): read in full, personal data included, though outside
	 * the actor's areas.
	 */
	public Set<Long> grantedAmong(Collection<Petition> petitions, Actor actor) {
		if (petitions.isEmpty()) {
			return Set.of();
		}
		List<Long> ids = petitions.stream().map(Petition::id).toList();
		Set<Long> granted = new HashSet<>();
		this.grants.orderedStream().forEach(grant -> granted.addAll(grant.grantedAmong(ids, actor)));
		return granted;
	}

	private boolean isGranted(Petition petition, Actor actor) {
		return grantedAmong(List.of(petition), actor).contains(petition.id());
	}

	/** Petitions by id, in one statement. */
	public Map<Long, Petition> byIds(Collection<Long> ids) {
		return this.repository.findAllById(ids)
			.stream()
			.collect(Collectors.toMap(Petition::id, Function.identity(), (a, b) -> a, LinkedHashMap::new));
	}

	/**
	 * One page by keyset, read with one row more than asked, which tells whether the list
	 * goes on in the direction read. Whether it goes on the other way, past the cursor
	 * the page starts from, is asked of the database only when a cursor was given (Relay
	 * requires it of {@code last}/{@code before}; for {@code first}/{@code after} it is
	 * as cheap): any matching petition at or before {@code after} (after {@code before}).
	 */
	private PetitionConnection page(PetitionSearch filtered, Paging paging, boolean countTotal) {
		int size = pageSize(paging);
		boolean backward = paging.backward();
		PetitionSearch search = pageSearch(filtered, paging);
		Long total = countTotal ? this.lists.count(filtered) : null;
		List<Petition> rows = this.lists.page(search);
		List<Petition> page = new ArrayList<>(rows.subList(0, Math.min(size, rows.size())));
		boolean more = rows.size() > size;
		String from = backward ? paging.before() : paging.after();
		boolean behind = from != null
				&& this.lists.exists(backward ? filtered.copy().atOrAfter(from) : filtered.copy().atOrBefore(from));
		if (backward) {
			Collections.reverse(page);
		}
		return PetitionConnection.of(page, backward ? behind : more, backward ? more : behind, total, search::cursorOf);
	}

	/**
	 * The search of one page: within the cursors, read from the end for {@code last}, one
	 * row more than the page.
	 */
	private PetitionSearch pageSearch(PetitionSearch filtered, Paging paging) {
		return filtered.copy()
			.after(paging.after())
			.before(paging.before())
			.reversed(paging.backward())
			.limit(pageSize(paging) + 1);
	}

	private NearbySearch nearbySearch(PointInput near, double radiusMeters, PetitionFilter filter, Actor actor) {
		if (!(radiusMeters > 0 && radiusMeters <= this.properties.maxNearbyRadiusMeters())) {
			throw new TiexinException(ErrorCode.VALIDATION,
					"搜索半径必须大于 0 且不超过 " + (int) this.properties.maxNearbyRadiusMeters()
							+ " 米 (radiusMeters must be above 0 and at most "
							+ (int) this.properties.maxNearbyRadiusMeters() + ")");
		}
		Point center = CoordinateNormaliser.toWgs84(near);
		PetitionSearch search = PetitionAccess.narrowed(PetitionSearch.filtered(filter, ServiceTime.now(this.clock)),
				actor);
		List<String> officerOf = actor.roles().stream().anyMatch(PetitionLifecycle.OFFICER_ROLES::contains)
				? actor.dutyAreaCodes() : List.of();
		return new NearbySearch(center, search, officerOf);
	}

	private record NearbySearch(Point center, PetitionSearch search, List<String> officerOf) {
	}

	/**
	 * The statement {@link #nearby} sends, to be run after
	 * {@link PetitionListRepository#NEARBY_PLANNER}: what the tests that EXPLAIN it read.
	 */
	PetitionListRepository.Statement nearbyStatement(PointInput near, double radiusMeters, PetitionFilter filter,
			Integer first, Actor actor) {
		NearbySearch nearby = nearbySearch(near, radiusMeters, filter, actor);
		return this.lists.nearbyStatement(nearby.center(), radiusMeters, nearby.search(), pageSize(first),
				actor.personId(), nearby.officerOf(), this.sensitiveCategories);
	}

	/**
	 * The statement {@link #list} sends for a page: what the tests that EXPLAIN the lists
	 * read.
	 */
	PetitionListRepository.Statement listStatement(PetitionFilter filter, PetitionOrder order, Paging paging,
			Actor actor) {
		return this.lists.pageStatement(pageSearch(listSearch(filter, order, actor), paging));
	}

	private static PetitionFilter inArea(String areaCode) {
		return new PetitionFilter(areaCode, null, null, null, null, null, null, null);
	}

	private int pageSize(Paging paging) {
		if (paging.first() != null && paging.last() != null) {
			throw new TiexinException(ErrorCode.VALIDATION,
					"first 与 last 只能给一个 (give first or last, not both): Relay discourages both, and no answer would be clear");
		}
		return pageSize(paging.backward() ? paging.last() : paging.first());
	}

	private int pageSize(Integer first) {
		return PageSize.of(first, 20, this.properties.maxPageSize(), "first and last");
	}

}
