package io.tiexin.department.internal;

import io.tiexin.shared.postgres.TransactionManagers;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.tiexin.department.Whistle;
import io.tiexin.department.WhistleResponse;
import io.tiexin.department.WhistleResponseStatus;
import io.tiexin.dispatch.WorkingTime;
import io.tiexin.people.Actor;
import io.tiexin.people.Role;
import io.tiexin.petition.Petition;
import io.tiexin.petition.PetitionStatus;
import io.tiexin.petition.PetitionWorkflow;
import io.tiexin.petition.Urgency;
import io.tiexin.shared.ErrorCode;
import io.tiexin.shared.ServiceTime;
import io.tiexin.shared.TiexinException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The whistle's rules (村组吹哨、部门报到). A village cadre or township officer of the case's area
 * (or a county administrator) summons departments; each must report within 2 working
 * hours (30 clock minutes for an emergency: an emergency case runs on the clock) and then
 * do its part. The case stays with its assignee. Each step is one transaction that writes
 * the summons and the petition's timeline event together (announced live like every
 * event); a refusal is thrown before anything is written.
 */
@Service
class Whistles {

	static final Duration REPORT_LIMIT = Duration.ofHours(2);

	static final Duration EMERGENCY_REPORT_LIMIT = Duration.ofMinutes(30);

	static final int MAX_DEPARTMENTS = 10;

	static final int MAX_TEXT = 1000;

	static final Set<Role> WHISTLERS = EnumSet.of(Role.VILLAGE_CADRE, Role.TOWNSHIP_OFFICER, Role.COUNTY_ADMIN);

	private static final DateTimeFormatter DAY_AND_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

	private final WhistleRepository whistles;

	private final DepartmentRepository departments;

	private final PetitionWorkflow workflow;

	private final WorkingTime workingTime;

	private final Clock clock;

	Whistles(WhistleRepository whistles, DepartmentRepository departments, PetitionWorkflow workflow,
			WorkingTime workingTime, Clock clock) {
		this.whistles = whistles;
		this.departments = departments;
		this.workflow = workflow;
		this.workingTime = workingTime;
		this.clock = clock;
	}

	@Transactional(transactionManager = TransactionManagers.JPA)
	Whistle blow(long petitionId, List<String> departmentCodes, String reason, Actor actor) {
		if (!actor.roles().stream().anyMatch(WHISTLERS::contains)) {
			throw new TiexinException(ErrorCode.FORBIDDEN, "只有村干部、乡镇干部或县级管理员可以吹哨 (only a village cadre, township "
					+ "officer or county administrator may summon departments)");
		}
		String why = requireText(reason, "吹哨理由 (reason)");
		Set<String> codes = new LinkedHashSet<>((departmentCodes != null) ? departmentCodes : List.of());
		if (codes.isEmpty() || codes.size() > MAX_DEPARTMENTS) {
			throw new TiexinException(ErrorCode.VALIDATION,
					"请选择 1–" + MAX_DEPARTMENTS + " 个部门 (summon between 1 and " + MAX_DEPARTMENTS + " departments)");
		}
		Map<String, DepartmentEntity> byCode = this.departments.findAllById(codes)
			.stream()
			.collect(Collectors.toMap(DepartmentEntity::code, Function.identity()));
		List<String> unknown = codes.stream().filter(code -> !byCode.containsKey(code)).toList();
		if (!unknown.isEmpty()) {
			throw new TiexinException(ErrorCode.VALIDATION,
					"未知的部门 (unknown departments): " + String.join(", ", unknown));
		}
		// Locked first: two whistles on one case queue here, so neither summons a
		// department the other has just summoned.
		Petition petition = this.workflow.lockForUpdate(petitionId);
		if (!actor.worksIn(petition.areaCode())) {
			throw new TiexinException(ErrorCode.FORBIDDEN,
					"该诉求不在您的辖区内,不能吹哨 (the case is outside the areas you work in: you cannot summon departments to it)");
		}
		if (!PetitionStatus.OPEN.contains(petition.status())) {
			throw new TiexinException(ErrorCode.INVALID_TRANSITION, "诉求状态为 " + petition.status() + ",不能吹哨 (departments "
					+ "can be summoned to open cases only, not to one that is " + petition.status() + ")");
		}
		List<String> stillOpen = this.whistles.openDepartmentsOn(petitionId).stream().filter(codes::contains).toList();
		if (!stillOpen.isEmpty()) {
			throw new TiexinException(ErrorCode.INVALID_TRANSITION, "部门已被召集且尚未办结 (already summoned to this case and "
					+ "not finished): " + String.join(", ", stillOpen));
		}
		OffsetDateTime now = ServiceTime.now(this.clock);
		boolean emergency = petition.urgency() == Urgency.EMERGENCY;
		OffsetDateTime due = emergency ? now.plus(EMERGENCY_REPORT_LIMIT) : this.workingTime.plus(now, REPORT_LIMIT);
		WhistleEntity whistle = new WhistleEntity(petitionId, petition.areaCode(), actor.personId(), now, why,
				emergency);
		codes.forEach(code -> whistle.summon(code, due));
		this.whistles.save(whistle);
		this.workflow.recordEvent(petitionId, "WHISTLE_BLOWN", actor,
				"吹哨召集 (summoned) "
						+ codes.stream().map(code -> byCode.get(code).name()).collect(Collectors.joining("、"))
						+ ",报到时限 " + (emergency ? "30 分钟 (30 clock minutes)" : "2 个工作小时 (2 working hours)") + ",至 "
						+ DAY_AND_TIME.format(due) + " (report by " + due + "): " + why);
		return whistle.view();
	}

	/** Department staff: SUMMONED → REPORTED (报到). */
	@Transactional(transactionManager = TransactionManagers.JPA)
	WhistleResponse report(long whistleId, String departmentCode, String note, Actor actor) {
		String text = optionalText(note);
		WhistleResponseEntity response = lockAsStaff(whistleId, departmentCode, actor);
		requireStatus(response, WhistleResponseStatus.SUMMONED, "报到 (report)");
		OffsetDateTime now = ServiceTime.now(this.clock);
		response.report(now, actor.personId(), text);
		long lateMinutes = Duration.between(response.reportDueAt(), now).toMinutes();
		String timeliness = now.isAfter(response.reportDueAt())
				? "超时 " + lateMinutes + " 分钟 (" + lateMinutes + " minutes late)" : "按时 (on time)";
		this.workflow.recordEvent(response.whistle().petitionId(), "WHISTLE_REPORTED", actor,
				departmentName(departmentCode) + " 报到 (reported), " + timeliness + ((text != null) ? ": " + text : ""));
		return response.view();
	}

	/** Department staff: REPORTED → DONE, with a note of what was done. */
	@Transactional(transactionManager = TransactionManagers.JPA)
	WhistleResponse complete(long whistleId, String departmentCode, String note, Actor actor) {
		String text = requireText(note, "办理情况 (note)");
		WhistleResponseEntity response = lockAsStaff(whistleId, departmentCode, actor);
		requireStatus(response, WhistleResponseStatus.REPORTED, "办结 (complete)");
		response.complete(ServiceTime.now(this.clock), actor.personId(), text);
		this.workflow.recordEvent(response.whistle().petitionId(), "WHISTLE_DONE", actor,
				departmentName(departmentCode) + " 办结 (done): " + text);
		return response.view();
	}

	private WhistleResponseEntity lockAsStaff(long whistleId, String departmentCode, Actor actor) {
		DepartmentEntity department = (departmentCode != null) ? this.departments.findById(departmentCode).orElse(null)
				: null;
		if (department == null) {
			throw new TiexinException(ErrorCode.VALIDATION, "未知的部门 (unknown department): " + departmentCode);
		}
		if (!actor.has(Role.DEPARTMENT_STAFF) || !department.staffIds().contains(actor.personId())) {
			throw new TiexinException(ErrorCode.FORBIDDEN,
					"只有" + department.name() + "的工作人员可以报到或办结 (only staff of " + department.code() + " may do this)");
		}
		return this.whistles.lockResponse(whistleId, departmentCode)
			.orElseThrow(() -> new TiexinException(ErrorCode.NOT_FOUND,
					"该部门未被此次吹哨召集 (no such whistle, or it did not summon " + departmentCode + ")"));
	}

	private static void requireStatus(WhistleResponseEntity response, WhistleResponseStatus expected, String what) {
		if (response.status() != expected) {
			throw new TiexinException(ErrorCode.INVALID_TRANSITION, "当前状态 " + response.status() + " 下不能" + what
					+ " (not allowed from " + response.status() + "; only from " + expected + ")");
		}
	}

	private String departmentName(String code) {
		return this.departments.findById(code).map(DepartmentEntity::name).orElse(code);
	}

	private static String requireText(String text, String what) {
		if (text == null || text.isBlank()) {
			throw new TiexinException(ErrorCode.VALIDATION, "请填写" + what + " (" + what + " is required)");
		}
		return optionalText(text);
	}

	private static String optionalText(String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		if (text.length() > MAX_TEXT) {
			throw new TiexinException(ErrorCode.VALIDATION,
					"说明过长,最多 " + MAX_TEXT + " 个字符 (text too long: at most " + MAX_TEXT + " characters)");
		}
		return text.strip();
	}

}
