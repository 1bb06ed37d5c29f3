package dev.latencylab.checks.compose.rules;

import java.util.List;

import dev.latencylab.checks.compose.ComposeFile;
import dev.latencylab.checks.compose.ComposeRule;
import dev.latencylab.checks.compose.Violation;

/**
 * Every service has a memory limit: one runaway container must not take the machine, and
 * the applications size their heap from it.
 */
public final class MemoryLimitOnEveryService implements ComposeRule {

	@Override
	public String name() {
		return "memory-limit-on-every-service";
	}

	@Override
	public String requirement() {
		return "every service has a memory limit (mem_limit or deploy.resources.limits.memory)";
	}

	@Override
	public List<Violation> check(ComposeFile compose) {
		return violations(compose.services()
			.values()
			.stream()
			.filter((service) -> service.memoryLimit() <= 0)
			.map((service) -> service.name() + ": no memory limit (mem_limit or deploy.resources.limits.memory)")
			.toList());
	}

}
