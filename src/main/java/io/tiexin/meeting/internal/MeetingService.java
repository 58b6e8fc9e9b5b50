package io.tiexin.meeting.internal;

import io.tiexin.shared.postgres.TransactionManagers;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.tiexin.grid.MatchMethod;
import io.tiexin.meeting.MeetingItemInput;
import io.tiexin.meeting.MeetingStatus;
import io.tiexin.meeting.PlanMeetingInput;
import io.tiexin.meeting.RecordMeetingInput;
import io.tiexin.people.Actor;
import io.tiexin.people.Person;
import io.tiexin.people.PersonDirectory;
import io.tiexin.petition.CategoryCatalog;
import io.tiexin.petition.Channel;
import io.tiexin.petition.Petition;
import io.tiexin.petition.PetitionPlacement;
import io.tiexin.petition.PetitionSubmissions;
import io.tiexin.petition.SubmitPetitionInput;
import io.tiexin.petition.Urgency;
import io.tiexin.shared.ErrorCode;
import io.tiexin.shared.PageSize;
import io.tiexin.shared.Ids;
import io.tiexin.shared.KeysetCursor;
import io.tiexin.shared.PeriodInput;
import io.tiexin.shared.ServiceTime;
import io.tiexin.shared.TiexinException;
import io.tiexin.geo.PointInput;
import io.tiexin.geo.Crs;

import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Plans, records and cancels meetings, one transaction each, validating everything before
 * writing anything; recording files the unanswered items as petitions through the
 * petition module's intake, in that same transaction.
 */
@Service
@Transactional(transactionManager = TransactionManagers.JPA, readOnly = true)
public class MeetingService {

	/** The timeline event a filed item's petition gets, naming its meeting. */
	public static final String TIMELINE_EVENT = "MEETING";

	static final int MAX_TITLE = 100;

	static final int MAX_AGENDA = 2000;

	static final int MAX_SUMMARY = 4000;

	static final int MAX_ITEM_TEXT = 2000;

	static final int MAX_RAISED_BY = 50;

	static final int MAX_ITEMS = 200;

	static final int MAX_ATTENDEES = 500;

	static final int MAX_PEOPLE_PRESENT = 10_000;

	static final int MAX_REASON = 500;

	static final int MAX_PLACE_TEXT = 100;

	/** Meetings are planned and recorded up to a year either way. */
	static final Duration HORIZON = Duration.ofDays(366);

	static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

	private static final int DEFAULT_PAGE = 20;

	private static final int MAX_PAGE = 100;

	private static final OffsetDateTime FAR_PAST = OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

	private static final OffsetDateTime FAR_FUTURE = OffsetDateTime.of(9999, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");

	private final MeetingRepository meetings;

	private final PetitionSubmissions submissions;

	private final CategoryCatalog categories;

	private final PersonDirectory people;

	private final Clock clock;

	MeetingService(MeetingRepository meetings, PetitionSubmissions submissions, CategoryCatalog categories,
			PersonDirectory people, Clock clock) {
		this.meetings = meetings;
		this.submissions = submissions;
		this.categories = categories;
		this.people = people;
		this.clock = clock;
	}

	@Transactional(transactionManager = TransactionManagers.JPA)
	public Meeting plan(PlanMeetingInput input, Actor actor) {
		String title = text("会议主题 (title)", input.title(), MAX_TITLE, true);
		String agenda = text("议程 (agenda)", input.agenda(), MAX_AGENDA, false);
		String placeText = text("地名 (placeText)", input.placeText(), MAX_PLACE_TEXT, false);
		if (input.scheduledAt() == null) {
			throw invalid("请填写会议时间 (scheduledAt is required)");
		}
		OffsetDateTime now = ServiceTime.now(this.clock);
		if (input.scheduledAt().isAfter(now.plus(HORIZON)) || input.scheduledAt().isBefore(now.minus(HORIZON))) {
			throw invalid("会议时间须在一年之内 (scheduledAt must be within a year of now): " + input.scheduledAt());
		}
		if (input.location() == null && input.areaCode() == null && placeText == null) {
			throw invalid("请提供会议地点:坐标、区域编码或地名之一 (give a location, an area code or a place name)");
		}
		Meeting.LocatedBy locatedBy = (input.location() != null) ? Meeting.LocatedBy.POINT
				: (input.areaCode() != null) ? Meeting.LocatedBy.AREA : Meeting.LocatedBy.PLACE;
		PetitionPlacement place = this.submissions.place(input.location(), input.areaCode(), placeText);
		if (place.method() == MatchMethod.UNMATCHED && place.areaCode().length() <= 6) {
			throw invalid("会议地点不在任何网格内,请选在村组里 (the place lies in no grid cell: hold it in a village group)");
		}
		MeetingAccess.requireConvener(actor, place.areaCode());
		Meeting meeting = new Meeting(title, place.point(), place.gridCode(), place.areaCode(), place.method(),
				place.distanceMeters(), locatedBy, placeText, input.scheduledAt(), agenda, actor.personId(), now);
		return this.meetings.save(meeting);
	}

	/**
	 * PLANNED to HELD with attendees, figures, summary and items; unanswered items become
	 * petitions (channel MEETING, at the meeting's place, submitted by the convener on
	 * behalf of the household) that dispatch assigns as any other.
	 */
	@Transactional(transactionManager = TransactionManagers.JPA)
	public Meeting record(long id, RecordMeetingInput input, Integer version, Actor actor) {
		Meeting meeting = lock(id, version);
		MeetingAccess.requireOrganiser(actor, meeting);
		requirePlanned(meeting, "记录 (record)");
		OffsetDateTime now = ServiceTime.now(this.clock);
		if (input.heldAt() == null) {
			throw invalid("请填写召开时间 (heldAt is required)");
		}
		if (input.heldAt().isAfter(now.plus(CLOCK_SKEW))) {
			throw invalid("召开时间不能晚于现在 (heldAt cannot be in the future): " + input.heldAt());
		}
		if (input.heldAt().isBefore(now.minus(HORIZON))) {
			throw invalid("只能补记一年内的会议 (meetings can be recorded up to a year back): " + input.heldAt());
		}
		String summary = text("会议纪要 (summary)", input.summary(), MAX_SUMMARY, true);
		if (input.attendance() == null || input.attendance() < 0 || input.attendance() > MAX_PEOPLE_PRESENT) {
			throw invalid("到会人数须在 0 到 " + MAX_PEOPLE_PRESENT + " 之间 (attendance must be between 0 and "
					+ MAX_PEOPLE_PRESENT + ")");
		}
		if (input.householdCount() != null
				&& (input.householdCount() < 0 || input.householdCount() > input.attendance())) {
			throw invalid("户代表人数须在 0 到到会人数之间 (householdCount must be between 0 and attendance)");
		}
		if (input.items().size() > MAX_ITEMS) {
			throw invalid("每次会议最多 " + MAX_ITEMS + " 条事项 (at most " + MAX_ITEMS + " items a meeting)");
		}
		Set<Long> attendeeIds = attendees(input.attendeeIds());
		List<ValidItem> items = new ArrayList<>();
		for (int i = 0; i < input.items().size(); i++) {
			items.add(validItem(i + 1, input.items().get(i)));
		}
		Person convener = this.people.findById(meeting.getConvenerId()).orElseThrow();
		meeting.held(input.heldAt(), attendeeIds, input.householdCount(), input.attendance(), summary);
		String note = "屋场贴心会「" + meeting.getTitle() + "」(会议 " + meeting.getId() + ", "
				+ DAY.format(input.heldAt().atZoneSameInstant(ServiceTime.ZONE)) + ") 上提出,由召集人代为登记 (raised at "
				+ "house-yard meeting " + meeting.getId() + ", filed by its convener on behalf of the household)";
		for (ValidItem item : items) {
			Long petitionId = null;
			if (item.answer() == null) {
				Petition petition = this.submissions.submit(petitionInput(meeting, item), convener.asActor(),
						TIMELINE_EVENT, note);
				petitionId = petition.id();
			}
			meeting.addItem(new MeetingItem(meeting, item.position(), item.text(), item.raisedBy(), item.answer(),
					item.categoryCode(), petitionId, input.heldAt()));
		}
		return this.meetings.saveAndFlush(meeting);
	}

	@Transactional(transactionManager = TransactionManagers.JPA)
	public Meeting cancel(long id, String reason, Integer version, Actor actor) {
		Meeting meeting = lock(id, version);
		MeetingAccess.requireOrganiser(actor, meeting);
		requirePlanned(meeting, "取消 (cancel)");
		meeting.cancelled(text("取消原因 (reason)", reason, MAX_REASON, true));
		return this.meetings.saveAndFlush(meeting);
	}

	/** The meeting as the actor may see it; {@code FORBIDDEN} outside their scope. */
	public java.util.Optional<ShownMeeting> byId(long id, Actor actor) {
		MeetingAccess.requireStaff(actor);
		return this.meetings.findById(id).map(meeting -> {
			if (!MeetingAccess.maySee(actor, meeting)) {
				throw new TiexinException(ErrorCode.FORBIDDEN,
						"该会议不在您的辖区内 (this meeting is outside the areas you work in)");
			}
			return new ShownMeeting(meeting, false, MeetingAccess.handles(actor, meeting));
		});
	}

	public MeetingConnection page(String areaCode, PeriodInput period, List<MeetingStatus> statuses, Integer first,
			String after, Actor actor) {
		MeetingAccess.requireStaff(actor);
		if (!actor.coversCounty() && !actor.overlaps(areaCode)) {
			throw new TiexinException(ErrorCode.FORBIDDEN,
					"该区域不在您的辖区内 (this area is outside the areas you work in): " + areaCode);
		}
		int size = PageSize.of(first, DEFAULT_PAGE, MAX_PAGE, "first");
		Set<MeetingStatus> wanted = (statuses == null || statuses.isEmpty()) ? EnumSet.allOf(MeetingStatus.class)
				: EnumSet.copyOf(statuses);
		OffsetDateTime from = (period != null && period.from() != null) ? period.from() : FAR_PAST;
		OffsetDateTime to = (period != null && period.to() != null) ? period.to() : FAR_FUTURE;
		OffsetDateTime afterAt = FAR_FUTURE;
		long afterId = Long.MAX_VALUE;
		if (after != null) {
			KeysetCursor cursor = KeysetCursor.decode(after);
			afterAt = cursor.at();
			afterId = cursor.id();
		}
		List<Meeting> rows = this.meetings.page(areaCode, wanted, from, to, afterAt, afterId, Limit.of(size + 1));
		long total = this.meetings.count(areaCode, wanted, from, to);
		List<MeetingConnection.Edge> edges = rows.subList(0, Math.min(size, rows.size()))
			.stream()
			.map(m -> new MeetingConnection.Edge(KeysetCursor.encode(m.getScheduledAt(), m.getId()),
					new ShownMeeting(m, false, MeetingAccess.handles(actor, m))))
			.toList();
		return new MeetingConnection(edges,
				new MeetingConnection.PageInfo(rows.size() > size, after != null,
						edges.isEmpty() ? null : edges.get(0).cursor(),
						edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor()),
				total);
	}

	/**
	 * The public notice: planned meetings of the area from now on, soonest first, at most
	 * 50.
	 */
	public List<ShownMeeting> upcoming(String areaCode) {
		return this.meetings.upcoming(areaCode, ServiceTime.now(this.clock), Limit.of(50))
			.stream()
			.map(m -> new ShownMeeting(m, true, false))
			.toList();
	}

	public long count() {
		return this.meetings.count();
	}

	/** Items of many meetings in one statement. */
	public List<MeetingItem> itemsOf(List<Long> meetingIds) {
		return meetingIds.isEmpty() ? List.of() : this.meetings.itemsOf(meetingIds);
	}

	/** Meetings in the shape, by Hibernate Spatial; held or planned in the period. */
	public List<Meeting> within(org.locationtech.jts.geom.Geometry shape, Set<MeetingStatus> statuses,
			PeriodInput period, int limit) {
		OffsetDateTime from = (period != null && period.from() != null) ? period.from() : FAR_PAST;
		OffsetDateTime to = (period != null && period.to() != null) ? period.to() : FAR_FUTURE;
		return this.meetings.within(shape, statuses, from, to, Limit.of(limit));
	}

	private SubmitPetitionInput petitionInput(Meeting meeting, ValidItem item) {
		String title = (item.text().length() > MAX_TITLE) ? item.text().substring(0, MAX_TITLE - 1) + "…" : item.text();
		PointInput point = null;
		String areaCode = null;
		if (meeting.getLocatedBy() == Meeting.LocatedBy.POINT) {
			point = new PointInput(meeting.getPoint().getX(), meeting.getPoint().getY(), Crs.WGS84);
		}
		else {
			areaCode = meeting.getAreaCode();
		}
		return new SubmitPetitionInput(title, item.text(), item.categoryCode(), Channel.MEETING, Urgency.NORMAL, point,
				areaCode, null, null, item.raisedBy(), null, List.of(),
				"meeting-" + meeting.getId() + "-item-" + item.position());
	}

	private ValidItem validItem(int position, MeetingItemInput input) {
		String field = "第 " + position + " 条事项 (item " + position + ")";
		if (input == null) {
			throw invalid(field + "为空 (is empty)");
		}
		String text = text(field, input.text(), MAX_ITEM_TEXT, true);
		String raisedBy = text(field + "提出人 (raisedBy)", input.raisedBy(), MAX_RAISED_BY, false);
		String answer = text(field + "答复 (answer)", input.answer(), MAX_ITEM_TEXT, false);
		String category = (input.categoryCode() == null || input.categoryCode().isBlank()) ? null
				: input.categoryCode().strip();
		if (answer == null && category == null) {
			throw invalid(field + "未当场答复,须填写诉求类别以转为诉求 (not answered on the spot: give categoryCode to file "
					+ "it as a petition)");
		}
		if (category != null && this.categories.find(category).isEmpty()) {
			throw invalid("未知的诉求类别 (unknown category): " + category);
		}
		return new ValidItem(position, text, raisedBy, answer, category);
	}

	private record ValidItem(int position, String text, String raisedBy, String answer, String categoryCode) {
	}

	private Set<Long> attendees(List<String> ids) {
		if (ids.size() > MAX_ATTENDEES) {
			throw invalid("参会人员最多 " + MAX_ATTENDEES + " 人 (at most " + MAX_ATTENDEES + " attendees)");
		}
		Set<Long> parsed = new LinkedHashSet<>();
		for (String id : ids) {
			parsed.add(Ids.reference(id, "Person", "参会人员编号 (attendeeIds)"));
		}
		Map<Long, Person> found = this.people.findAllById(parsed);
		for (Long id : parsed) {
			if (!found.containsKey(id)) {
				throw invalid("没有编号为 " + id + " 的人员 (no person with id " + id + ")");
			}
		}
		return parsed;
	}

	private Meeting lock(long id, Integer version) {
		Meeting meeting = this.meetings.lockById(id)
			.orElseThrow(() -> new TiexinException(ErrorCode.NOT_FOUND, "找不到会议 (no such meeting): " + id));
		if (version != null && version != meeting.getVersion()) {
			throw new TiexinException(ErrorCode.STALE_VERSION, "会议已被他人修改,请刷新后重试 (the meeting changed meanwhile: "
					+ "version " + meeting.getVersion() + ", not " + version + "; reload and retry)");
		}
		return meeting;
	}

	private static void requirePlanned(Meeting meeting, String operation) {
		if (meeting.getStatus() != MeetingStatus.PLANNED) {
			throw new TiexinException(ErrorCode.INVALID_TRANSITION, "会议状态为 " + meeting.getStatus() + ",不能" + operation
					+ " (a " + meeting.getStatus() + " meeting cannot be changed: only PLANNED ones can)");
		}
	}

	private static String text(String field, String value, int max, boolean required) {
		if (value == null || value.isBlank()) {
			if (required) {
				throw invalid(field + "不能为空 (" + field + " is required)");
			}
			return null;
		}
		if (value.length() > max) {
			throw invalid(field + "过长,最多 " + max + " 个字符 (" + field + " is too long: at most " + max + " characters)");
		}
		return value.strip();
	}

	static TiexinException invalid(String message) {
		return new TiexinException(ErrorCode.VALIDATION, message);
	}

}
