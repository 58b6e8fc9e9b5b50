package io.tiexin.webhook.internal;

import java.time.Clock;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The sender works on a connection of its own, outside the service's pool. Profiled at
 * 100 submissions a second (docs/webhooks.md), a round spent half of its time waiting for
 * a pooled connection behind the requests; and a round holds its connection while its
 * POSTs are under way (up to the request timeout with a slow receiver), which the
 * requests should not wait for either.
 */
@Configuration(proxyBeanMethods = false)
class WebhookSenderConfiguration {

	@Bean
	SenderConnection webhookSenderConnection(DataSourceProperties dataSource) {
		HikariDataSource pool = dataSource.initializeDataSourceBuilder().type(HikariDataSource.class).build();
		pool.setPoolName("webhook-sender");
		// One loop, one round at a time: one connection.
		pool.setMaximumPoolSize(1);
		// As the service's pool: a database that does not answer fails the round in
		// seconds (it is logged and tried again), not after half a minute.
		pool.setConnectionTimeout(3000);
		pool.setValidationTimeout(1000);
		return new SenderConnection(pool);
	}

	@Bean
	WebhookSender webhookSender(SenderConnection connection, Clock clock, WebhookProperties properties) {
		return new WebhookSender(JdbcClient.create(connection.pool()),
				new DataSourceTransactionManager(connection.pool()), clock, properties);
	}

	/**
	 * The sender's pool, as a bean that is not a {@code DataSource} (one would take the
	 * place of the service's own) and is closed with the context.
	 */
	record SenderConnection(HikariDataSource pool) implements AutoCloseable {

		@Override
		public void close() {
			this.pool.close();
		}

	}

}
