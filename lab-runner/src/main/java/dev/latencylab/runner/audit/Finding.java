package dev.latencylab.runner.audit;

import java.util.List;

/**
 * What one invariant found.
 *
 * @param invariant the invariant
 * @param violations how many violations
 * @param examples the first few of them, for people
 */
public record Finding(Invariant invariant, int violations, List<String> examples) {

	public boolean holds() {
		return this.violations == 0;
	}

}
