package io.tiexin.security;

import java.util.List;

import io.tiexin.people.UnregisteredSubject;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * A verified token for a subject that is not a person yet: signed in, with no role and no
 * authority, so nothing but {@code register} (and what anonymous callers may read)
 * answers it.
 */
final class UnregisteredAuthentication extends AbstractAuthenticationToken {

	private final UnregisteredSubject subject;

	private final Jwt token;

	UnregisteredAuthentication(UnregisteredSubject subject, Jwt token) {
		super(List.of());
		this.subject = subject;
		this.token = token;
		setAuthenticated(true);
	}

	@Override
	public UnregisteredSubject getPrincipal() {
		return this.subject;
	}

	@Override
	public Jwt getCredentials() {
		return this.token;
	}

	@Override
	public String getName() {
		return this.subject.username();
	}

}
