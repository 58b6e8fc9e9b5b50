package io.tiexin.webhook.internal;

import io.tiexin.shared.postgres.TransactionManagers;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.tiexin.people.Actor;
import io.tiexin.people.Role;
import io.tiexin.shared.ErrorCode;
import io.tiexin.shared.ServiceTime;
import io.tiexin.shared.TiexinException;
import io.tiexin.webhook.Webhook;
import io.tiexin.webhook.WebhookDelivery;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registering, listing and deleting webhooks, for county administrators only: a webhook
 * receives every matching event of the whole county.
 */
@Service
class WebhookAdministration {

	static final int MAX_SECRET = 200;

	static final int MIN_SECRET = 16;

	static final int MAX_EVENTS = 50;

	static final int MAX_DELIVERIES = 100;

	/** Timeline event types are upper-case words (SUBMITTED, DEADLINE_EXTENDED, ...). */
	private static final Pattern EVENT_TYPE = Pattern.compile("\\*|[A-Z][A-Z0-9_]{0,31}");

	private final WebhookRegistrations registrations;

	private final OutboxDeliveries deliveries;

	private final WebhookProperties properties;

	private final Clock clock;

	WebhookAdministration(WebhookRegistrations registrations, OutboxDeliveries deliveries, WebhookProperties properties,
			Clock clock) {
		this.registrations = registrations;
		this.deliveries = deliveries;
		this.properties = properties;
		this.clock = clock;
	}

	@Transactional(transactionManager = TransactionManagers.JPA)
	public Webhook create(String url, String secret, List<String> events, Actor actor) {
		requireAdmin(actor);
		String checkedUrl = WebhookUrls.validate(url, this.properties.allowPrivateAddresses()).toString();
		if (secret == null || secret.length() < MIN_SECRET || secret.length() > MAX_SECRET) {
			throw invalid("密钥须为 " + MIN_SECRET + " 到 " + MAX_SECRET + " 个字符 (secret must be " + MIN_SECRET + " to "
					+ MAX_SECRET + " characters)");
		}
		if (events == null || events.isEmpty() || events.size() > MAX_EVENTS) {
			throw invalid(
					"请列出 1 到 " + MAX_EVENTS + " 个事件类型,或 \"*\" (list 1 to " + MAX_EVENTS + " event types, or \"*\")");
		}
		for (String event : events) {
			if (event == null || !EVENT_TYPE.matcher(event).matches()) {
				throw invalid("事件类型无效 (invalid event type; use timeline types such as SUBMITTED, or \"*\"): " + event);
			}
		}
		WebhookRegistration saved = this.registrations.save(new WebhookRegistration(checkedUrl, secret,
				events.stream().distinct().toList(), actor.personId(), ServiceTime.now(this.clock)));
		return saved.toWebhook();
	}

	/** Deletes the webhook with its deliveries, pending ones included. */
	@Transactional(transactionManager = TransactionManagers.JPA)
	public boolean delete(long id, Actor actor) {
		requireAdmin(actor);
		if (!this.registrations.existsById(id)) {
			throw new TiexinException(ErrorCode.NOT_FOUND, "找不到该 Webhook (no such webhook): " + id);
		}
		this.registrations.deleteById(id);
		return true;
	}

	@Transactional(transactionManager = TransactionManagers.JPA, readOnly = true)
	public List<Webhook> list(Actor actor) {
		requireAdmin(actor);
		return this.registrations.findAllByOrderById().stream().map(WebhookRegistration::toWebhook).toList();
	}

	/**
	 * The latest deliveries of each webhook, newest first, in one statement; the caller
	 * checked {@link #requireAdmin} and {@link #requireDeliveryPageSize}.
	 */
	@Transactional(transactionManager = TransactionManagers.JPA, readOnly = true)
	public Map<Long, List<WebhookDelivery>> latestDeliveries(Collection<Long> webhookIds, int first) {
		Map<Long, List<WebhookDelivery>> byWebhook = new LinkedHashMap<>();
		webhookIds.forEach(id -> byWebhook.put(id, new ArrayList<>()));
		if (first > 0 && !webhookIds.isEmpty()) {
			this.deliveries.latestOf(webhookIds, first)
				.forEach(delivery -> byWebhook.get(delivery.webhookId()).add(delivery.toDelivery()));
		}
		return byWebhook;
	}

	static void requireDeliveryPageSize(int first) {
		if (first < 0 || first > MAX_DELIVERIES) {
			throw invalid("first 须在 0 到 " + MAX_DELIVERIES + " 之间 (first must be 0 to " + MAX_DELIVERIES + ")");
		}
	}

	static void requireAdmin(Actor actor) {
		if (!actor.has(Role.COUNTY_ADMIN)) {
			throw new TiexinException(ErrorCode.FORBIDDEN,
					"只有县级管理员可以管理 Webhook (only county administrators manage webhooks)");
		}
	}

	private static TiexinException invalid(String message) {
		return new TiexinException(ErrorCode.VALIDATION, message);
	}

}
