package io.tiexin.liaison.internal;

import io.tiexin.shared.postgres.TransactionManagers;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.tiexin.audit.AuditLog;
import io.tiexin.grid.Area;
import io.tiexin.grid.AreaCatalog;
import io.tiexin.grid.AreaLevel;
import io.tiexin.liaison.LiaisonProfileInput;
import io.tiexin.people.Actor;
import io.tiexin.people.Person;
import io.tiexin.people.PersonDirectory;
import io.tiexin.people.Role;
import io.tiexin.shared.ErrorCode;
import io.tiexin.shared.ServiceTime;
import io.tiexin.shared.TiexinException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The village boards: read by anyone (a liaison's name and phone are public by design),
 * written by the liaison or an officer above them.
 */
@Service
@Transactional(transactionManager = TransactionManagers.JPA, readOnly = true)
public class LiaisonBoardService {

	static final int MAX_POSITION = 100;

	static final int MAX_TEXT = 500;

	private final LiaisonProfileRepository profiles;

	private final PersonDirectory people;

	private final AreaCatalog areas;

	private final AuditLog auditLog;

	private final Clock clock;

	LiaisonBoardService(LiaisonProfileRepository profiles, PersonDirectory people, AreaCatalog areas, AuditLog auditLog,
			Clock clock) {
		this.profiles = profiles;
		this.people = people;
		this.areas = areas;
		this.auditLog = auditLog;
		this.clock = clock;
	}

	/**
	 * The village's board; each person reduced to what a board shows (name, phone).
	 * @throws TiexinException {@code NOT_FOUND} for an unknown code or one that is not a
	 * village
	 */
	public Board board(String villageCode) {
		Area village = village(villageCode);
		List<Person> liaisons = this.people.liaisonsOf(village.code());
		Map<Long, LiaisonProfile> byId = this.profiles.findAllById(liaisons.stream().map(Person::id).toList())
			.stream()
			.collect(Collectors.toMap(LiaisonProfile::getPersonId, Function.identity()));
		List<BoardEntry> entries = liaisons.stream()
			.map(person -> new BoardEntry(publicView(person), byId.get(person.id())))
			.toList();
		OffsetDateTime updatedAt = byId.values()
			.stream()
			.map(LiaisonProfile::getUpdatedAt)
			.filter(Objects::nonNull)
			.max(Comparator.naturalOrder())
			.orElse(null);
		return new Board(village, entries, updatedAt);
	}

	/** The village, or {@code NOT_FOUND}. */
	public Area village(String villageCode) {
		return this.areas.find(villageCode)
			.filter(area -> area.level() == AreaLevel.VILLAGE)
			.orElseThrow(() -> new TiexinException(ErrorCode.NOT_FOUND, "找不到该村(社区)(no such village): " + villageCode));
	}

	/**
	 * Writes the liaison's profile.
	 * @throws TiexinException {@code NOT_FOUND} for an unknown person, {@code VALIDATION}
	 * for one who is not a liaison or bad input, {@code FORBIDDEN} for anyone but the
	 * liaison and officers above them
	 */
	@Transactional(transactionManager = TransactionManagers.JPA)
	public BoardEntry update(long personId, LiaisonProfileInput input, Actor actor) {
		Person person = this.people.findById(personId)
			.orElseThrow(() -> new TiexinException(ErrorCode.NOT_FOUND,
					"没有编号为 " + personId + " 的人员 (no person with id " + personId + ")"));
		if (!person.has(Role.LIAISON)) {
			throw new TiexinException(ErrorCode.VALIDATION, "该人员不是贴心人 (this person is not a liaison): " + personId);
		}
		if (!ProgrammeAccess.isSelf(actor, personId) && !ProgrammeAccess.supervises(actor, person)) {
			throw new TiexinException(ErrorCode.FORBIDDEN, "只有贴心人本人及其上级干部可以修改公示信息 (only the liaison and the "
					+ "officers above them may change their board profile)");
		}
		String position = text("职务 (position)", input.position(), MAX_POSITION);
		String commitment = text("承诺 (commitment)", input.commitment(), MAX_TEXT);
		String duties = text("职责 (duties)", input.duties(), MAX_TEXT);
		String photoUrl = text("照片地址 (photoUrl)", input.photoUrl(), MAX_TEXT);
		if (photoUrl != null) {
			requireWebUrl(photoUrl);
		}
		OffsetDateTime now = ServiceTime.now(this.clock);
		LiaisonProfile profile = this.profiles.findById(personId).orElseGet(() -> new LiaisonProfile(personId, now));
		profile.update(position, commitment, duties, photoUrl, actor.personId(), now);
		this.profiles.save(profile);
		this.auditLog.changed(actor.personId(), actor.username(), "UPDATE_LIAISON_PROFILE", personId, null);
		return new BoardEntry(person, profile);
	}

	/**
	 * What a public board shows of a person: name and phone (a liaison's number is public
	 * by design); not their username, areas or anything else.
	 */
	static Person publicView(Person person) {
		return new Person(person.id(), "", person.name(), java.util.Set.of(Role.LIAISON), person.phone(), null,
				List.of(), person.onDuty());
	}

	private static String text(String field, String value, int max) {
		if (value == null || value.isBlank()) {
			return null;
		}
		if (value.length() > max) {
			throw new TiexinException(ErrorCode.VALIDATION,
					field + "过长,最多 " + max + " 个字符 (" + field + " is too long: at most " + max + " characters)");
		}
		return value.strip();
	}

	private static void requireWebUrl(String url) {
		try {
			URI uri = new URI(url);
			String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
			if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
				throw new TiexinException(ErrorCode.VALIDATION,
						"照片地址必须是 http(s) 链接 (photoUrl must be an http or https link): " + url);
			}
		}
		catch (URISyntaxException ex) {
			throw new TiexinException(ErrorCode.VALIDATION, "照片地址无效 (invalid photoUrl): " + url);
		}
	}

}
