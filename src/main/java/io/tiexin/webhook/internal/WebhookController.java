package io.tiexin.webhook.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import io.tiexin.people.CurrentActor;
import io.tiexin.shared.Ids;
import io.tiexin.webhook.Webhook;
import io.tiexin.webhook.WebhookDelivery;
import org.dataloader.DataLoader;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;

/**
 * {@code webhooks}, {@code createWebhook}, {@code deleteWebhook}. The deliveries of all
 * webhooks in an answer load together, one statement per distinct {@code first}.
 */
@Controller
class WebhookController {

	private final WebhookAdministration administration;

	private final CurrentActor currentActor;

	WebhookController(WebhookAdministration administration, CurrentActor currentActor,
			BatchLoaderRegistry batchLoaders) {
		this.administration = administration;
		this.currentActor = currentActor;
		batchLoaders.forTypePair(DeliveriesKey.class, Deliveries.class)
			.registerMappedBatchLoader((keys, environment) -> Mono.fromCallable(() -> load(keys)));
	}

	@QueryMapping
	List<Webhook> webhooks() {
		return this.administration.list(this.currentActor.require());
	}

	@MutationMapping
	Webhook createWebhook(@Argument CreateWebhookInput input) {
		return this.administration.create(input.url(), input.secret(), input.events(), this.currentActor.require());
	}

	@MutationMapping
	boolean deleteWebhook(@Argument String id) {
		return this.administration.delete(Ids.of(id, "Webhook", "该 Webhook (webhook)"), this.currentActor.require());
	}

	@SchemaMapping(typeName = "Webhook")
	CompletableFuture<List<WebhookDelivery>> deliveries(Webhook webhook, @Argument Integer first,
			DataLoader<DeliveriesKey, Deliveries> loader) {
		int size = (first != null) ? first : 20;
		WebhookAdministration.requireAdmin(this.currentActor.require());
		WebhookAdministration.requireDeliveryPageSize(size);
		return loader.load(new DeliveriesKey(webhook.id(), size)).thenApply(Deliveries::deliveries);
	}

	private Map<DeliveriesKey, Deliveries> load(Set<DeliveriesKey> keys) {
		return keys.stream().collect(Collectors.groupingBy(DeliveriesKey::first)).entrySet().stream().flatMap(group -> {
			Map<Long, List<WebhookDelivery>> byWebhook = this.administration
				.latestDeliveries(group.getValue().stream().map(DeliveriesKey::webhookId).toList(), group.getKey());
			return group.getValue().stream().map(key -> Map.entry(key, new Deliveries(byWebhook.get(key.webhookId()))));
		}).collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
	}

	record CreateWebhookInput(String url, String secret, List<String> events) {
	}

	record DeliveriesKey(long webhookId, int first) {
	}

	record Deliveries(List<WebhookDelivery> deliveries) {
	}

}
