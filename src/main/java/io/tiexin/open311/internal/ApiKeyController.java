package io.tiexin.open311.internal;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.tiexin.people.CurrentActor;
import io.tiexin.people.Person;
import io.tiexin.people.PersonDirectory;
import io.tiexin.petition.Channel;
import io.tiexin.shared.ErrorCode;
import io.tiexin.shared.Ids;
import io.tiexin.shared.TiexinException;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** {@code createApiKey}, {@code revokeApiKey}, {@code apiKeys}. */
@Controller
class ApiKeyController {

	private final ApiKeyAdministration administration;

	private final CurrentActor currentActor;

	private final PersonDirectory people;

	ApiKeyController(ApiKeyAdministration administration, CurrentActor currentActor, PersonDirectory people) {
		this.administration = administration;
		this.currentActor = currentActor;
		this.people = people;
	}

	@MutationMapping
	ApiKey createApiKey(@Argument String partnerName, @Argument Channel channel) {
		return this.administration.create(partnerName, channel, this.currentActor.require());
	}

	@MutationMapping
	boolean revokeApiKey(@Argument String id) {
		return this.administration.revoke(Ids.of(id, "ApiKey", "该 api_key (api_key)"), this.currentActor.require());
	}

	@QueryMapping
	List<ApiKey> apiKeys() {
		return this.administration.list(this.currentActor.require());
	}

	/** The partners of a list of keys in one statement. */
	@BatchMapping(typeName = "ApiKey")
	Map<ApiKey, Person> partner(List<ApiKey> keys) {
		Map<Long, Person> partners = this.people.findAllById(keys.stream().map(ApiKey::partnerId).toList());
		return keys.stream().collect(Collectors.toMap(Function.identity(), key -> partners.get(key.partnerId())));
	}

}
