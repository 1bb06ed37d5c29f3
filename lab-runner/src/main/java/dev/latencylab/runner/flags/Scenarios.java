package dev.latencylab.runner.flags;

import java.util.Arrays;
import java.util.Optional;

import dev.latencylab.kit.Scenario;
import dev.latencylab.runner.LabException;

/**
 * The catalogue by name.
 */
public final class Scenarios {

	private Scenarios() {
	}

	/**
	 * @param name a scenario's name
	 * @return the scenario
	 * @throws LabException naming the scenarios there are
	 */
	public static Scenario require(String name) {
		return find(name).orElseThrow(() -> new LabException("no scenario '" + name + "'; there are "
				+ String.join(", ", Arrays.stream(Scenario.values()).map(Scenario::flag).toList())));
	}

	public static Optional<Scenario> find(String name) {
		return Arrays.stream(Scenario.values()).filter((scenario) -> scenario.flag().equals(name)).findFirst();
	}

}
