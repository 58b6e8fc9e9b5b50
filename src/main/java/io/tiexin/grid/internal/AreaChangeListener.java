package io.tiexin.grid.internal;

import java.util.List;

import javax.sql.DataSource;

import io.tiexin.grid.AreaCatalog;
import io.tiexin.shared.postgres.PostgresChannelListener;

import org.springframework.stereotype.Component;

/**
 * Keeps this replica's catalog in step with imports made by any replica: LISTENs on the
 * channel an import notifies at commit. After a lost connection it reconnects and catches
 * up, so no import is missed across a database restart.
 */
@Component
class AreaChangeListener extends PostgresChannelListener {

	private final AreaCatalog catalog;

	private final AreaRepository repository;

	AreaChangeListener(DataSource dataSource, AreaCatalog catalog, AreaRepository repository) {
		super(dataSource, AreaCatalog.CHANNEL);
		this.catalog = catalog;
		this.repository = repository;
	}

	/** Imports committed while we were not listening. */
	@Override
	protected void onListening() {
		this.catalog.reloadIfOlderThan(this.repository.latestImportId());
	}

	@Override
	protected void onNotifications(List<String> importIds) {
		importIds.forEach(importId -> this.catalog.reloadIfOlderThan(Long.parseLong(importId)));
	}

}
