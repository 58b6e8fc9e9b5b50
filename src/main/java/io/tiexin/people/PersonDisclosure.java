package io.tiexin.people;

import io.tiexin.people.internal.PersonAccess;

/**
 * What other modules show of a person (the open cases a petition module counts, a
 * timeline's actor), by the rules of {@link PersonAccess#showsIdentity} and
 * {@link PersonAccess#showsWorkload}.
 */
public final class PersonDisclosure {

	/** A username the viewer may not see. */
	public static final String WITHHELD = "***";

	private PersonDisclosure() {
	}

	/**
	 * Whether the viewer ({@code null}: anonymous) sees who the person is; otherwise
	 * their name is masked and the rest withheld.
	 */
	public static boolean showsIdentity(Person person, Actor viewer) {
		return PersonAccess.showsIdentity(person, viewer);
	}

	/**
	 * Whether the viewer ({@code null}: anonymous) sees the person's open cases: not a
	 * liaison's for anonymous callers and planners, though the liaison is on the public
	 * board ({@link PersonAccess#showsWorkload}).
	 */
	public static boolean showsWorkload(Person person, Actor viewer) {
		return PersonAccess.showsWorkload(person, viewer);
	}

	/** {@code 张三丰} → {@code 张**}. */
	public static String maskName(String name) {
		if (name == null || name.isEmpty()) {
			return name;
		}
		return name.codePoints()
			.limit(1)
			.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
				+ "*".repeat(Math.max(1, name.codePointCount(0, name.length()) - 1));
	}

}
