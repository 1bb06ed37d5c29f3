package dev.latencylab.toolkit.profiles;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Stacks of one profile mode in async-profiler's collapsed format ({@code a;b;c 42}: root
 * first, the weight last), and the frames that gained the most against a baseline.
 *
 * @param stacks the stacks
 * @param seconds the length of the recording they come from, to compare rates
 */
public record CollapsedStacks(List<Stack> stacks, int seconds) {

	private static final Pattern ANNOTATION = Pattern.compile("_\\[[a-z0-9]+\\]$");

	private static final String TYPE = " (type)";

	/**
	 * @param text collapsed stacks, one per line
	 * @param seconds the recording's length
	 * @return the stacks, frames named {@code package.Class.method}
	 */
	public static CollapsedStacks parse(String text, int seconds) {
		List<Stack> stacks = new ArrayList<>();
		for (String line : text.split("\n")) {
			int space = line.lastIndexOf(' ');
			if (space <= 0) {
				continue;
			}
			long weight;
			try {
				weight = Long.parseLong(line.substring(space + 1).trim());
			}
			catch (NumberFormatException ex) {
				continue;
			}
			List<String> frames = new ArrayList<>();
			for (String frame : line.substring(0, space).split(";")) {
				frames.add(frameName(frame));
			}
			stacks.add(new Stack(List.copyOf(frames), weight));
		}
		return new CollapsedStacks(List.copyOf(stacks), Math.max(1, seconds));
	}

	/**
	 * @param raw a frame as the converter writes it: {@code java/util/HashMap.get_[j]}
	 * for a method, {@code java.lang.Object_[i]} for the type on top of a lock or
	 * allocation stack (the monitor's class, the allocated class)
	 * @return {@code java.util.HashMap.get}, or {@code java.lang.Object (type)}
	 */
	static String frameName(String raw) {
		boolean type = !raw.contains("/") && (raw.endsWith("_[i]") || raw.endsWith("_[k]"));
		String name = ANNOTATION.matcher(raw).replaceFirst("").replace('/', '.');
		return type ? name + TYPE : name;
	}

	/**
	 * @param frame a frame's name
	 * @return whether it names a type (a monitor's or an allocation's class), not a
	 * method
	 */
	public static boolean isType(String frame) {
		return frame.endsWith(TYPE);
	}

	public long total() {
		return this.stacks.stream().mapToLong(Stack::weight).sum();
	}

	/**
	 * @param keep which stacks to look at
	 * @return the stacks kept
	 */
	public CollapsedStacks only(Predicate<Stack> keep) {
		return new CollapsedStacks(this.stacks.stream().filter(keep).toList(), this.seconds);
	}

	/**
	 * @return the total weight a second
	 */
	public double rate() {
		return total() / (double) this.seconds;
	}

	/**
	 * Ranks the application's own frames by how much more weight a second they carry here
	 * than in the baseline. Each stack counts for its deepest application frame: the code
	 * of the service that was running, or waiting, when it was sampled.
	 * @param baselines the same mode of the same service when it was healthy, one per
	 * recent baseline profile (none when there is none): a frame's rate in the baseline
	 * is its median over them, zero in one that does not have it
	 * @param application which frames are the application's own
	 * @return frames, the largest gain first
	 */
	public List<FrameGain> gainsOver(List<CollapsedStacks> baselines, Predicate<String> application) {
		Map<String, Long> here = byDeepest(application);
		List<Map<String, Long>> before = baselines.stream().map((stacks) -> stacks.byDeepest(application)).toList();
		long total = Math.max(1, total());
		List<FrameGain> gains = new ArrayList<>();
		here.forEach((frame, weight) -> {
			double rate = weight / (double) this.seconds;
			double[] baselineRates = new double[baselines.size()];
			for (int i = 0; i < baselineRates.length; i++) {
				baselineRates[i] = before.get(i).getOrDefault(frame, 0L) / (double) baselines.get(i).seconds();
			}
			gains.add(new FrameGain(frame, weight, weight / (double) total, rate, Baseline.median(baselineRates),
					leafUnder(frame, application)));
		});
		gains.sort(Comparator.comparingDouble(FrameGain::gain).reversed());
		return gains;
	}

	private Map<String, Long> byDeepest(Predicate<String> application) {
		Map<String, Long> weights = new HashMap<>();
		for (Stack stack : this.stacks) {
			stack.deepest(application).ifPresent((frame) -> weights.merge(frame, stack.weight(), Long::sum));
		}
		return weights;
	}

	private String leafUnder(String frame, Predicate<String> application) {
		Map<String, Long> leaves = new HashMap<>();
		for (Stack stack : this.stacks) {
			if (stack.deepest(application).filter(frame::equals).isPresent()) {
				leaves.merge(stack.frames().get(stack.frames().size() - 1), stack.weight(), Long::sum);
			}
		}
		return leaves.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(frame);
	}

	/**
	 * One stack and its weight (samples, nanoseconds waited or bytes allocated).
	 *
	 * @param frames root first
	 * @param weight its weight
	 */
	public record Stack(List<String> frames, long weight) {

		/**
		 * @param application which frames are the application's own
		 * @return the frame nearest the top of the stack that is the application's
		 */
		public Optional<String> deepest(Predicate<String> application) {
			for (int i = this.frames.size() - 1; i >= 0; i--) {
				if (application.test(this.frames.get(i))) {
					return Optional.of(this.frames.get(i));
				}
			}
			return Optional.empty();
		}

		/**
		 * @param pattern a regular expression
		 * @return whether a frame matches it
		 */
		public boolean has(Pattern pattern) {
			return this.frames.stream().anyMatch((frame) -> pattern.matcher(frame).find());
		}

	}

	/**
	 * An application frame and what it carries in a window against a baseline.
	 *
	 * @param frame {@code package.Class.method}
	 * @param weight its weight in the window
	 * @param share its share of the window's total weight
	 * @param rate its weight a second in the window
	 * @param baselineRate its weight a second in the baseline
	 * @param leaf the frame on top of its heaviest stack: what it was doing (a regex
	 * match, a socket read, a monitor's class)
	 */
	public record FrameGain(String frame, long weight, double share, double rate, double baselineRate, String leaf) {

		public double gain() {
			return this.rate - this.baselineRate;
		}

	}

}
