package io.tiexin.people;

import java.util.regex.Pattern;

/**
 * A signed-in subject the people tables do not know yet: a resident's first sign-in
 * through the identity provider (in the demo, a dev token for a new username). The token
 * proves who they are, but they are nobody in the programme until they register: they get
 * {@code me: null} and {@code register}, and every operation that needs a person is
 * refused with {@code FORBIDDEN}, saying to register.
 *
 * @param username the token's subject, which becomes the person's username on registering
 */
public record UnregisteredSubject(String username) {

	/**
	 * What an identity provider may send as a username: no spaces, no control characters
	 * (the rule of the people files, gis-data/README.md).
	 */
	private static final Pattern USERNAME = Pattern.compile("[\\p{L}\\p{N}._@+-]{1,64}");

	public UnregisteredSubject {
		if (!isWellFormed(username)) {
			throw new IllegalArgumentException("not a well-formed username: " + username);
		}
	}

	public static boolean isWellFormed(String username) {
		return username != null && USERNAME.matcher(username).matches();
	}

}
