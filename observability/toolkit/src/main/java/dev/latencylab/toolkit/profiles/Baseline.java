package dev.latencylab.toolkit.profiles;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.apache.commons.statistics.descriptive.Median;

/**
 * A service's recent baseline profiles, oldest first: what a diagnosis compares the
 * window's profile with. A frame's rate in the baseline is its median over them, so that
 * one baseline taken while something was slower than usual, though not slow enough to
 * count as sick, does not hide the same frame's gain later: on the CI run of 2026-12-07 a
 * baseline taken while the card network answered in 600 ms held as many samples of the
 * issuer's socket read as the window in which it answered in 5 s, and the diagnosis named
 * no cause.
 *
 * @param profiles the profiles, oldest first
 */
public record Baseline(List<Profile> profiles) {

	private static final Median MEDIAN = Median.withDefaults();

	public Baseline {
		profiles = List.copyOf(profiles);
	}

	/**
	 * @return no baseline at all: every frame's rate in it is zero
	 */
	public static Baseline none() {
		return new Baseline(List.of());
	}

	public boolean isEmpty() {
		return this.profiles.isEmpty();
	}

	/**
	 * @return the newest profile: the one whose flame graphs a report shows
	 */
	public Optional<Profile> latest() {
		return this.profiles.isEmpty() ? Optional.empty() : Optional.of(this.profiles.get(this.profiles.size() - 1));
	}

	/**
	 * @param profile a baseline just taken
	 * @param kept how many to keep at most
	 * @return these and the new one, the oldest dropped beyond {@code kept}
	 */
	public Baseline withNewest(Profile profile, int kept) {
		List<Profile> all = new ArrayList<>(this.profiles);
		all.add(profile);
		return new Baseline(all.subList(Math.max(0, all.size() - kept), all.size()));
	}

	/**
	 * @param mode a mode
	 * @return the stacks of that mode, of each profile that has it
	 */
	public List<CollapsedStacks> stacks(String mode) {
		return this.profiles.stream().flatMap((profile) -> profile.stacks(mode).stream()).toList();
	}

	/**
	 * @param mode a mode
	 * @param keep the stacks that count
	 * @return the median over the profiles of the kept stacks' weight a second; zero
	 * without a profile of that mode
	 */
	public double rate(String mode, Predicate<CollapsedStacks.Stack> keep) {
		return median(stacks(mode).stream().mapToDouble((stacks) -> stacks.only(keep).rate()).toArray());
	}

	/**
	 * @param values rates, one per baseline profile
	 * @return their median, zero when there are none
	 */
	static double median(double[] values) {
		return (values.length == 0) ? 0 : MEDIAN.evaluate(values);
	}

}
