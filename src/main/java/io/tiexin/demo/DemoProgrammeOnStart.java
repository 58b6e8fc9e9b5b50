package io.tiexin.demo;

import io.tiexin.shared.postgres.TransactionManagers;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.tiexin.geo.Crs;
import io.tiexin.geo.PointInput;
import io.tiexin.grid.Area;
import io.tiexin.grid.AreaCatalog;
import io.tiexin.grid.AreaLevel;
import io.tiexin.liaison.LiaisonManagement;
import io.tiexin.liaison.LiaisonProfileInput;
import io.tiexin.liaison.RecordVisitInput;
import io.tiexin.meeting.MeetingItemInput;
import io.tiexin.meeting.MeetingManagement;
import io.tiexin.meeting.PlanMeetingInput;
import io.tiexin.meeting.RecordMeetingInput;
import io.tiexin.people.Actor;
import io.tiexin.people.Person;
import io.tiexin.people.PersonDirectory;
import io.tiexin.people.Role;
import io.tiexin.petition.Petition;
import io.tiexin.petition.PetitionQueries;
import io.tiexin.petition.PetitionStatus;
import io.tiexin.petition.PetitionWorkflow;
import io.tiexin.shared.ServiceTime;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Point;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The programme's demo history, through the product's public operations only: plausible
 * liaison profiles for the board, a year of visits for most liaisons, and a year of
 * house-yard meetings (a few per village) whose unanswered items became petitions, most
 * of them since closed; plus a meeting planned in the coming weeks in many villages. Runs
 * once (when no meeting exists), in the demo profile, when
 * {@code tiexin.demo.programme.meetings-per-village} is positive (0 in the tests).
 * <p>
 * It runs in a background thread after start-up, a village at a time: the village's
 * profiles, visits and meetings in one transaction, then its filed petitions' lifecycles
 * in a second (dispatch assigns them in the first), both without waiting for the disk
 * ({@code synchronous_commit = off}: demo data a crash may lose). A few thousand small
 * transactions took half an hour on a loaded machine; a few hundred take minutes, and the
 * first villages' meetings show on the map within seconds. Filed items are submitted when
 * this runs (the intake stamps the time), so their petitions count as today's in the
 * petition figures; the meetings and items themselves carry the dates they were held.
 */
@Component
@Profile("demo")
@Order(4)
class DemoProgrammeOnStart implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoProgrammeOnStart.class);

	private static final String[] POSITIONS = { "县委组织部选派干部", "乡镇驻村工作组成员", "村民小组长", "老党员、退休教师", "县直单位下派干部",
			"村务监督委员会成员" };

	private static final String[] COMMITMENTS = { "群众有呼,我必有应;24小时内回复每一个电话", "小事不出村,大事不出镇,矛盾不上交",
			"每月至少走访联系户两次,事事有回音、件件有落实", "带头讲政策、化纠纷,做乡亲们信得过的贴心人", "急事随叫随到,难事帮办代办" };

	private static final String[] DUTIES = { "联系本村第一至第六村民小组,调解邻里纠纷", "负责本村道路、水利等民生实事的跟踪督办", "帮扶困难群众、留守老人和儿童,代办证照业务",
			"宣讲政策,收集群众意见,组织召开屋场贴心会", "人居环境整治和安全隐患排查" };

	private static final String[][] ANSWERED = { { "医保缴费怎么在手机上办?", "村委当场演示了赣服通上的缴费步骤" },
			{ "今年的种粮补贴什么时候发?", "镇农业站说明:十月底前发放到一卡通" }, { "孩子上学的校车路线能不能改?", "已与学校沟通,下学期调整站点" },
			{ "村里能不能组织广场舞?", "妇联当场答应提供音响,每周三晚上活动" } };

	private static final String[][] FILED = { { "组里三盏路灯坏了,晚上走路不安全", "STREET_LIGHT" },
			{ "自来水水压低,高处几户接不到水", "WATER_SUPPLY" }, { "村道塌方一处,需要尽快修复", "ROADS" }, { "垃圾收集点满了没人清运", "ENVIRONMENT" },
			{ "两户因宅基地边界起争执", "DISPUTE" }, { "生活污水直排水渠,气味大", "SEWAGE" }, { "独居老人屋顶漏雨,需要帮忙修缮", "ELDERLY_DISABLED" } };

	private static final String[] RAISED_BY = { "张大伯", "李婶", "王建国", "刘桂英", "陈志华", "易水兰", "彭老师", "谭其冬" };

	private final int meetingsPerVillage;

	private final AreaCatalog areas;

	private final PersonDirectory people;

	private final MeetingManagement meetings;

	private final LiaisonManagement liaisons;

	private final PetitionQueries petitions;

	private final PetitionWorkflow workflow;

	private final Clock clock;

	private final TransactionTemplate transactions;

	private final JdbcClient jdbc;

	DemoProgrammeOnStart(@Value("${tiexin.demo.programme.meetings-per-village:0}") int meetingsPerVillage,
			AreaCatalog areas, PersonDirectory people, MeetingManagement meetings, LiaisonManagement liaisons,
			PetitionQueries petitions, PetitionWorkflow workflow, Clock clock,
			@org.springframework.beans.factory.annotation.Qualifier(TransactionManagers.JPA) PlatformTransactionManager transactions,
			JdbcClient jdbc) {
		this.transactions = new TransactionTemplate(transactions);
		this.jdbc = jdbc;
		this.meetingsPerVillage = meetingsPerVillage;
		this.areas = areas;
		this.people = people;
		this.meetings = meetings;
		this.liaisons = liaisons;
		this.petitions = petitions;
		this.workflow = workflow;
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (this.meetingsPerVillage <= 0 || this.meetings.count() > 0) {
			return;
		}
		// Thousands of small transactions (each meeting's petitions go through intake,
		// dispatch and their lifecycle): written in the background, so the demo serves at
		// once and the board, meetings and figures fill in over the first minutes.
		Thread loader = new Thread(() -> {
			try {
				load(this.areas.list(AreaLevel.VILLAGE, null, null), this.meetingsPerVillage);
			}
			catch (RuntimeException ex) {
				// Demo data only: the service runs without the rest of it.
				log.warn("The programme's demo history stopped part way: {}", ex.toString());
			}
		}, "demo-programme");
		loader.setDaemon(true);
		loader.start();
	}

	/**
	 * Writes the programme's history of these villages.
	 * @return counts for the log: profiles, visits, meetings held, items filed, filed
	 * items closed
	 */
	int[] load(List<Area> villages, int meetingsPerVillage) {
		long started = System.nanoTime();
		Random random = new Random(20080101);
		OffsetDateTime now = ServiceTime.now(this.clock);
		Actor admin = this.people.findByUsername("admin").map(Person::asActor).orElse(null);
		int profiles = 0;
		int visits = 0;
		int held = 0;
		int filed = 0;
		int closed = 0;
		int done = 0;
		for (Area village : villages) {
			VillageWritten written = this.transactions.execute(status -> {
				fast();
				return writeVillage(village, meetingsPerVillage, random, now);
			});
			profiles += written.profiles();
			visits += written.visits();
			held += written.held();
			List<Long> filedIds = written.filedPetitionIds();
			if (admin != null && !filedIds.isEmpty()) {
				// Most filed items have since been handled and closed (件件有落实).
				int[] closing = this.transactions.execute(status -> {
					fast();
					int filedHere = 0;
					int closedHere = 0;
					for (Petition petition : this.petitions.byIds(filedIds, admin).values()) {
						filedHere++;
						if (random.nextInt(100) < 75 && closeThroughItsLifecycle(petition, admin)) {
							closedHere++;
						}
					}
					return new int[] { filedHere, closedHere };
				});
				filed += closing[0];
				closed += closing[1];
			}
			done++;
			if (done % 20 == 0) {
				log.info("The programme's demo: {} of {} villages in {} ms", done, villages.size(),
						(System.nanoTime() - started) / 1_000_000);
			}
		}
		log.info(
				"Loaded the programme's demo: {} liaison profiles, {} visits, {} meetings held, {} items filed as "
						+ "petitions ({} closed) in {} ms ({} villages)",
				profiles, visits, held, filed, closed, (System.nanoTime() - started) / 1_000_000, villages.size());
		return new int[] { profiles, visits, held, filed, closed };
	}

	/** What a village's first transaction wrote. */
	private record VillageWritten(int profiles, int visits, int held, List<Long> filedPetitionIds) {
	}

	/**
	 * Demo data need not wait for the disk on every commit; the setting ends with the
	 * transaction.
	 */
	private void fast() {
		this.jdbc.sql("SET LOCAL synchronous_commit = off").update();
	}

	/**
	 * A village's profiles, visits and meetings (and next fortnight's notice), in the
	 * caller's transaction.
	 */
	private VillageWritten writeVillage(Area village, int meetingsPerVillage, Random random, OffsetDateTime now) {
		int profiles = 0;
		int visits = 0;
		int held = 0;
		List<Long> filedIds = new ArrayList<>();
		List<Person> villageLiaisons = this.people.liaisonsOf(village.code());
		for (Person liaison : villageLiaisons) {
			this.liaisons.updateProfile(liaison.id(), new LiaisonProfileInput(pick(random, POSITIONS),
					pick(random, COMMITMENTS), pick(random, DUTIES), null), liaison.asActor());
			profiles++;
			// Most liaisons report visits; a few have gone quiet (idleLiaisons finds
			// them).
			if (random.nextInt(100) < 85) {
				int count = 6 + random.nextInt(15);
				for (int i = 0; i < count; i++) {
					OffsetDateTime at = now.minusDays(1 + random.nextInt(360)).minusMinutes(random.nextInt(600));
					Point p = randomPointIn(village, random);
					this.liaisons.recordVisit(new RecordVisitInput(new PointInput(p.getX(), p.getY(), Crs.WGS84), at,
							"走访联系户,了解生产生活情况", 1 + random.nextInt(6), null, null), liaison.asActor());
					visits++;
				}
			}
		}
		Person convener = this.people.officersOf(village.code(), Role.VILLAGE_CADRE)
			.stream()
			.findFirst()
			.orElse(villageLiaisons.isEmpty() ? null : villageLiaisons.get(0));
		if (convener == null) {
			return new VillageWritten(profiles, visits, held, filedIds);
		}
		List<String> attendees = new ArrayList<>();
		villageLiaisons.forEach(l -> attendees.add(Long.toString(l.id())));
		attendees.add(Long.toString(convener.id()));
		for (int m = 0; m < meetingsPerVillage; m++) {
			OffsetDateTime at = now.minusDays(7 + random.nextInt(350)).withHour(19).withMinute(30);
			Point p = randomPointIn(village, random);
			long id = this.meetings.plan(
					new PlanMeetingInput("屋场贴心会:" + village.name() + "民生议事",
							new PointInput(p.getX(), p.getY(), Crs.WGS84), null, null, at, "听取群众意见,议定近期民生实事"),
					convener.asActor());
			List<MeetingItemInput> items = new ArrayList<>();
			int count = 3 + random.nextInt(4);
			for (int i = 0; i < count; i++) {
				String raisedBy = pick(random, RAISED_BY);
				if (random.nextInt(100) < 65) {
					String[] qa = ANSWERED[random.nextInt(ANSWERED.length)];
					items.add(new MeetingItemInput(qa[0], raisedBy, qa[1], null));
				}
				else {
					String[] item = FILED[random.nextInt(FILED.length)];
					items.add(new MeetingItemInput(item[0], raisedBy, null, item[1]));
				}
			}
			int attendance = 30 + random.nextInt(180);
			filedIds.addAll(this.meetings.record(id,
					new RecordMeetingInput(at.plusMinutes(random.nextInt(20)), attendees, attendance * 2 / 3,
							attendance, "围绕" + village.name() + "民生实事充分议事,当场答复的事项已销号,其余转为诉求跟踪办理", items),
					convener.asActor()));
			held++;
		}
		// Next fortnight's notice.
		if (random.nextInt(100) < 60) {
			Point p = randomPointIn(village, random);
			this.meetings.plan(new PlanMeetingInput("屋场贴心会:" + village.name() + "人居环境整治",
					new PointInput(p.getX(), p.getY(), Crs.WGS84), null, null,
					now.plusDays(1 + random.nextInt(14)).withHour(19).withMinute(30).withSecond(0).withNano(0),
					"一、通报上次会议事项办理情况;二、议定环境整治分工;三、群众提问"), convener.asActor());
		}
		return new VillageWritten(profiles, visits, held, filedIds);
	}

	private boolean closeThroughItsLifecycle(Petition petition, Actor admin) {
		if (petition.status() != PetitionStatus.ASSIGNED || petition.assigneeId() == null) {
			return false;
		}
		Actor assignee = this.people.findById(petition.assigneeId()).map(Person::asActor).orElse(null);
		if (assignee == null) {
			return false;
		}
		this.workflow.accept(petition.id(), null, assignee);
		this.workflow.start(petition.id(), null, assignee);
		this.workflow.resolve(petition.id(), "已办结,群众认可", null, assignee);
		this.workflow.close(petition.id(), "回访核实,予以销号", null, admin);
		return true;
	}

	private static Point randomPointIn(Area area, Random random) {
		Envelope box = area.boundary().getEnvelopeInternal();
		for (int i = 0; i < 50; i++) {
			Point p = io.tiexin.geo.Geometries.point(box.getMinX() + random.nextDouble() * box.getWidth(),
					box.getMinY() + random.nextDouble() * box.getHeight());
			if (area.boundary().contains(p)) {
				return p;
			}
		}
		return area.boundary().getInteriorPoint();
	}

	private static String pick(Random random, String[] options) {
		return options[random.nextInt(options.length)];
	}

}
