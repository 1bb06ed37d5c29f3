package dev.latencylab.toolkit.profiles;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CollapsedStacksTests {

	private static final Predicate<String> APPLICATION = (frame) -> frame.startsWith("dev.latencylab.")
			&& !frame.startsWith("dev.latencylab.kit.");

	@Test
	void shouldNameFramesAsPackageClassAndMethod() {
		CollapsedStacks stacks = CollapsedStacks.parse(
				"java/lang/Thread.run_[0];dev/latencylab/fraud/RulesCache.rules_[j];java.lang.Object_[i] 1500\n", 10);

		assertThat(stacks.stacks().get(0).frames()).containsExactly("java.lang.Thread.run",
				"dev.latencylab.fraud.RulesCache.rules", "java.lang.Object (type)");
		assertThat(stacks.total()).isEqualTo(1500);
	}

	@Test
	void shouldRankTheApplicationFramesThatGainedOverTheBaseline() {
		// the window: the scorer waits on a monitor a lot; the request handler runs as
		// always
		CollapsedStacks window = CollapsedStacks.parse(
				"""
						a.Thread.run;dev/latencylab/fraud/Scorer.score;dev/latencylab/fraud/RulesCache.rules;java.lang.Object_[i] 900
						a.Thread.run;dev/latencylab/fraud/Api.handle;java/util/HashMap.get 100
						a.Thread.run;dev/latencylab/kit/Filter.doFilter;x.Y.z 50
						""",
				10);
		CollapsedStacks baseline = CollapsedStacks.parse("""
				a.Thread.run;dev/latencylab/fraud/Api.handle;java/util/HashMap.get 200
				""", 20);

		List<CollapsedStacks.FrameGain> gains = window.gainsOver(Optional.of(baseline), APPLICATION);

		assertThat(gains).extracting(CollapsedStacks.FrameGain::frame)
			.containsExactly("dev.latencylab.fraud.RulesCache.rules", "dev.latencylab.fraud.Api.handle");
		CollapsedStacks.FrameGain top = gains.get(0);
		assertThat(top.leaf()).isEqualTo("java.lang.Object (type)");
		assertThat(top.share()).isCloseTo(900.0 / 1050, org.assertj.core.data.Offset.offset(0.001));
		assertThat(top.gain()).isEqualTo(90.0);
		// the handler ran 10/s in the window and 10/s before: no gain
		assertThat(gains.get(1).gain()).isZero();
	}

}
