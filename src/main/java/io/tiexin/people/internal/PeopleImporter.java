package io.tiexin.people.internal;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import io.tiexin.grid.AreaCatalog;
import io.tiexin.people.PersonDirectory.ImportCounts;
import io.tiexin.people.PersonDirectory;
import io.tiexin.people.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads a people file (format: gis-data/README.md, "People"): validated in full first,
 * against the areas already loaded, then written in one transaction, so a refused file
 * leaves the database as it was and importing the same file again changes nothing.
 */
@Service
public class PeopleImporter {

	private static final Logger log = LoggerFactory.getLogger(PeopleImporter.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * What an identity provider may send as a username: no spaces, no control characters.
	 */
	private static final Pattern USERNAME = Pattern.compile("[\\p{L}\\p{N}._@+-]{1,64}");

	private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9-]{2,19}");

	private static final int MAX_NAME = 50;

	private static final int MAX_PROBLEMS_LISTED = 50;

	private final PersonDirectory directory;

	private final AreaCatalog catalog;

	private final TransactionTemplate transaction;

	PeopleImporter(PersonDirectory directory, AreaCatalog catalog, TransactionTemplate transaction) {
		this.directory = directory;
		this.catalog = catalog;
		this.transaction = transaction;
	}

	/**
	 * Imports the file, adding new people and updating those whose entry changed.
	 * @param source where the content came from, for messages
	 * @throws PeopleImportRefusedException listing the problems, when the file is refused
	 */
	public ImportCounts importPeople(String source, byte[] content) {
		List<PersonEntry> entries = validate(source, content);
		ImportCounts counts = this.transaction.execute(status -> this.directory.upsert(entries));
		if (counts.unchanged()) {
			log.info("People from {}: all {} were imported before; nothing to do", source, counts.inFile());
		}
		else {
			log.info("People from {}: {} in the file, {} added or changed, {} duty areas added or removed", source,
					counts.inFile(), counts.peopleWritten(), counts.dutyAreasChanged());
		}
		return counts;
	}

	List<PersonEntry> validate(String source, byte[] content) {
		JsonNode file;
		try {
			file = JSON.readTree(content);
		}
		catch (JacksonException ex) {
			throw new PeopleImportRefusedException(source,
					List.of("不是有效的 JSON (not valid JSON): " + ex.getOriginalMessage()));
		}
		if (file == null || !file.isArray()) {
			throw new PeopleImportRefusedException(source,
					List.of("文件应为 JSON 数组 (the file must be a JSON array of persons)"));
		}
		List<String> problems = new ArrayList<>();
		List<PersonEntry> entries = new ArrayList<>();
		Set<String> usernames = new HashSet<>();
		int index = 0;
		for (JsonNode node : file) {
			index++;
			List<String> found = new ArrayList<>();
			PersonEntry entry = entry(node, found);
			String username = text(node, "username");
			if (username != null && !usernames.add(username)) {
				found.add("用户名重复 (duplicate username)");
			}
			String who = "第 " + index + " 条 (entry " + index + ")" + ((username != null) ? " " + username : "");
			found.forEach(problem -> problems.add(who + ": " + problem));
			if (found.isEmpty()) {
				entries.add(entry);
			}
		}
		if (!problems.isEmpty()) {
			List<String> listed = (problems.size() <= MAX_PROBLEMS_LISTED) ? problems
					: append(problems.subList(0, MAX_PROBLEMS_LISTED), "… 另有 " + (problems.size() - MAX_PROBLEMS_LISTED)
							+ " 个问题 (and " + (problems.size() - MAX_PROBLEMS_LISTED) + " more problems)");
			throw new PeopleImportRefusedException(source, listed);
		}
		return entries;
	}

	/** The entry, or {@code null} with the reasons added to {@code problems}. */
	private PersonEntry entry(JsonNode node, List<String> problems) {
		if (!node.isObject()) {
			problems.add("应为 JSON 对象 (must be a JSON object)");
			return null;
		}
		String username = text(node, "username");
		if (username == null || !USERNAME.matcher(username).matches()) {
			problems.add("用户名缺失或无效:1–64 个字母、数字或 . _ @ + - (username missing or invalid)");
		}
		String name = text(node, "name");
		if (name == null || name.isBlank() || name.length() > MAX_NAME) {
			problems.add("姓名缺失或超过 " + MAX_NAME + " 个字符 (name missing or longer than " + MAX_NAME + ")");
		}
		Set<Role> roles = EnumSet.noneOf(Role.class);
		List<String> roleNames = texts(node, "roles", problems);
		for (String role : roleNames) {
			try {
				roles.add(Role.valueOf(role));
			}
			catch (IllegalArgumentException ex) {
				problems.add("未知角色 (unknown role) " + role);
			}
		}
		if (roleNames.isEmpty()) {
			problems.add("至少需要一个角色 (at least one role is needed)");
		}
		String phone = text(node, "phone");
		if (phone != null && !PHONE.matcher(phone).matches()) {
			problems.add("电话号码无效 (invalid phone number) " + phone);
		}
		String home = text(node, "homeAreaCode");
		if (home != null && this.catalog.find(home).isEmpty()) {
			problems.add("未知区域 (unknown area) homeAreaCode " + home);
		}
		List<String> duty = texts(node, "dutyAreaCodes", problems);
		for (String code : duty) {
			if (this.catalog.find(code).isEmpty()) {
				problems.add("未知区域 (unknown area) dutyAreaCodes " + code);
			}
		}
		JsonNode onDuty = node.path("onDuty");
		if (!onDuty.isMissingNode() && !onDuty.isBoolean()) {
			problems.add("onDuty 应为 true 或 false (onDuty must be true or false)");
		}
		if (!problems.isEmpty()) {
			return null;
		}
		return new PersonEntry(username, name, roles, phone, home, duty.stream().distinct().sorted().toList(),
				!onDuty.isBoolean() || onDuty.booleanValue());
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.path(field);
		return value.isString() ? value.stringValue() : null;
	}

	private static List<String> texts(JsonNode node, String field, List<String> problems) {
		JsonNode values = node.path(field);
		if (values.isMissingNode() || values.isNull()) {
			return List.of();
		}
		List<String> texts = new ArrayList<>();
		if (values.isArray()) {
			values.forEach(value -> {
				if (value.isString()) {
					texts.add(value.stringValue());
				}
			});
		}
		if (!values.isArray() || texts.size() != values.size()) {
			problems.add(field + " 应为字符串数组 (" + field + " must be an array of strings)");
		}
		return texts;
	}

	private static List<String> append(List<String> list, String line) {
		List<String> appended = new ArrayList<>(list);
		appended.add(line);
		return appended;
	}

}
