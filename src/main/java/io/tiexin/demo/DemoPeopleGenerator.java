package io.tiexin.demo;

import io.tiexin.people.Role;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Generates the demo county's people, {@code gis-data/shangli-360322-people.json}, from
 * its areas ({@code gis-data/shangli-360322-areas.geojson}): county administrators, a
 * planner, a few citizens, an officer per township, a cadre and a liaison per village,
 * and one or two grid members per grid cell. Names and phone numbers are synthetic.
 * <p>
 * One fixed seed and a fixed order (areas by code): two runs write byte-identical files.
 * <p>
 * Usage: {@code DemoPeopleGenerator [areas file] [output file]}.
 */
public final class DemoPeopleGenerator {

	static final Path DEFAULT_AREAS = Path.of("gis-data", "shangli-360322-areas.geojson");

	static final Path DEFAULT_OUTPUT = Path.of("gis-data", "shangli-360322-people.json");

	private static final long SEED = 360_322L;

	/**
	 * Share of grid cells with a second grid member: the bigger or busier village groups.
	 */
	private static final double SECOND_MEMBER_SHARE = 0.12;

	/**
	 * Share of grid members off duty (ill, on leave), so dispatch has someone to route
	 * around.
	 */
	private static final double OFF_DUTY_SHARE = 0.03;

	/** Surnames common in western Jiangxi, the most frequent repeated to weigh them. */
	private static final String[] SURNAMES = { "彭", "彭", "彭", "刘", "刘", "刘", "李", "李", "张", "张", "钟", "钟", "黄", "黄",
			"易", "易", "谭", "谭", "文", "文", "王", "陈", "杨", "赵", "吴", "周", "胡", "罗", "邓", "袁", "贺", "肖", "曾", "龙", "汤",
			"朱", "何", "欧阳", "郭", "廖" };

	private static final String GIVEN_NAME_CHARACTERS = "建国明华伟芳丽强军平红霞敏静勇杰涛斌磊娟燕辉林峰波春秀英玉兰文志海云金德荣新亮俊婷琴萍鹏飞宇浩佳欣晨阳桂香梅冬生发福兴根长水清";

	private static final String[] PHONE_PREFIXES = { "130", "131", "132", "133", "134", "135", "136", "137", "138",
			"139", "150", "151", "152", "153", "155", "156", "157", "158", "159", "180", "181", "182", "183", "184",
			"185", "186", "187", "188", "189" };

	private static final String COUNTY = "360322";

	private static final String SHANGLI_TOWN = "360322101";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** An area as the people file needs it. */
	record DemoArea(String code, String name, String level, String parentCode) {
	}

	/** One person as written to the file. */
	record DemoPerson(String username, String name, List<Role> roles, String phone, String homeAreaCode,
			List<String> dutyAreaCodes, boolean onDuty) {
	}

	private final SplittableRandom random = new SplittableRandom(SEED);

	private final Set<String> phones = new HashSet<>();

	private final List<DemoPerson> people = new ArrayList<>();

	private DemoPeopleGenerator() {
	}

	public static void main(String[] args) throws IOException {
		Path areas = (args.length > 0) ? Path.of(args[0]) : DEFAULT_AREAS;
		Path output = (args.length > 1) ? Path.of(args[1]) : DEFAULT_OUTPUT;
		List<DemoPerson> people = generate(readAreas(areas));
		write(people, output);
		System.out.printf("Wrote %d people to %s%n", people.size(), output);
		Map<Role, Integer> byRole = new TreeMap<>();
		people.forEach(person -> person.roles().forEach(role -> byRole.merge(role, 1, Integer::sum)));
		byRole.forEach((role, count) -> System.out.printf("  %-16s %5d%n", role, count));
		System.out.printf("  %-16s %5d%n", "off duty", people.stream().filter(person -> !person.onDuty()).count());
	}

	static List<DemoArea> readAreas(Path file) throws IOException {
		List<DemoArea> areas = new ArrayList<>();
		for (JsonNode feature : JSON.readTree(file.toFile()).get("features")) {
			JsonNode properties = feature.get("properties");
			JsonNode parent = properties.path("parentCode");
			areas.add(new DemoArea(properties.get("code").stringValue(), properties.get("name").stringValue(),
					properties.get("level").stringValue(), parent.isString() ? parent.stringValue() : null));
		}
		areas.sort(Comparator.comparing(DemoArea::code));
		return areas;
	}

	/**
	 * The demo people of a county: administrators and citizens first, then township by
	 * township.
	 */
	static List<DemoPerson> generate(List<DemoArea> areas) {
		return new DemoPeopleGenerator().peopleOf(areas);
	}

	private List<DemoPerson> peopleOf(List<DemoArea> areas) {
		Map<String, List<DemoArea>> children = new LinkedHashMap<>();
		for (DemoArea area : areas) {
			if (area.parentCode() != null) {
				children.computeIfAbsent(area.parentCode(), code -> new ArrayList<>()).add(area);
			}
		}
		List<DemoArea> cells = areas.stream().filter(area -> area.level().equals("GRID")).toList();

		add("admin", List.of(Role.COUNTY_ADMIN), null, List.of(COUNTY), true);
		add("county-officer", List.of(Role.COUNTY_ADMIN), null, List.of(COUNTY), true);
		add("planner", List.of(Role.PLANNER), null, List.of(COUNTY), true);
		add("citizen", List.of(Role.CITIZEN), citizensHome(areas, children), List.of(), true);
		// citizen2 … citizen5 live in a random group of 上栗镇, 桐木镇, 金山镇 and 东源乡.
		List<String> citizensTownships = List.of("360322101", "360322102", "360322103", "360322202");
		for (int i = 0; i < citizensTownships.size(); i++) {
			String township = citizensTownships.get(i);
			List<DemoArea> townshipCells = cells.stream().filter(cell -> cell.code().startsWith(township)).toList();
			String home = townshipCells.get(this.random.nextInt(townshipCells.size())).code();
			add("citizen" + (i + 2), List.of(Role.CITIZEN), home, List.of(), true);
		}

		for (DemoArea township : children.getOrDefault(COUNTY, List.of())) {
			add("officer-" + township.code(), List.of(Role.TOWNSHIP_OFFICER), null, List.of(township.code()), true);
			for (DemoArea village : children.getOrDefault(township.code(), List.of())) {
				add("cadre-" + village.code(), List.of(Role.VILLAGE_CADRE), village.code(), List.of(village.code()),
						true);
				// The programme sends cadres back to where they were born: a liaison's
				// home is the village.
				add("liaison-" + village.code(), List.of(Role.LIAISON), village.code(), List.of(), true);
				for (DemoArea cell : children.getOrDefault(village.code(), List.of())) {
					addGridMember("gm-" + cell.code(), cell);
					if (this.random.nextDouble() < SECOND_MEMBER_SHARE) {
						addGridMember("gm-" + cell.code() + "-2", cell);
					}
				}
			}
		}
		return List.copyOf(this.people);
	}

	/**
	 * 泉塘村六组 of 上栗镇, the village group the README's examples use; else 上栗镇's first group.
	 */
	private static String citizensHome(List<DemoArea> areas, Map<String, List<DemoArea>> children) {
		return areas.stream()
			.filter(area -> area.name().equals("泉塘村") && area.code().startsWith(SHANGLI_TOWN))
			.flatMap(village -> children.getOrDefault(village.code(), List.of()).stream())
			.filter(cell -> cell.name().equals("六组"))
			.map(DemoArea::code)
			.findFirst()
			.orElseGet(() -> areas.stream()
				.filter(area -> area.level().equals("GRID") && area.code().startsWith(SHANGLI_TOWN))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("no grid cell in 上栗镇 " + SHANGLI_TOWN))
				.code());
	}

	/** Grid members are villagers of their own group, hence home = duty cell. */
	private void addGridMember(String username, DemoArea cell) {
		add(username, List.of(Role.GRID_MEMBER), cell.code(), List.of(cell.code()),
				this.random.nextDouble() >= OFF_DUTY_SHARE);
	}

	private void add(String username, List<Role> roles, String homeAreaCode, List<String> dutyAreaCodes,
			boolean onDuty) {
		this.people.add(new DemoPerson(username, name(), roles, phone(), homeAreaCode, dutyAreaCodes, onDuty));
	}

	private String name() {
		String surname = SURNAMES[this.random.nextInt(SURNAMES.length)];
		int length = (this.random.nextDouble() < 0.75) ? 2 : 1;
		StringBuilder given = new StringBuilder();
		for (int i = 0; i < length; i++) {
			given.append(GIVEN_NAME_CHARACTERS.charAt(this.random.nextInt(GIVEN_NAME_CHARACTERS.length())));
		}
		return surname + given;
	}

	/** 11 digits on a real mobile prefix; unique within the file. */
	private String phone() {
		while (true) {
			String phone = PHONE_PREFIXES[this.random.nextInt(PHONE_PREFIXES.length)]
					+ String.format("%08d", this.random.nextInt(100_000_000));
			if (this.phones.add(phone)) {
				return phone;
			}
		}
	}

	/**
	 * A JSON array with one person per line, so a change to one person is a one-line
	 * diff.
	 */
	static void write(List<DemoPerson> people, Path output) throws IOException {
		if (output.toAbsolutePath().getParent() != null) {
			Files.createDirectories(output.toAbsolutePath().getParent());
		}
		try (Writer out = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
			out.write("[\n");
			for (int i = 0; i < people.size(); i++) {
				out.write(JSON.writeValueAsString(entry(people.get(i))));
				out.write((i + 1 < people.size()) ? ",\n" : "\n");
			}
			out.write("]\n");
		}
	}

	private static Map<String, Object> entry(DemoPerson person) {
		Map<String, Object> entry = new LinkedHashMap<>();
		entry.put("username", person.username());
		entry.put("name", person.name());
		entry.put("roles", person.roles().stream().map(Role::name).toList());
		entry.put("phone", person.phone());
		entry.put("homeAreaCode", person.homeAreaCode());
		entry.put("dutyAreaCodes", person.dutyAreaCodes());
		entry.put("onDuty", person.onDuty());
		return entry;
	}

}
