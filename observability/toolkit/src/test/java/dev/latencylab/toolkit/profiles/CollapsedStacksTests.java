package dev.latencylab.toolkit.profiles;

import java.util.List;
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

		List<CollapsedStacks.FrameGain> gains = window.gainsOver(List.of(baseline), APPLICATION);

		assertThat(gains).extracting(CollapsedStacks.FrameGain::frame)
			.containsExactly("dev.latencylab.fraud.RulesCache.rules", "dev.latencylab.fraud.Api.handle");
		CollapsedStacks.FrameGain top = gains.get(0);
		assertThat(top.leaf()).isEqualTo("java.lang.Object (type)");
		assertThat(top.share()).isCloseTo(900.0 / 1050, org.assertj.core.data.Offset.offset(0.001));
		assertThat(top.gain()).isEqualTo(90.0);
		// the handler ran 10/s in the window and 10/s before: no gain
		assertThat(gains.get(1).gain()).isZero();
	}

	@Test
	void shouldKeepAFramesGainWhenOneOfThreeBaselinesWasTakenWhileItWaitedAsMuch() {
		// the CI run of 2026-12-07: a baseline taken while the issuer answered in 600 ms
		// (not slow enough to count as sick) waited in its socket read as much as the
		// window in which it answered in 5 s; the two baselines before did not wait there
		String issuer = "a.Thread.run;dev/latencylab/payment/IssuerLink.exchange;sun/nio/ch/SocketDispatcher.read0 %d\n";
		String handler = "a.Thread.run;dev/latencylab/payment/Api.handle;java/util/HashMap.get %d\n";
		CollapsedStacks window = CollapsedStacks.parse(issuer.formatted(240) + handler.formatted(600), 60);
		List<CollapsedStacks> baselines = List.of(CollapsedStacks.parse(handler.formatted(590), 60),
				CollapsedStacks.parse(issuer.formatted(6) + handler.formatted(610), 60),
				CollapsedStacks.parse(issuer.formatted(230) + handler.formatted(600), 60));

		CollapsedStacks.FrameGain top = window.gainsOver(baselines, APPLICATION).get(0);

		assertThat(top.frame()).isEqualTo("dev.latencylab.payment.IssuerLink.exchange");
		assertThat(top.baselineRate()).as("the median of 0, 0.1 and 3.8 a second").isEqualTo(0.1);
		assertThat(top.gain()).isCloseTo(3.9, org.assertj.core.data.Offset.offset(0.001));
		// over the newest baseline alone, as before, the frame gained almost nothing
		assertThat(window.gainsOver(baselines.subList(2, 3), APPLICATION)
			.stream()
			.filter((gain) -> gain.frame().endsWith("IssuerLink.exchange"))
			.findFirst()
			.orElseThrow()
			.gain()).isLessThan(0.5);
	}

	@Test
	void shouldCountEveryFrameAsGainedWithoutABaseline() {
		CollapsedStacks window = CollapsedStacks.parse("a.Thread.run;dev/latencylab/fraud/Api.handle;x.Y.z 120\n", 60);

		assertThat(window.gainsOver(List.of(), APPLICATION).get(0).gain()).isEqualTo(2.0);
	}

}
