package io.tiexin.webhook.internal;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface WebhookRegistrations extends JpaRepository<WebhookRegistration, Long> {

	List<WebhookRegistration> findAllByOrderById();

}
