package io.tiexin.dispatch.internal;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.tiexin.grid.Area;
import io.tiexin.grid.AreaCatalog;
import io.tiexin.grid.AreaLevel;
import io.tiexin.people.Person;
import io.tiexin.people.PersonDirectory;
import io.tiexin.people.Role;
import io.tiexin.petition.HandlingLevel;
import io.tiexin.petition.Petition;
import io.tiexin.petition.PetitionQueries;

import org.springframework.stereotype.Component;

/**
 * Who takes a petition. By its handling level:
 * <ul>
 * <li>VILLAGE: the on-duty grid member of its grid cell with the fewest open cases; with
 * none on duty, the village cadre;</li>
 * <li>TOWNSHIP: an officer of its township; COUNTY: a county administrator.</li>
 * </ul>
 * Among several candidates the one with the fewest open cases, ties to the lowest person
 * id, so the same state always gives the same answer. People off duty, and people who
 * returned the case before, are passed over. With nobody left — or an unmatched petition,
 * or a village case returned too often — the petition goes to the dispatch queue of the
 * level above, where its officers assign it by hand. The village's liaison (贴心人) is
 * attached either way.
 */
@Component
class DispatchRules {

	private final PersonDirectory people;

	private final PetitionQueries petitions;

	private final AreaCatalog areas;

	DispatchRules(PersonDirectory people, PetitionQueries petitions, AreaCatalog areas) {
		this.people = people;
		this.petitions = petitions;
		this.areas = areas;
	}

	/**
	 * An assignee, or the queue a petition waits in.
	 *
	 * @param assigneeId {@code null}: nobody, the petition waits in the dispatch queue of
	 * {@code level}
	 * @param level the level the petition is handled at from now on
	 * @param rule what chose, stored in the timeline event's own field
	 * @param note the same in a sentence for people, for the timeline (Chinese, then
	 * English)
	 */
	record Decision(Long assigneeId, HandlingLevel level, Long liaisonId, DispatchRule rule, String note) {

		boolean assigns() {
			return this.assigneeId != null;
		}
	}

	/**
	 * @param excluded people not to choose (who returned it)
	 * @param returnedTooOften the case bounced between assignees often enough to need an
	 * officer
	 */
	Decision decide(Petition petition, Set<Long> excluded, boolean returnedTooOften) {
		return decide(petition, excluded, returnedTooOften, new Lookups(this.people, this.petitions));
	}

	/**
	 * Lookups for petitions dispatched one after another in one transaction: the grid
	 * members and liaisons of all their areas, and the open cases of those grid members,
	 * each read once in one statement; the open cases are then counted on as this pass
	 * assigns ({@link Lookups#assigned}), so each petition is decided as it would be
	 * alone after the ones before it.
	 */
	Lookups lookupsFor(Collection<Petition> petitions) {
		return Lookups.prefetched(this.people, this.petitions, petitions);
	}

	/** As {@link #decide(Petition, Set, boolean)}, reading people through the lookups. */
	Decision decide(Petition petition, Set<Long> excluded, boolean returnedTooOften, Lookups lookups) {
		// The area never changes, so neither does its liaison once attached.
		Long liaison = (petition.liaisonId() != null) ? petition.liaisonId() : liaisonOf(petition.areaCode(), lookups);
		if (returnedTooOften && petition.level() == HandlingLevel.VILLAGE) {
			HandlingLevel above = levelAbove(petition.areaCode());
			return new Decision(null, above, liaison, DispatchRule.RETURN_LIMIT,
					"已退单 " + petition.returnCount() + " 次,转" + queueName(above) + ",由干部指派 (returned "
							+ petition.returnCount() + " times; in the " + above
							+ " dispatch queue for an officer to assign)");
		}
		return switch (petition.level()) {
			case VILLAGE -> inVillage(petition, excluded, liaison, lookups);
			case TOWNSHIP -> inTownship(petition, excluded, liaison, lookups);
			case COUNTY -> inCounty(petition, excluded, liaison, lookups);
		};
	}

	private Decision inVillage(Petition petition, Set<Long> excluded, Long liaison, Lookups lookups) {
		if (petition.gridCode() != null) {
			Candidate member = leastLoaded(lookups.gridMembersOf(petition.gridCode()), excluded, lookups);
			if (member != null) {
				return new Decision(member.person().id(), HandlingLevel.VILLAGE, liaison, DispatchRule.GRID_MEMBER,
						"派给" + name(petition.gridCode()) + "在岗网格员中在办最少者 " + member.describe()
								+ " (the on-duty grid member of the cell with the fewest open cases)");
			}
		}
		String village = codeAt(petition.areaCode(), AreaLevel.VILLAGE);
		if (village == null) {
			return queued(levelAbove(petition.areaCode()), liaison, DispatchRule.UNMATCHED,
					"未定位到网格或村 (no grid cell or village known)");
		}
		Candidate cadre = leastLoaded(lookups.officersOf(village, Role.VILLAGE_CADRE), excluded, lookups);
		if (cadre != null) {
			return new Decision(cadre.person().id(), HandlingLevel.VILLAGE, liaison, DispatchRule.VILLAGE_CADRE,
					"网格内无人可派,派给" + name(village) + "村干部 " + cadre.describe() + " (nobody on duty in the grid cell)");
		}
		return queued(levelAbove(petition.areaCode()), liaison, DispatchRule.NOBODY_IN_VILLAGE,
				"村内无人可派 (nobody on duty in the village)");
	}

	private Decision inTownship(Petition petition, Set<Long> excluded, Long liaison, Lookups lookups) {
		String township = codeAt(petition.areaCode(), AreaLevel.TOWNSHIP);
		if (township == null) {
			return queued(HandlingLevel.COUNTY, liaison, DispatchRule.UNMATCHED, "未定位到乡镇 (no township known)");
		}
		Candidate officer = leastLoaded(lookups.officersOf(township, Role.TOWNSHIP_OFFICER), excluded, lookups);
		if (officer != null) {
			return new Decision(officer.person().id(), HandlingLevel.TOWNSHIP, liaison, DispatchRule.TOWNSHIP_OFFICER,
					"派给" + name(township) + "乡镇干部 " + officer.describe() + " (an on-duty officer of the township)");
		}
		return queued(HandlingLevel.COUNTY, liaison, DispatchRule.NOBODY_IN_TOWNSHIP,
				"乡镇无人可派 (no township officer on duty)");
	}

	private Decision inCounty(Petition petition, Set<Long> excluded, Long liaison, Lookups lookups) {
		Candidate admin = leastLoaded(lookups.officersOf(petition.areaCode(), Role.COUNTY_ADMIN), excluded, lookups);
		if (admin != null) {
			return new Decision(admin.person().id(), HandlingLevel.COUNTY, liaison, DispatchRule.COUNTY_ADMIN,
					"派给县级管理员 " + admin.describe() + " (an on-duty county administrator)");
		}
		return queued(HandlingLevel.COUNTY, liaison, DispatchRule.NOBODY_IN_COUNTY,
				"县级无人可派 (no county administrator on duty)");
	}

	/**
	 * The queue above the village: the township's when the petition is known to lie in
	 * one.
	 */
	private static HandlingLevel levelAbove(String areaCode) {
		return (codeAt(areaCode, AreaLevel.TOWNSHIP) != null) ? HandlingLevel.TOWNSHIP : HandlingLevel.COUNTY;
	}

	private static Decision queued(HandlingLevel level, Long liaison, DispatchRule rule, String why) {
		return new Decision(null, level, liaison, rule,
				why + ",转" + queueName(level) + " (waits in the " + level + " dispatch queue)");
	}

	private static String queueName(HandlingLevel level) {
		return (level == HandlingLevel.TOWNSHIP) ? "乡镇派单队列" : "县级派单队列";
	}

	/**
	 * The candidate on duty, not excluded, with the fewest open cases; ties to the lowest
	 * id.
	 */
	private Candidate leastLoaded(List<Person> people, Set<Long> excluded, Lookups lookups) {
		List<Person> available = people.stream()
			.filter(Person::onDuty)
			.filter(p -> !excluded.contains(p.id()))
			.toList();
		if (available.isEmpty()) {
			return null;
		}
		Map<Long, Integer> open = lookups.openCasesOf(available.stream().map(Person::id).toList());
		return available.stream()
			.map(person -> new Candidate(person, open.getOrDefault(person.id(), 0)))
			.min(Comparator.comparingInt(Candidate::openCases).thenComparingLong(c -> c.person().id()))
			.orElseThrow();
	}

	/**
	 * The liaison whose home village (or village group) contains the area; the most local
	 * one, then the lowest id. Only for areas within a village: a township has many
	 * villages, each its own.
	 */
	private Long liaisonOf(String areaCode, Lookups lookups) {
		if (codeAt(areaCode, AreaLevel.VILLAGE) == null) {
			return null;
		}
		return lookups.liaisonsOf(areaCode)
			.stream()
			.filter(liaison -> liaison.homeAreaCode() != null && areaCode.startsWith(liaison.homeAreaCode()))
			.min(Comparator.comparingInt((Person liaison) -> -liaison.homeAreaCode().length())
				.thenComparingLong(Person::id))
			.map(Person::id)
			.orElse(null);
	}

	/**
	 * The code of the area's ancestor (or itself) at the level, {@code null} when the
	 * area is above it.
	 */
	private static String codeAt(String areaCode, AreaLevel level) {
		return (areaCode.length() >= level.codeLength()) ? areaCode.substring(0, level.codeLength()) : null;
	}

	private String name(String code) {
		return this.areas.find(code).map(Area::name).orElse(code);
	}

	private record Candidate(Person person, int openCases) {

		String describe() {
			return this.person.name() + "(" + this.person.username() + ",在办 " + this.openCases + " 件 / "
					+ this.openCases + " open)";
		}
	}

	/**
	 * Where dispatch reads people and their loads: straight from the database (one
	 * petition), or read ahead for many petitions dispatched in one pass.
	 */
	static final class Lookups {

		private final PersonDirectory people;

		private final PetitionQueries petitions;

		private final Map<String, List<Person>> gridMembers = new HashMap<>();

		private final Map<String, List<Person>> liaisons = new HashMap<>();

		/** Officers by area code and role, read once each in a pass. */
		private final Map<String, List<Person>> officers = new HashMap<>();

		/**
		 * Open cases per person as of this pass: read once, then counted on; absent: not
		 * read yet.
		 */
		private final Map<Long, Integer> openCases = new HashMap<>();

		private final boolean remember;

		private Lookups(PersonDirectory people, PetitionQueries petitions, boolean remember) {
			this.people = people;
			this.petitions = petitions;
			this.remember = remember;
		}

		Lookups(PersonDirectory people, PetitionQueries petitions) {
			this(people, petitions, false);
		}

		static Lookups prefetched(PersonDirectory people, PetitionQueries petitions, Collection<Petition> toDispatch) {
			Lookups lookups = new Lookups(people, petitions, true);
			Set<String> cells = new HashSet<>();
			Set<String> areas = new HashSet<>();
			for (Petition petition : toDispatch) {
				if (petition.gridCode() != null) {
					cells.add(petition.gridCode());
				}
				if (codeAt(petition.areaCode(), AreaLevel.VILLAGE) != null) {
					areas.add(petition.areaCode());
				}
			}
			if (!cells.isEmpty()) {
				lookups.gridMembers.putAll(people.gridMembersOf(cells));
				lookups.openCasesOf(lookups.gridMembers.values()
					.stream()
					.flatMap(List::stream)
					.filter(Person::onDuty)
					.map(Person::id)
					.distinct()
					.toList());
			}
			if (!areas.isEmpty()) {
				lookups.liaisons.putAll(people.liaisonsOf(areas));
			}
			return lookups;
		}

		List<Person> gridMembersOf(String cellCode) {
			if (!this.remember) {
				return this.people.gridMembersOf(cellCode);
			}
			return this.gridMembers.computeIfAbsent(cellCode, this.people::gridMembersOf);
		}

		List<Person> liaisonsOf(String areaCode) {
			if (!this.remember) {
				return this.people.liaisonsOf(areaCode);
			}
			return this.liaisons.computeIfAbsent(areaCode, this.people::liaisonsOf);
		}

		List<Person> officersOf(String areaCode, Role role) {
			if (!this.remember) {
				return this.people.officersOf(areaCode, role);
			}
			return this.officers.computeIfAbsent(role + ":" + areaCode, key -> this.people.officersOf(areaCode, role));
		}

		Map<Long, Integer> openCasesOf(Collection<Long> personIds) {
			if (!this.remember) {
				return this.petitions.openCasesOf(personIds);
			}
			List<Long> unread = personIds.stream().filter(id -> !this.openCases.containsKey(id)).toList();
			if (!unread.isEmpty()) {
				Map<Long, Integer> read = this.petitions.openCasesOf(unread);
				unread.forEach(id -> this.openCases.put(id, read.getOrDefault(id, 0)));
			}
			Map<Long, Integer> open = new HashMap<>();
			personIds.forEach(id -> open.put(id, this.openCases.get(id)));
			return open;
		}

		/** The person was just given one more open case in this pass. */
		void assigned(long personId) {
			this.openCases.computeIfPresent(personId, (id, open) -> open + 1);
		}

	}

}
