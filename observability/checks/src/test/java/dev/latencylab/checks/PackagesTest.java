package dev.latencylab.checks;

import org.junit.jupiter.api.Test;

import dev.latencylab.kit.test.PackageCycles;

class PackagesTest {

	@Test
	void shouldDependOnEachOtherOneWayOnly() {
		PackageCycles.assertNone(getClass().getPackageName());
	}

}
