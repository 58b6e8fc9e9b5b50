package io.tiexin.webhook.internal;

import java.util.Collection;
import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface OutboxDeliveries extends JpaRepository<OutboxDelivery, Long> {

	/**
	 * The latest {@code first} deliveries of each webhook, newest first, in one statement
	 * (an index scan per webhook).
	 */
	@Query(nativeQuery = true, value = """
			SELECT d.* FROM webhook w
			CROSS JOIN LATERAL (SELECT * FROM webhook_delivery x WHERE x.webhook_id = w.id
			                    ORDER BY x.id DESC LIMIT :first) d
			WHERE w.id IN (:webhookIds)
			ORDER BY d.webhook_id, d.id DESC""")
	List<OutboxDelivery> latestOf(@Param("webhookIds") Collection<Long> webhookIds, @Param("first") int first);

}
