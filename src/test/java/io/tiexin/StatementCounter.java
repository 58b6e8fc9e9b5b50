package io.tiexin;

import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;

/**
 * Counts every SQL statement the service sends, across threads (datasource-proxy around
 * the pool), so a test can assert what one request costs.
 */
@TestConfiguration(proxyBeanMethods = false)
public class StatementCounter implements BeanPostProcessor {

	private static final AtomicLong STATEMENTS = new AtomicLong();

	private static final AtomicLong ON_REQUEST_THREADS = new AtomicLong();

	private static final AtomicLong ON_INTAKE_WRITERS = new AtomicLong();

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof DataSource dataSource && !(bean instanceof net.ttddyy.dsproxy.support.ProxyDataSource)) {
			return ProxyDataSourceBuilder.create(dataSource)
				.name("counted")
				.listener(QueryExecutionListener.DEFAULT)
				.afterQuery((execution, queries) -> {
					int sent = execution.isBatch() ? 1 : queries.size();
					STATEMENTS.addAndGet(sent);
					if (Thread.currentThread().getName().startsWith("http-nio")) {
						ON_REQUEST_THREADS.addAndGet(sent);
					}
					if (Thread.currentThread().getName().startsWith("petition-intake-")) {
						ON_INTAKE_WRITERS.addAndGet(sent);
					}
				})
				.build();
		}
		return bean;
	}

	/** Statements sent so far, by anyone. */
	public static long count() {
		return STATEMENTS.get();
	}

	/**
	 * Statements sent so far by Tomcat's request threads only: what HTTP requests cost,
	 * without the statements background threads (the live events' NOTIFY sender, the
	 * webhook sender) send meanwhile for earlier work.
	 */
	public static long countOnRequestThreads() {
		return ON_REQUEST_THREADS.get();
	}

	/**
	 * Statements sent so far by group intake's writer threads: what the batches they
	 * wrote cost (the transactions of submissions, dispatch included).
	 */
	public static long countOnIntakeWriters() {
		return ON_INTAKE_WRITERS.get();
	}

}
