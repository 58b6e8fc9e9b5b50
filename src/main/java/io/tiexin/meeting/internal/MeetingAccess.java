package io.tiexin.meeting.internal;

import java.util.Set;

import io.tiexin.people.Actor;
import io.tiexin.people.Role;
import io.tiexin.shared.ErrorCode;
import io.tiexin.shared.TiexinException;

/**
 * Who may convene, record and see meetings, and how much of them. The rules of the rest
 * of the API: staff see the meetings of their scope; names (attendees, who raised an
 * item) in full only for those handling the area — the convener, the area's liaisons,
 * cadres and officers — and masked like contact names for other staff.
 */
final class MeetingAccess {

	private MeetingAccess() {
	}

	/**
	 * A liaison of the place (their home village covers it), or a village cadre or
	 * township officer whose duty area covers it.
	 */
	static void requireConvener(Actor actor, String areaCode) {
		boolean liaison = actor.has(Role.LIAISON) && actor.covers(areaCode);
		boolean officer = actor.hasAny(Role.VILLAGE_CADRE, Role.TOWNSHIP_OFFICER) && actor.worksIn(areaCode);
		if (!liaison && !officer) {
			throw new TiexinException(ErrorCode.FORBIDDEN, "只有本地的贴心人、村干部或乡镇干部可以召集屋场贴心会 (only a liaison, "
					+ "village cadre or township officer of the place may convene a meeting): " + areaCode);
		}
	}

	/** The convener, or a cadre, township officer or county administrator of the area. */
	static void requireOrganiser(Actor actor, Meeting meeting) {
		if (!isOrganiser(actor, meeting)) {
			throw new TiexinException(ErrorCode.FORBIDDEN,
					"只有召集人或本地干部可以记录或取消会议 (only the convener or an officer of the area may record or cancel it)");
		}
	}

	static boolean isOrganiser(Actor actor, Meeting meeting) {
		return actor.personId() == meeting.getConvenerId() || isOfficerOf(actor, meeting.getAreaCode());
	}

	static boolean isOfficerOf(Actor actor, String areaCode) {
		return actor.has(Role.COUNTY_ADMIN)
				|| (actor.hasAny(Role.VILLAGE_CADRE, Role.TOWNSHIP_OFFICER) && actor.worksIn(areaCode));
	}

	static boolean isStaff(Actor actor) {
		return actor.hasAny(Role.GRID_MEMBER, Role.LIAISON, Role.VILLAGE_CADRE, Role.TOWNSHIP_OFFICER,
				Role.COUNTY_ADMIN);
	}

	/**
	 * Staff whose scope covers the meeting's area or lies in it (a village's meeting
	 * concerns the grid members of all its groups), its convener and its attendees.
	 */
	static boolean maySee(Actor actor, Meeting meeting) {
		if (!isStaff(actor)) {
			return false;
		}
		return actor.coversCounty() || actor.overlaps(meeting.getAreaCode()) || isOrganiser(actor, meeting)
				|| meeting.getAttendeeIds().contains(actor.personId());
	}

	/** Whether the actor reads the names of the meeting in full. */
	static boolean handles(Actor actor, Meeting meeting) {
		return isOrganiser(actor, meeting) || (actor.has(Role.LIAISON) && actor.covers(meeting.getAreaCode()));
	}

	static Actor requireStaff(Actor actor) {
		if (!isStaff(actor)) {
			throw new TiexinException(ErrorCode.FORBIDDEN,
					actor.roles().equals(Set.of(Role.PLANNER)) ? "规划人员只能查看统计数据 (planners see aggregates only)"
							: "会议记录仅对工作人员开放;近期会议通知请查看 upcomingMeetings (meeting records are for staff; residents "
									+ "read upcomingMeetings)");
		}
		return actor;
	}

	/** {@code 王*}, {@code 欧阳**}: the family name stays. */
	static String maskName(String name) {
		if (name == null || name.isEmpty()) {
			return name;
		}
		return name.charAt(0) + "*".repeat(Math.max(1, name.length() - 1));
	}

}
