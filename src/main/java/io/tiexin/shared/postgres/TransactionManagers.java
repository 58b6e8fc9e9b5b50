package io.tiexin.shared.postgres;

import javax.sql.DataSource;

import jakarta.persistence.EntityManagerFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The service's two transaction managers (issue 21). With JPA in the build, Spring Boot
 * would make JPA's the manager of every transaction, and each would open a Hibernate
 * session, which the modules on JdbcClient (intake, dispatch, the lists, analytics...)
 * never use: the township page spent a fifth more CPU per request under it
 * (docs/architecture-data-access.md). So:
 * <ul>
 * <li>{@code @Transactional} without a name: {@link JdbcUnlessInJpa}, a plain JDBC
 * transaction, or, when a JPA transaction is already running on the thread, a part of it
 * (a meeting filing its items as petitions stays one transaction);</li>
 * <li>{@code @Transactional(transactionManager = TransactionManagers.JPA)}: JPA's, for
 * the modules that keep aggregates with Hibernate (meeting, liaison, department, webhook,
 * open311) and their Spring Data repositories.</li>
 * </ul>
 * JPA's cannot take part in a JDBC transaction (it refuses, loudly: "Pre-bound JDBC
 * Connection found"), so code that runs inside the JDBC modules' transactions, such as a
 * listener of petition events, reaches JPA-kept tables through JdbcClient.
 */
@Configuration(proxyBeanMethods = false)
@EnableJpaRepositories(basePackages = "io.tiexin", transactionManagerRef = TransactionManagers.JPA)
public class TransactionManagers {

	/** The bean name of JPA's transaction manager. */
	public static final String JPA = "jpaTransactionManager";

	@Bean
	@Primary
	PlatformTransactionManager transactionManager(DataSource dataSource, EntityManagerFactory entityManagerFactory,
			@Qualifier(JPA) PlatformTransactionManager jpa) {
		return new JdbcUnlessInJpa(new JdbcTransactionManager(dataSource), jpa, entityManagerFactory);
	}

	@Bean(JPA)
	JpaTransactionManager jpaTransactionManager(EntityManagerFactory entityManagerFactory) {
		return new JpaTransactionManager(entityManagerFactory);
	}

}
