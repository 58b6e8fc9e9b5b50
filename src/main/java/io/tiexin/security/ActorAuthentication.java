package io.tiexin.security;

import java.util.List;

import io.tiexin.people.Actor;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * A signed-in request: the principal is the {@link Actor} the token's subject names, with
 * one authority {@code ROLE_<role>} per role, so {@code hasRole('COUNTY_ADMIN')} works in
 * {@code @PreAuthorize}.
 */
final class ActorAuthentication extends AbstractAuthenticationToken {

	private final Actor actor;

	private final Jwt token;

	ActorAuthentication(Actor actor, Jwt token) {
		super(actor.roles().stream().sorted().map(role -> new SimpleGrantedAuthority("ROLE_" + role.name())).toList());
		this.actor = actor;
		this.token = token;
		setAuthenticated(true);
	}

	@Override
	public Actor getPrincipal() {
		return this.actor;
	}

	@Override
	public Jwt getCredentials() {
		return this.token;
	}

	@Override
	public String getName() {
		return this.actor.username();
	}

}
