package dev.latencylab.runner.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * What a chaos run does and when, drawn from a seed: the same seed gives the same run.
 * Every five minutes it kills each of the given parts once, restarts PostgreSQL once and
 * switches one scenario on for a while, in a shuffled order, evenly spaced with some
 * jitter (a last block shorter than three minutes gets its share of them); no step in the
 * first 20 s, and none in the last 45 s (a quarter of a shorter run each), so that the
 * lab comes back before the run ends.
 *
 * @param seed the seed
 * @param length how long the run lasts
 * @param steps the steps, by time
 */
public record ChaosPlan(long seed, Duration length, List<Step> steps) {

	/** How long a block of the plan lasts: each part killed once in each. */
	static final Duration BLOCK = Duration.ofMinutes(5);

	/** A block with this much time for its steps takes all of them. */
	static final Duration FULL_BLOCK = Duration.ofMinutes(3);

	/** No step in the first seconds: the load first shows the lab as it is. */
	static final Duration QUIET_START = Duration.ofSeconds(20);

	/** No step in the last seconds: what the last one broke comes back before the end. */
	static final Duration QUIET_END = Duration.ofSeconds(45);

	/** How long a scenario's fault stays on. */
	static final Duration SCENARIO_FOR = Duration.ofSeconds(30);

	/**
	 * @param seed the seed
	 * @param length how long the run lasts, 1 to 60 minutes
	 * @param parts the parts to kill (the gateway and the services)
	 * @param scenarios the scenarios' fault flags
	 * @return the plan
	 */
	public static ChaosPlan of(long seed, Duration length, List<String> parts, List<String> scenarios) {
		if (length.compareTo(Duration.ofMinutes(1)) < 0 || length.compareTo(Duration.ofMinutes(60)) > 0) {
			throw new IllegalArgumentException("a chaos run lasts 1 to 60 minutes");
		}
		Random random = new Random(seed);
		List<Step> steps = new ArrayList<>();
		// a short run keeps a quarter of its time quiet at either end
		Duration quietStart = min(QUIET_START, length.dividedBy(4));
		Duration quietEnd = min(QUIET_END, length.dividedBy(4));
		for (Duration start = Duration.ZERO; start.compareTo(length) < 0; start = start.plus(BLOCK)) {
			Duration end = min(start.plus(BLOCK), length.minus(quietEnd));
			Duration from = max(start, quietStart);
			if (end.compareTo(from) <= 0) {
				break;
			}
			List<Step> block = new ArrayList<>();
			parts.forEach((part) -> block.add(new Step(Duration.ZERO, Action.KILL, part)));
			block.add(new Step(Duration.ZERO, Action.RESTART_POSTGRES, "postgresql"));
			block.add(new Step(Duration.ZERO, Action.SCENARIO, scenarios.get(random.nextInt(scenarios.size()))));
			Collections.shuffle(block, random);
			// a block cut short by the run's end gets its share of the steps
			long stretch = end.minus(from).toMillis();
			int count = (stretch >= FULL_BLOCK.toMillis()) ? block.size()
					: (int) Math.max(1, Math.round(block.size() * (double) stretch / FULL_BLOCK.toMillis()));
			long spacing = stretch / count;
			for (int i = 0; i < count; i++) {
				long jitter = (long) ((random.nextDouble() - 0.5) * spacing / 3);
				Duration at = from.plusMillis(i * spacing + spacing / 2 + jitter);
				Step step = block.get(i);
				steps.add(new Step(at, step.action(), step.target()));
			}
		}
		return new ChaosPlan(seed, length, List.copyOf(steps));
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	private static Duration max(Duration a, Duration b) {
		return (a.compareTo(b) >= 0) ? a : b;
	}

	/**
	 * @param action what to do
	 * @return how many steps do it
	 */
	public long count(Action action) {
		return this.steps.stream().filter((step) -> step.action() == action).count();
	}

	/**
	 * One step.
	 *
	 * @param at when, from the run's start
	 * @param action what
	 * @param target the part, or the scenario
	 */
	public record Step(Duration at, Action action, String target) {

		@Override
		public String toString() {
			long seconds = this.at.toSeconds();
			String when = "%d:%02d".formatted(seconds / 60, seconds % 60);
			return switch (this.action) {
				case KILL -> when + " kill -9 " + this.target;
				case RESTART_POSTGRES -> when + " restart PostgreSQL (immediate shutdown, started again on its data)";
				case SCENARIO -> when + " " + this.target + " on for " + SCENARIO_FOR.toSeconds() + " s";
			};
		}

	}

	/**
	 * What a step does.
	 */
	public enum Action {

		/** {@code kill -9} a part; the lab's supervisor starts it again. */
		KILL,
		/** Shuts PostgreSQL down at once (SIGQUIT); the supervisor starts it again. */
		RESTART_POSTGRES,
		/** Switches a scenario's fault on for a while. */
		SCENARIO

	}

}
