package io.tiexin.dispatch.internal;

import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;

import io.tiexin.grid.AreaCatalog;
import io.tiexin.people.Actor;
import io.tiexin.people.CurrentActor;
import io.tiexin.people.Role;
import io.tiexin.petition.Petition;
import io.tiexin.petition.PetitionConnection;
import io.tiexin.petition.PetitionQueries;
import io.tiexin.petition.PetitionWorkflow;
import io.tiexin.shared.ErrorCode;
import io.tiexin.shared.Ids;
import io.tiexin.shared.ServiceTime;
import io.tiexin.shared.TiexinException;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/**
 * The officers' work lists — the dispatch queue and the cases under supervision of their
 * area — and deadline extensions.
 */
@Controller
class DispatchController {

	static final int MAX_EXTRA_WORKING_DAYS = 30;

	private static final Set<Role> OFFICERS = EnumSet.of(Role.VILLAGE_CADRE, Role.TOWNSHIP_OFFICER, Role.COUNTY_ADMIN);

	private final PetitionQueries queries;

	private final PetitionWorkflow workflow;

	private final TimeLimits timeLimits;

	private final AreaCatalog areas;

	private final CurrentActor currentActor;

	private final Clock clock;

	DispatchController(PetitionQueries queries, PetitionWorkflow workflow, TimeLimits timeLimits, AreaCatalog areas,
			CurrentActor currentActor, Clock clock) {
		this.queries = queries;
		this.workflow = workflow;
		this.timeLimits = timeLimits;
		this.areas = areas;
		this.currentActor = currentActor;
		this.clock = clock;
	}

	@QueryMapping
	PetitionConnection dispatchQueue(@Argument String areaCode, @Argument Integer first, @Argument String after) {
		Actor actor = this.currentActor.require();
		return this.queries.dispatchQueue(officersArea(actor, areaCode), first, after, actor);
	}

	@QueryMapping
	PetitionConnection supervisedCases(@Argument String areaCode, @Argument Integer first, @Argument String after) {
		Actor actor = this.currentActor.require();
		return this.queries.supervisedCases(officersArea(actor, areaCode), first, after, actor);
	}

	@MutationMapping
	Petition extendDeadline(@Argument String id, @Argument int extraWorkingDays, @Argument String reason,
			@Argument Integer version) {
		Actor actor = this.currentActor.require();
		if (extraWorkingDays < 1 || extraWorkingDays > MAX_EXTRA_WORKING_DAYS) {
			throw new TiexinException(ErrorCode.VALIDATION, "延期天数须在 1 到 " + MAX_EXTRA_WORKING_DAYS
					+ " 个工作日之间 (extraWorkingDays must be between 1 and " + MAX_EXTRA_WORKING_DAYS + ")");
		}
		return this.workflow.extendDeadline(petitionId(id),
				petition -> this.timeLimits.extended(petition.dueAt(), ServiceTime.now(this.clock), extraWorkingDays),
				reason, version, actor);
	}

	/**
	 * The area an officer asks about: the one given, which must lie within their duty
	 * areas, or else their one duty area.
	 */
	private String officersArea(Actor actor, String areaCode) {
		if (actor.roles().stream().noneMatch(OFFICERS::contains)) {
			throw new TiexinException(ErrorCode.FORBIDDEN,
					"仅限村干部、乡镇干部和县级管理员查看 (only village cadres, township officers and county administrators)");
		}
		if (areaCode == null) {
			if (actor.dutyAreaCodes().size() != 1) {
				throw new TiexinException(ErrorCode.VALIDATION,
						"请指定区域编码 areaCode (you work in several areas, or none: give areaCode)");
			}
			return actor.dutyAreaCodes().get(0);
		}
		if (this.areas.find(areaCode).isEmpty()) {
			throw new TiexinException(ErrorCode.NOT_FOUND, "未知区域 (unknown area): " + areaCode);
		}
		if (!actor.worksIn(areaCode)) {
			throw new TiexinException(ErrorCode.FORBIDDEN,
					"只能查看本人负责区域 (you may only look at your own area): " + areaCode);
		}
		return areaCode;
	}

	private static long petitionId(String id) {
		return Ids.of(id, "Petition", "诉求 (petition)");
	}

}
