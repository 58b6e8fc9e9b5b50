package io.tiexin.department.internal;

import io.tiexin.shared.postgres.TransactionManagers;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import io.tiexin.people.PersonDirectory;
import io.tiexin.people.UnregisteredSubject;
import io.tiexin.petition.CategoryCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Loads a departments file (format: gis-data/README.md, "Departments"): validated in full
 * first, then written in one transaction — staff as persons with the role
 * {@code DEPARTMENT_STAFF}, departments with their categories and staff — so a refused
 * file changes nothing and importing the same file again changes nothing. Departments not
 * in the file are kept (their summons are history).
 */
@Service
class DepartmentImporter {

	private static final Logger log = LoggerFactory.getLogger(DepartmentImporter.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{1,31}");

	private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9-]{2,19}");

	private static final int MAX_NAME = 100;

	private static final int MAX_PERSON_NAME = 50;

	private final DepartmentRepository departments;

	private final PersonDirectory people;

	private final CategoryCatalog categories;

	DepartmentImporter(DepartmentRepository departments, PersonDirectory people, CategoryCatalog categories) {
		this.departments = departments;
		this.people = people;
		this.categories = categories;
	}

	record StaffEntry(String username, String name, String phone) {
	}

	record DepartmentEntry(String code, String name, String dutyPhone, Set<String> categoryCodes,
			List<StaffEntry> staff) {
	}

	/**
	 * @return how many departments were added or changed
	 * @throws IllegalArgumentException listing the problems, when the file is refused
	 */
	@Transactional(transactionManager = TransactionManagers.JPA)
	int importDepartments(String source, byte[] content) {
		List<DepartmentEntry> entries = validate(source, content);
		int changed = 0;
		int order = 0;
		for (DepartmentEntry entry : entries) {
			Set<Long> staffIds = new TreeSet<>();
			for (StaffEntry member : entry.staff()) {
				staffIds.add(this.people.saveDepartmentStaff(member.username(), member.name(), member.phone()));
			}
			DepartmentEntity department = this.departments.findById(entry.code())
				.orElseGet(() -> new DepartmentEntity(entry.code()));
			if (department.update(entry.name(), entry.dutyPhone(), ++order, entry.categoryCodes(), staffIds)) {
				this.departments.save(department);
				changed++;
			}
		}
		log.info("Departments from {}: {} in the file, {} added or changed", source, entries.size(), changed);
		return changed;
	}

	List<DepartmentEntry> validate(String source, byte[] content) {
		JsonNode file;
		try {
			file = JSON.readTree(content);
		}
		catch (JacksonException ex) {
			throw refused(source, List.of("不是有效的 JSON (not valid JSON): " + ex.getOriginalMessage()));
		}
		if (file == null || !file.isArray()) {
			throw refused(source, List.of("文件应为 JSON 数组 (the file must be a JSON array of departments)"));
		}
		List<String> problems = new ArrayList<>();
		Map<String, DepartmentEntry> entries = new LinkedHashMap<>();
		Set<String> usernames = new HashSet<>();
		int index = 0;
		for (JsonNode node : file) {
			index++;
			String code = text(node, "code");
			String who = "第 " + index + " 个部门 (department " + index + ")" + ((code != null) ? " " + code : "");
			List<String> found = new ArrayList<>();
			if (code == null || !CODE.matcher(code).matches()) {
				found.add("code 缺失或无效:2–32 个大写字母、数字或 _,以字母开头 (code missing or invalid)");
			}
			else if (entries.containsKey(code)) {
				found.add("部门编码重复 (duplicate code)");
			}
			String name = text(node, "name");
			if (name == null || name.isBlank() || name.length() > MAX_NAME) {
				found.add("名称缺失或超过 " + MAX_NAME + " 个字符 (name missing or longer than " + MAX_NAME + ")");
			}
			String dutyPhone = text(node, "dutyPhone");
			if (dutyPhone != null && !PHONE.matcher(dutyPhone).matches()) {
				found.add("值班电话无效 (invalid dutyPhone) " + dutyPhone);
			}
			Set<String> categoryCodes = new TreeSet<>();
			for (JsonNode category : node.path("categories")) {
				String categoryCode = category.isString() ? category.stringValue() : null;
				if (categoryCode == null || this.categories.find(categoryCode).isEmpty()) {
					found.add("未知的诉求类别 (unknown category): " + category);
				}
				else {
					categoryCodes.add(categoryCode);
				}
			}
			List<StaffEntry> staff = new ArrayList<>();
			for (JsonNode member : node.path("staff")) {
				String username = text(member, "username");
				String memberName = text(member, "name");
				String phone = text(member, "phone");
				if (!UnregisteredSubject.isWellFormed(username)) {
					found.add("工作人员用户名缺失或无效 (staff username missing or invalid): " + username);
				}
				else if (!usernames.add(username)) {
					found.add("工作人员用户名重复 (duplicate staff username): " + username);
				}
				if (memberName == null || memberName.isBlank() || memberName.length() > MAX_PERSON_NAME) {
					found.add("工作人员姓名缺失或超过 " + MAX_PERSON_NAME + " 个字符 (staff name missing or too long): " + username);
				}
				if (phone != null && !PHONE.matcher(phone).matches()) {
					found.add("工作人员电话无效 (invalid staff phone) " + phone);
				}
				staff.add(new StaffEntry(username, memberName, phone));
			}
			found.forEach(problem -> problems.add(who + ": " + problem));
			if (found.isEmpty()) {
				entries.put(code, new DepartmentEntry(code, name.strip(), dutyPhone, categoryCodes, staff));
			}
		}
		if (!problems.isEmpty()) {
			throw refused(source, problems);
		}
		return List.copyOf(entries.values());
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.path(field);
		return value.isString() ? value.stringValue() : null;
	}

	private static IllegalArgumentException refused(String source, List<String> problems) {
		return new IllegalArgumentException(
				"部门文件被拒绝 (departments file refused): " + source + "\n  " + String.join("\n  ", problems));
	}

}
