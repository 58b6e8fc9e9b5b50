package io.tiexin.security;

import io.tiexin.people.PersonDirectory;
import io.tiexin.people.UnregisteredSubject;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.stereotype.Component;

/**
 * Turns a verified token into the person it names. Roles and areas come from the people
 * tables, not from the token, so a change of duty applies once the people module has
 * heard of it (milliseconds; {@link PersonDirectory#signedIn}) and an identity provider
 * only has to say who someone is. A verified subject the people tables do not know is a
 * resident signing in for the first time: an {@link UnregisteredSubject}, who may only
 * register.
 */
@Component
class JwtActorConverter implements Converter<Jwt, AbstractAuthenticationToken> {

	private final PersonDirectory directory;

	private final String usernameClaim;

	/**
	 * @param usernameClaim the claim holding the username: {@code sub} unless the
	 * provider puts it elsewhere (Keycloak: {@code preferred_username})
	 */
	JwtActorConverter(PersonDirectory directory,
			@Value("${spring.security.oauth2.resourceserver.jwt.principal-claim-name:sub}") String usernameClaim) {
		this.directory = directory;
		this.usernameClaim = usernameClaim;
	}

	@Override
	public AbstractAuthenticationToken convert(Jwt jwt) {
		String username = jwt.getClaimAsString(this.usernameClaim);
		if (username == null) {
			throw new UnknownPersonException(null);
		}
		return this.directory.signedIn(username)
			.<AbstractAuthenticationToken>map(actor -> new ActorAuthentication(actor, jwt))
			.orElseGet(() -> {
				if (!UnregisteredSubject.isWellFormed(username)) {
					throw new UnknownPersonException(username);
				}
				return new UnregisteredAuthentication(new UnregisteredSubject(username), jwt);
			});
	}

	/**
	 * A valid token whose subject is no username we could register. The exception's own
	 * message stays ASCII: it also goes into the {@code WWW-Authenticate} header.
	 */
	static final class UnknownPersonException extends InvalidBearerTokenException {

		private final String username;

		UnknownPersonException(String username) {
			super("The token names no known person");
			this.username = username;
		}

		String username() {
			return this.username;
		}

	}

}
