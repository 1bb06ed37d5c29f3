package dev.latencylab.runner;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LabPortsTest {

	@Test
	void shouldGiveEveryPartItsOwnFreePortBelowTheEphemeralRange() {
		LabPorts ports = LabPorts.free();

		List<Integer> all = new ArrayList<>(ports.services().values());
		all.addAll(ports.tools().values());
		all.add(ports.postgres());

		assertThat(all).hasSize(LabService.values().length + LabTool.values().length + 1).doesNotHaveDuplicates();
		assertThat(all).allSatisfy((port) -> {
			assertThat(port).isBetween(LabPorts.FREE_FROM, LabPorts.FREE_BELOW - 1);
			assertThat(LabProcesses.isFree(port)).as("port %d", port).isTrue();
		});
	}

}
