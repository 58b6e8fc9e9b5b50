package io.tiexin.shared.postgres;

import io.tiexin.TiexinIntegrationTest;
import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two transaction managers (issue 21) against PostgreSQL: a JDBC module's transaction
 * opens no Hibernate session, and one begun inside a JPA transaction is part of it (the
 * same connection, committed or rolled back with it).
 */
@TiexinIntegrationTest
class TransactionManagersIT {

	@Autowired
	PlatformTransactionManager transactionManager;

	@Autowired
	@Qualifier(TransactionManagers.JPA)
	PlatformTransactionManager jpaTransactionManager;

	@Autowired
	EntityManagerFactory entityManagerFactory;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aJdbcModulesTransactionOpensNoHibernateSession() {
		Boolean session = new TransactionTemplate(this.transactionManager).execute(status -> {
			this.jdbc.sql("SELECT 1").query(Integer.class).single();
			return TransactionSynchronizationManager.hasResource(this.entityManagerFactory);
		});
		assertThat(session).isFalse();
	}

	@Test
	void aJdbcModulesTransactionInsideAJpaTransactionIsPartOfIt() {
		TransactionTemplate jpa = new TransactionTemplate(this.jpaTransactionManager);
		TransactionTemplate jdbcModule = new TransactionTemplate(this.transactionManager);
		String table = "probe_" + Long.toHexString(System.nanoTime());
		jpa.executeWithoutResult(outer -> {
			// A temporary table lives on one connection: the inner transaction can write
			// it only if it runs on the outer one's connection.
			this.jdbc.sql("CREATE TEMPORARY TABLE " + table + " (x int) ON COMMIT DROP").update();
			Boolean joined = jdbcModule.execute(inner -> {
				this.jdbc.sql("INSERT INTO " + table + " VALUES (1)").update();
				return !inner.isNewTransaction();
			});
			assertThat(joined).isTrue();
			assertThat(this.jdbc.sql("SELECT count(*) FROM " + table).query(Integer.class).single()).isEqualTo(1);
		});
	}

	@Test
	void aJpaTransactionsRollbackTakesTheJdbcModulesWorkWithIt() {
		TransactionTemplate jpa = new TransactionTemplate(this.jpaTransactionManager);
		TransactionTemplate jdbcModule = new TransactionTemplate(this.transactionManager);
		String code = "ROLLBACK_PROBE_" + (System.nanoTime() % 1_000_000_000);
		jpa.executeWithoutResult(outer -> {
			jdbcModule.executeWithoutResult(inner -> this.jdbc.sql(
					"INSERT INTO category (code, name, default_level, sort_order) VALUES (:code, :code, 'VILLAGE', 999)")
				.param("code", code)
				.update());
			outer.setRollbackOnly();
		});
		assertThat(this.jdbc.sql("SELECT count(*) FROM category WHERE code = :code")
			.param("code", code)
			.query(Integer.class)
			.single()).isZero();
	}

}
