package io.tiexin.shared.postgres;

import jakarta.persistence.EntityManagerFactory;

import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A plain JDBC transaction, unless a JPA transaction is running on the thread: then JPA's
 * manager handles the definition (joining that transaction, or suspending it for
 * {@code REQUIRES_NEW}), so JDBC work inside a JPA aggregate's transaction shares its
 * connection and commits with it. Each status is committed or rolled back by the manager
 * that made it.
 */
final class JdbcUnlessInJpa implements PlatformTransactionManager {

	private final PlatformTransactionManager jdbc;

	private final PlatformTransactionManager jpa;

	private final EntityManagerFactory entityManagerFactory;

	JdbcUnlessInJpa(PlatformTransactionManager jdbc, PlatformTransactionManager jpa,
			EntityManagerFactory entityManagerFactory) {
		this.jdbc = jdbc;
		this.jpa = jpa;
		this.entityManagerFactory = entityManagerFactory;
	}

	@Override
	public TransactionStatus getTransaction(TransactionDefinition definition) throws TransactionException {
		// JpaTransactionManager binds its EntityManager to the thread under the factory
		PlatformTransactionManager manager = TransactionSynchronizationManager.hasResource(this.entityManagerFactory)
				? this.jpa : this.jdbc;
		return new Routed(manager.getTransaction(definition), manager);
	}

	@Override
	public void commit(TransactionStatus status) throws TransactionException {
		Routed routed = (Routed) status;
		routed.manager().commit(routed.status());
	}

	@Override
	public void rollback(TransactionStatus status) throws TransactionException {
		Routed routed = (Routed) status;
		routed.manager().rollback(routed.status());
	}

	/** A status and the manager that made it. */
	private record Routed(TransactionStatus status, PlatformTransactionManager manager) implements TransactionStatus {

		@Override
		public boolean hasTransaction() {
			return this.status.hasTransaction();
		}

		@Override
		public boolean isNewTransaction() {
			return this.status.isNewTransaction();
		}

		@Override
		public boolean isNested() {
			return this.status.isNested();
		}

		@Override
		public String getTransactionName() {
			return this.status.getTransactionName();
		}

		@Override
		public boolean isReadOnly() {
			return this.status.isReadOnly();
		}

		@Override
		public boolean hasSavepoint() {
			return this.status.hasSavepoint();
		}

		@Override
		public void setRollbackOnly() {
			this.status.setRollbackOnly();
		}

		@Override
		public boolean isRollbackOnly() {
			return this.status.isRollbackOnly();
		}

		@Override
		public void flush() {
			this.status.flush();
		}

		@Override
		public boolean isCompleted() {
			return this.status.isCompleted();
		}

		@Override
		public Object createSavepoint() throws TransactionException {
			return this.status.createSavepoint();
		}

		@Override
		public void rollbackToSavepoint(Object savepoint) throws TransactionException {
			this.status.rollbackToSavepoint(savepoint);
		}

		@Override
		public void releaseSavepoint(Object savepoint) throws TransactionException {
			this.status.releaseSavepoint(savepoint);
		}

	}

}
