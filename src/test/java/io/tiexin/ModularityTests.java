package io.tiexin;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;

/**
 * The feature modules depend on each other only through their public API, without cycles.
 */
class ModularityTests {

	private final ApplicationModules modules = ApplicationModules.of(TiexinGridApplication.class);

	@Test
	void modulesRespectTheirBoundaries() {
		this.modules.verify();
	}

}
