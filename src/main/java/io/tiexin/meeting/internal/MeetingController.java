package io.tiexin.meeting.internal;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.tiexin.grid.Area;
import io.tiexin.grid.AreaCatalog;
import io.tiexin.grid.AreaLevel;
import io.tiexin.grid.Location;
import io.tiexin.meeting.MeetingItemStatus;
import io.tiexin.meeting.MeetingStatus;
import io.tiexin.meeting.PlanMeetingInput;
import io.tiexin.meeting.RecordMeetingInput;
import io.tiexin.people.Actor;
import io.tiexin.people.CurrentActor;
import io.tiexin.people.Person;
import io.tiexin.people.PersonDirectory;
import io.tiexin.petition.Petition;
import io.tiexin.petition.PetitionQueries;
import io.tiexin.shared.Ids;
import io.tiexin.shared.ErrorCode;
import io.tiexin.shared.PeriodInput;
import io.tiexin.shared.TiexinException;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * The meetings API. Nested fields load in batches (convener, attendees, items, their
 * petitions): a page of meetings costs a fixed number of statements.
 */
@Controller
class MeetingController {

	private final MeetingService service;

	private final CurrentActor currentActor;

	private final AreaCatalog areas;

	private final PersonDirectory people;

	private final PetitionQueries petitions;

	private final MeetingRepository repository;

	MeetingController(MeetingService service, CurrentActor currentActor, AreaCatalog areas, PersonDirectory people,
			PetitionQueries petitions, MeetingRepository repository) {
		this.service = service;
		this.currentActor = currentActor;
		this.areas = areas;
		this.people = people;
		this.petitions = petitions;
		this.repository = repository;
	}

	@QueryMapping
	ShownMeeting meeting(@Argument String id) {
		Actor actor = this.currentActor.require();
		Long number = Ids.orNull(id, "Meeting");
		if (number == null) {
			return null;
		}
		return this.service.byId(number, actor).orElse(null);
	}

	@QueryMapping
	MeetingConnection meetings(@Argument String areaCode, @Argument PeriodInput period,
			@Argument List<MeetingStatus> status, @Argument Integer first, @Argument String after) {
		Actor actor = this.currentActor.require();
		requireArea(areaCode);
		return this.service.page(areaCode, period, status, first, after, actor);
	}

	/** Public, no sign-in: the notice residents read. */
	@QueryMapping
	List<ShownMeeting> upcomingMeetings(@Argument String areaCode) {
		requireArea(areaCode);
		return this.service.upcoming(areaCode);
	}

	@MutationMapping
	ShownMeeting planMeeting(@Argument PlanMeetingInput input) {
		Actor actor = this.currentActor.require();
		return new ShownMeeting(this.service.plan(input, actor), false, true);
	}

	@MutationMapping
	ShownMeeting recordMeeting(@Argument String id, @Argument RecordMeetingInput input, @Argument Integer version) {
		Actor actor = this.currentActor.require();
		return new ShownMeeting(this.service.record(Ids.of(id, "Meeting", "会议 (meeting)"), input, version, actor),
				false, true);
	}

	@MutationMapping
	ShownMeeting cancelMeeting(@Argument String id, @Argument String reason, @Argument Integer version) {
		Actor actor = this.currentActor.require();
		return new ShownMeeting(this.service.cancel(Ids.of(id, "Meeting", "会议 (meeting)"), reason, version, actor),
				false, true);
	}

	@SchemaMapping(typeName = "Meeting")
	String id(ShownMeeting shown) {
		return Long.toString(shown.meeting().getId());
	}

	@SchemaMapping(typeName = "Meeting")
	String title(ShownMeeting shown) {
		return shown.meeting().getTitle();
	}

	@SchemaMapping(typeName = "Meeting")
	MeetingStatus status(ShownMeeting shown) {
		return shown.meeting().getStatus();
	}

	@SchemaMapping(typeName = "Meeting")
	int version(ShownMeeting shown) {
		return shown.meeting().getVersion();
	}

	@SchemaMapping(typeName = "Meeting")
	Location place(ShownMeeting shown) {
		Meeting m = shown.meeting();
		return new Location(m.getPoint(),
				(m.getGridCode() != null) ? this.areas.find(m.getGridCode()).orElse(null) : null, m.getMatchMethod(),
				m.getMatchDistanceMeters());
	}

	@SchemaMapping(typeName = "Meeting")
	Area area(ShownMeeting shown) {
		return this.areas.find(shown.meeting().getAreaCode()).orElse(null);
	}

	@SchemaMapping(typeName = "Meeting")
	String placeText(ShownMeeting shown) {
		return shown.meeting().getPlaceText();
	}

	@SchemaMapping(typeName = "Meeting")
	OffsetDateTime scheduledAt(ShownMeeting shown) {
		return shown.meeting().getScheduledAt();
	}

	@SchemaMapping(typeName = "Meeting")
	OffsetDateTime heldAt(ShownMeeting shown) {
		return shown.meeting().getHeldAt();
	}

	@SchemaMapping(typeName = "Meeting")
	String agenda(ShownMeeting shown) {
		return shown.meeting().getAgenda();
	}

	@SchemaMapping(typeName = "Meeting")
	String summary(ShownMeeting shown) {
		return shown.publicNotice() ? null : shown.meeting().getSummary();
	}

	@SchemaMapping(typeName = "Meeting")
	String cancelReason(ShownMeeting shown) {
		return shown.publicNotice() ? null : shown.meeting().getCancelReason();
	}

	@SchemaMapping(typeName = "Meeting")
	Integer householdCount(ShownMeeting shown) {
		return shown.publicNotice() ? null : shown.meeting().getHouseholdCount();
	}

	@SchemaMapping(typeName = "Meeting")
	Integer attendance(ShownMeeting shown) {
		return shown.publicNotice() ? null : shown.meeting().getAttendance();
	}

	@BatchMapping(typeName = "Meeting")
	Map<ShownMeeting, Person> convener(List<ShownMeeting> meetings) {
		if (meetings.stream().anyMatch(ShownMeeting::publicNotice)) {
			throw new TiexinException(ErrorCode.FORBIDDEN,
					"会议通知不公开召集人 (the public notice names no one): 请登录后查看 meeting(id) (sign in and read meeting(id))");
		}
		Map<Long, Person> byId = this.people
			.findAllById(meetings.stream().map(m -> m.meeting().getConvenerId()).distinct().toList());
		Map<ShownMeeting, Person> result = new LinkedHashMap<>();
		meetings.forEach(m -> result.put(m, shownPerson(byId.get(m.meeting().getConvenerId()), m.fullNames())));
		return result;
	}

	@BatchMapping(typeName = "Meeting")
	Map<ShownMeeting, List<Person>> attendees(List<ShownMeeting> meetings) {
		Set<Long> ids = new HashSet<>();
		meetings.stream().filter(m -> !m.publicNotice()).forEach(m -> ids.addAll(m.meeting().getAttendeeIds()));
		Map<Long, Person> byId = ids.isEmpty() ? Map.of() : this.people.findAllById(ids);
		Map<ShownMeeting, List<Person>> result = new LinkedHashMap<>();
		for (ShownMeeting m : meetings) {
			List<Person> attendees = new ArrayList<>();
			if (!m.publicNotice()) {
				m.meeting()
					.getAttendeeIds()
					.stream()
					.sorted()
					.map(byId::get)
					.filter(p -> p != null)
					.forEach(p -> attendees.add(shownPerson(p, m.fullNames())));
			}
			result.put(m, attendees);
		}
		return result;
	}

	@BatchMapping(typeName = "Meeting")
	Map<ShownMeeting, List<ShownItem>> items(List<ShownMeeting> meetings) {
		Map<Long, List<MeetingItem>> byMeeting = itemsByMeeting(meetings);
		Map<ShownMeeting, List<ShownItem>> result = new LinkedHashMap<>();
		meetings.forEach(m -> result.put(m,
				byMeeting.getOrDefault(m.meeting().getId(), List.of())
					.stream()
					.map(item -> new ShownItem(item, m.fullNames()))
					.toList()));
		return result;
	}

	@BatchMapping(typeName = "Meeting")
	Map<ShownMeeting, Integer> openItems(List<ShownMeeting> meetings) {
		Map<Long, List<MeetingItem>> byMeeting = itemsByMeeting(meetings);
		Map<ShownMeeting, Integer> result = new LinkedHashMap<>();
		meetings.forEach(m -> result.put(m,
				(int) byMeeting.getOrDefault(m.meeting().getId(), List.of())
					.stream()
					.filter(item -> item.getStatus() == MeetingItemStatus.FILED)
					.count()));
		return result;
	}

	@SchemaMapping(typeName = "MeetingItem")
	String id(ShownItem shown) {
		return Long.toString(shown.item().getId());
	}

	@SchemaMapping(typeName = "MeetingItem")
	String text(ShownItem shown) {
		return shown.item().getText();
	}

	@SchemaMapping(typeName = "MeetingItem")
	String raisedBy(ShownItem shown) {
		String name = shown.item().getRaisedBy();
		return shown.fullNames() ? name : MeetingAccess.maskName(name);
	}

	@SchemaMapping(typeName = "MeetingItem")
	MeetingItemStatus status(ShownItem shown) {
		return shown.item().getStatus();
	}

	@SchemaMapping(typeName = "MeetingItem")
	String answer(ShownItem shown) {
		return shown.item().getAnswer();
	}

	@SchemaMapping(typeName = "MeetingItem")
	String categoryCode(ShownItem shown) {
		return shown.item().getCategoryCode();
	}

	/** The item's petition when the viewer may see it; one statement a page. */
	@BatchMapping(typeName = "MeetingItem")
	Map<ShownItem, Petition> petition(List<ShownItem> items) {
		Set<Long> ids = items.stream()
			.map(i -> i.item().getPetitionId())
			.filter(id -> id != null)
			.collect(Collectors.toSet());
		Map<ShownItem, Petition> result = new LinkedHashMap<>();
		if (ids.isEmpty()) {
			return result;
		}
		Map<Long, Petition> byId = this.petitions.byIds(ids, this.currentActor.require());
		items.stream()
			.filter(i -> i.item().getPetitionId() != null && byId.containsKey(i.item().getPetitionId()))
			.forEach(i -> result.put(i, byId.get(i.item().getPetitionId())));
		return result;
	}

	/** The meeting a petition was raised at, when the viewer may see that meeting. */
	@BatchMapping(typeName = "Petition")
	Map<Petition, ShownMeeting> meeting(List<Petition> petitions) {
		Actor actor = this.currentActor.require();
		Map<Long, Long> meetingOf = new LinkedHashMap<>();
		for (Object[] row : this.repository.meetingsOfPetitions(petitions.stream().map(Petition::id).toList())) {
			meetingOf.put((Long) row[0], (Long) row[1]);
		}
		Map<Long, Meeting> meetings = this.repository.findAllById(new HashSet<>(meetingOf.values()))
			.stream()
			.collect(Collectors.toMap(Meeting::getId, m -> m));
		Map<Petition, ShownMeeting> result = new LinkedHashMap<>();
		for (Petition petition : petitions) {
			Meeting meeting = meetings.get(meetingOf.get(petition.id()));
			if (meeting != null && MeetingAccess.maySee(actor, meeting)) {
				result.put(petition, new ShownMeeting(meeting, false, MeetingAccess.handles(actor, meeting)));
			}
		}
		return result;
	}

	/** GeoJSON of the area's meetings for the map (see docs/meetings.md). */
	@QueryMapping
	Map<String, Object> meetingsLayer(@Argument String areaCode, @Argument PeriodInput period,
			@Argument List<MeetingStatus> status) {
		Actor actor = this.currentActor.require();
		if (actor.roles().stream().allMatch(role -> role == io.tiexin.people.Role.CITIZEN)) {
			throw new TiexinException(ErrorCode.FORBIDDEN, "会议图层仅对工作人员开放 (the meetings layer is for staff)");
		}
		Area area = requireArea(areaCode);
		if (!actor.coversCounty() && !actor.overlaps(areaCode)) {
			throw new TiexinException(ErrorCode.FORBIDDEN,
					"该区域不在您的辖区内 (this area is outside the areas you work in): " + areaCode);
		}
		Set<MeetingStatus> wanted = (status == null || status.isEmpty())
				? EnumSet.of(MeetingStatus.PLANNED, MeetingStatus.HELD) : EnumSet.copyOf(status);
		List<Meeting> found = this.service.within(area.boundary(), wanted, period, MeetingLayer.MAX_FEATURES);
		return MeetingLayer.featureCollection(found,
				itemsByMeeting(found.stream().map(m -> new ShownMeeting(m, false, false)).toList()), this::placeName);
	}

	private Map<Long, List<MeetingItem>> itemsByMeeting(List<ShownMeeting> meetings) {
		List<Long> ids = meetings.stream()
			.filter(m -> !m.publicNotice() && m.meeting().getStatus() == MeetingStatus.HELD)
			.map(m -> m.meeting().getId())
			.toList();
		return this.service.itemsOf(ids)
			.stream()
			.collect(Collectors.groupingBy(item -> item.getMeeting().getId(), LinkedHashMap::new, Collectors.toList()));
	}

	private static Person shownPerson(Person person, boolean full) {
		if (person == null || full) {
			return person;
		}
		return new Person(person.id(), "", MeetingAccess.maskName(person.name()), person.roles(), null, null, List.of(),
				person.onDuty());
	}

	/** A grid cell named with its village ("泉塘村 六组"): 170 cells are called "六组". */
	private String placeName(String areaCode) {
		return this.areas.find(areaCode).map(area -> {
			String parent = (area.level() == AreaLevel.GRID)
					? this.areas.find(area.parentCode()).map(village -> village.name() + " ").orElse("") : "";
			return parent + area.name();
		}).orElse(areaCode);
	}

	private Area requireArea(String areaCode) {
		return this.areas.find(areaCode)
			.orElseThrow(() -> new TiexinException(ErrorCode.NOT_FOUND, "未知区域 (unknown area): " + areaCode));
	}

}
