package io.tiexin.people;

import java.util.Optional;

import io.tiexin.shared.ErrorCode;
import io.tiexin.shared.TiexinException;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The person on whose behalf the current request runs, as the sign-in put them in Spring
 * Security's context (the principal is an {@link Actor}). Anonymous requests have none,
 * and neither has a subject that has signed in but not yet registered
 * ({@link UnregisteredSubject}): for everything but registering, they are nobody.
 */
@Component
public class CurrentActor {

	private final PersonDirectory directory;

	CurrentActor(PersonDirectory directory) {
		this.directory = directory;
	}

	public Optional<Actor> find() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.isAuthenticated()
				&& authentication.getPrincipal() instanceof Actor actor) {
			return Optional.of(actor);
		}
		return Optional.empty();
	}

	/**
	 * Who reads the answer, for the one identity rule
	 * ({@link PersonAccess#showsIdentity}): the actor; or, in the request that registered
	 * them, the subject that signed in unregistered and is now the person bearing its
	 * username, so the answer of {@code register} shows them themself in full. The
	 * sign-in is not changed: for everything else that request's subject is still
	 * unregistered.
	 */
	public Optional<Actor> viewer() {
		return find().or(() -> unregistered().flatMap(subject -> this.directory.findByUsername(subject.username()))
			.map(Person::asActor));
	}

	/**
	 * The subject signed in without being a person yet, who may only register.
	 */
	public Optional<UnregisteredSubject> unregistered() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.isAuthenticated()
				&& authentication.getPrincipal() instanceof UnregisteredSubject subject) {
			return Optional.of(subject);
		}
		return Optional.empty();
	}

	/**
	 * @throws TiexinException {@code UNAUTHENTICATED} when nobody is signed in,
	 * {@code FORBIDDEN} when the subject signed in has not registered yet
	 */
	public Actor require() {
		return find().orElseThrow(() -> {
			if (unregistered().isPresent()) {
				return new TiexinException(ErrorCode.FORBIDDEN, "请先注册 (register first): 首次登录须先调用 register 登记姓名、电话和"
						+ "住址 (a first sign-in must call register(input) with name, phone and home before anything else)");
			}
			return new TiexinException(ErrorCode.UNAUTHENTICATED,
					"请先登录 (sign in first): 请求需带上 Authorization: Bearer <令牌> (send Authorization: Bearer <token>)");
		});
	}

}
