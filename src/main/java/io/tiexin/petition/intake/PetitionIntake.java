package io.tiexin.petition.intake;

import io.tiexin.petition.Category;
import io.tiexin.petition.CategoryCatalog;
import io.tiexin.petition.Petition;
import io.tiexin.petition.PetitionSubmitted;
import io.tiexin.petition.PetitionsSubmitted;
import io.tiexin.petition.SubmitPetitionInput;
import io.tiexin.petition.internal.NewPetition;
import io.tiexin.petition.internal.PetitionRepository;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.tiexin.geo.CoordinateNormaliser;
import io.tiexin.geo.PointInput;
import io.tiexin.people.Actor;
import io.tiexin.petition.intake.IntakeRepository.Submitted;
import io.tiexin.petition.intake.PetitionPlacer.Placement;
import io.tiexin.shared.ErrorCode;
import io.tiexin.shared.ServiceTime;
import io.tiexin.shared.TiexinException;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Takes a petition in: validates everything before writing anything, locates it in the
 * grid, writes the petition and its first timeline event in one transaction, and
 * announces it ({@link PetitionsSubmitted}) so dispatch can assign it in the same
 * transaction. Concurrent submissions share that transaction ({@link GroupIntake}): one
 * commit, one WAL flush for many.
 */
@Service
public class PetitionIntake {

	public static final int MAX_TITLE = 100;

	public static final int MAX_DESCRIPTION = 2000;

	public static final int MAX_ADDRESS = 200;

	public static final int MAX_CONTACT_NAME = 50;

	static final int MAX_MEDIA = 9;

	static final int MAX_MEDIA_URL = 500;

	static final int MAX_IDEMPOTENCY_KEY = 100;

	public static final int MAX_PLACE_TEXT = 100;

	public static final String PHONE_PATTERN = "\\+?[0-9][0-9 -]{4,18}";

	private final PetitionRepository repository;

	private final CategoryCatalog categories;

	private final PetitionPlacer placer;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final GroupIntake groupIntake;

	private final IntakeRepository intakeRepository;

	PetitionIntake(PetitionRepository repository, CategoryCatalog categories, PetitionPlacer placer,
			ApplicationEventPublisher events, Clock clock, GroupIntake groupIntake, IntakeRepository intakeRepository) {
		this.repository = repository;
		this.intakeRepository = intakeRepository;
		this.categories = categories;
		this.placer = placer;
		this.events = events;
		this.clock = clock;
		this.groupIntake = groupIntake;
	}

	/**
	 * Submits a petition; with an idempotency key used before by the same person, returns
	 * that petition. Everything that needs no database (validation, category, placement)
	 * is checked here on the caller's thread, so a bad submission is refused on its own.
	 * Inside a transaction (a meeting filing its items) the petition is written in it;
	 * otherwise it joins concurrent submissions in one transaction ({@link GroupIntake})
	 * and the answer comes once that has committed, dispatched.
	 */
	public Petition submit(SubmitPetitionInput input, Actor submitter) {
		Submission submission = prepare(input, submitter);
		if (TransactionSynchronizationManager.isActualTransactionActive()) {
			return writeAll(List.of(submission)).get(0);
		}
		return this.groupIntake.submit(submission, this::writeAll);
	}

	/** A submission checked and placed, not yet written. */
	record Submission(SubmitPetitionInput input, Actor submitter, Category category, Placement placement) {
	}

	private Submission prepare(SubmitPetitionInput input, Actor submitter) {
		validate(input);
		Category category = this.categories.find(input.categoryCode())
			.orElseThrow(() -> invalid("未知的诉求类别 (unknown category): " + input.categoryCode()));
		return new Submission(input, submitter, category, place(input));
	}

	/**
	 * Writes prepared submissions and dispatches them, in the caller's transaction;
	 * returns their petitions as dispatch left them, in the same order. The petitions are
	 * inserted in one statement and their first timeline events in another, so the rollup
	 * triggers (per statement) run once for all of them, and lock the rollup's rows in
	 * their own sorted order: two batches written at once never wait for each other in
	 * opposite orders there. Each is then decided as it would be alone, in the order
	 * given (so the least loaded grid member counts the cases dispatch just gave them),
	 * and all are routed together: the batch's dispatch costs the same statements
	 * whatever its size.
	 */
	List<Petition> writeAll(List<Submission> submissions) {
		OffsetDateTime now = ServiceTime.now(this.clock);
		List<Long> sequences = this.intakeRepository.nextTrackingSequences(submissions.size());
		List<NewPetition> rows = new ArrayList<>(submissions.size());
		for (int i = 0; i < submissions.size(); i++) {
			rows.add(newPetition(submissions.get(i), TrackingNumbers.of(now, sequences.get(i)), now));
		}
		Map<String, Long> inserted = this.intakeRepository.insertAll(rows);
		List<Submitted> submitted = new ArrayList<>();
		List<Long> ids = new ArrayList<>(submissions.size());
		for (int i = 0; i < submissions.size(); i++) {
			Submission submission = submissions.get(i);
			NewPetition row = rows.get(i);
			Long id = inserted.get(row.trackingNumber());
			if (id == null) {
				// The key was used before (committed, earlier in this batch, or by a
				// concurrent transaction that committed first): its petition is the
				// answer.
				id = this.repository.findIdByIdempotencyKey(row.submitterId(), row.idempotencyKey()).orElseThrow();
			}
			else {
				submitted.add(new Submitted(id, row.trackingNumber(), row.areaCode(), row.categoryCode(),
						row.submitterId(), submission.placement().note()));
			}
			ids.add(id);
		}
		if (!submitted.isEmpty()) {
			this.intakeRepository.insertSubmittedEvents(submitted, now);
		}
		List<PetitionSubmitted> toDispatch = new ArrayList<>(submitted.size());
		for (int i = 0; i < submissions.size(); i++) {
			NewPetition row = rows.get(i);
			if (inserted.containsKey(row.trackingNumber())) {
				toDispatch.add(new PetitionSubmitted(ids.get(i), row.areaCode(), row.gridCode(), row.categoryCode(),
						row.level()));
			}
		}
		if (!toDispatch.isEmpty()) {
			// one too: dispatch routes a batch in the same statements whatever its size
			this.events.publishEvent(new PetitionsSubmitted(toDispatch));
		}
		Map<Long, Petition> petitions = new HashMap<>();
		this.repository.findAllById(new HashSet<>(ids)).forEach(p -> petitions.put(p.id(), p));
		return ids.stream().map(petitions::get).toList();
	}

	private NewPetition newPetition(Submission submission, String trackingNumber, OffsetDateTime now) {
		SubmitPetitionInput input = submission.input();
		Category category = submission.category();
		Placement placement = submission.placement();
		return new NewPetition(trackingNumber, input.title().strip(), blankToNull(input.description()), category.code(),
				input.channel(), input.urgency(), category.defaultLevel(), placement.point(), placement.gridCode(),
				placement.areaCode(), placement.method(), placement.distanceMeters(), blankToNull(input.address()),
				blankToNull(input.contactName()), blankToNull(input.contactPhone()), input.mediaUrls(),
				submission.submitter().personId(), input.idempotencyKey(), now);
	}

	private Placement place(SubmitPetitionInput input) {
		return place(input.location(), input.areaCode(), input.placeText());
	}

	/** Where a petition is, from its point, else its area code, else its place name. */
	public Placement place(PointInput location, String areaCode, String placeText) {
		if (location != null) {
			return this.placer.atPoint(CoordinateNormaliser.toWgs84(location));
		}
		if (areaCode != null) {
			return this.placer.inArea(areaCode);
		}
		return this.placer.atPlaceName(placeText);
	}

	private static void validate(SubmitPetitionInput input) {
		requireText("标题 (title)", input.title(), MAX_TITLE, true);
		requirePlainLine("标题 (title)", input.title());
		requireText("描述 (description)", input.description(), MAX_DESCRIPTION, false);
		requireText("地址 (address)", input.address(), MAX_ADDRESS, false);
		requireText("联系人 (contactName)", input.contactName(), MAX_CONTACT_NAME, false);
		requireText("幂等键 (idempotencyKey)", input.idempotencyKey(), MAX_IDEMPOTENCY_KEY, false);
		requireText("地名 (placeText)", input.placeText(), MAX_PLACE_TEXT, false);
		if (input.contactPhone() != null && !input.contactPhone().matches(PHONE_PATTERN)) {
			throw invalid("联系电话格式无效 (contactPhone must be a phone number)");
		}
		if (input.location() == null && input.areaCode() == null
				&& (input.placeText() == null || input.placeText().isBlank())) {
			throw invalid("请提供位置:坐标、区域编码或地名之一 (give a location, an area code or a place name)");
		}
		if (input.mediaUrls().size() > MAX_MEDIA) {
			throw invalid("最多 " + MAX_MEDIA + " 个附件 (at most " + MAX_MEDIA + " media URLs)");
		}
		input.mediaUrls().forEach(PetitionIntake::requireWebUrl);
	}

	private static void requireText(String field, String value, int maxLength, boolean required) {
		if (value == null) {
			if (required) {
				throw invalid(field + "不能为空 (" + field + " is required)");
			}
			return;
		}
		if (required && value.isBlank()) {
			throw invalid(field + "不能为空 (" + field + " is required)");
		}
		// characters as a person counts them (code points): an emoji is one, not two
		// UTF-16 units
		if (value.codePointCount(0, value.length()) > maxLength) {
			throw invalid(field + "过长,最多 " + maxLength + " 个字符 (" + field + " is too long: at most " + maxLength
					+ " characters)");
		}
	}

	/**
	 * A title is one line shown in lists, notifications and the map: no control
	 * characters (line breaks, NUL, escape) and no bidirectional overrides or isolates
	 * (U+202A-U+202E, U+2066-U+2069, U+200E/U+200F, U+061C), which would make it read
	 * differently from what it is ("Trojan Source").
	 */
	static void requirePlainLine(String field, String value) {
		if (value == null) {
			return;
		}
		value.codePoints().forEach(c -> {
			boolean bidi = (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F
					|| c == 0x061C;
			if (Character.getType(c) == Character.CONTROL || bidi) {
				throw invalid(field + "含有控制字符或文字方向控制符 U+" + Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT)
						+ " (" + field + " contains a control or bidirectional formatting character U+"
						+ Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT) + "; remove it)");
			}
		});
	}

	private static void requireWebUrl(String url) {
		try {
			URI uri = new URI(url);
			String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
			if (url.length() > MAX_MEDIA_URL || !(scheme.equals("http") || scheme.equals("https"))
					|| uri.getHost() == null) {
				throw invalid("附件地址必须是 http(s) 链接 (media URLs must be http or https links): " + url);
			}
		}
		catch (URISyntaxException ex) {
			throw invalid("附件地址无效 (invalid media URL): " + url);
		}
	}

	private static String blankToNull(String text) {
		return (text == null || text.isBlank()) ? null : text.strip();
	}

	private static TiexinException invalid(String message) {
		return new TiexinException(ErrorCode.VALIDATION, message);
	}

}
