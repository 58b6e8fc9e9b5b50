package io.tiexin.people;

import java.util.Optional;

import io.tiexin.shared.ErrorCode;
import io.tiexin.shared.TiexinException;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The person on whose behalf the current request runs, as the sign-in put them in Spring
 * Security's context (the principal is an {@link Actor}). Anonymous requests have none.
 */
@Component
public class CurrentActor {

	public Optional<Actor> find() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.isAuthenticated()
				&& authentication.getPrincipal() instanceof Actor actor) {
			return Optional.of(actor);
		}
		return Optional.empty();
	}

	/**
	 * @throws TiexinException {@code UNAUTHENTICATED} when nobody is signed in
	 */
	public Actor require() {
		return find().orElseThrow(() -> new TiexinException(ErrorCode.UNAUTHENTICATED,
				"请先登录 (sign in first): 请求需带上 Authorization: Bearer <令牌> (send Authorization: Bearer <token>)"));
	}

}
