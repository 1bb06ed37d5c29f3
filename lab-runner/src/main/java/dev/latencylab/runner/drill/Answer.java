package dev.latencylab.runner.drill;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import dev.latencylab.kit.Scenario;
import dev.latencylab.runner.LabException;
import dev.latencylab.runner.LabService;
import dev.latencylab.runner.LabState;

/**
 * {@code ./lab answer SERVICE CAUSE}: grades a blind drill.
 */
@Command(name = "answer", mixinStandardHelpOptions = true,
		description = { "Name the blind drill's cause: says right or wrong, and how long you took.",
				"Right or wrong for the service and for the cause class, and the time since the fault went on.",
				"A right answer reveals the scenario; after a wrong one, look again or give up with ./lab reveal." },
		exitCodeListHeading = "Exit status:%n", exitCodeList = { "0:right", "1:wrong, or no drill runs" })
public class Answer implements Callable<Integer> {

	@Parameters(index = "0", paramLabel = "SERVICE", description = "where the cause is, e.g. payment-service")
	String service;

	@Parameters(index = "1", paramLabel = "CAUSE", description = "the cause class, one of: ${COMPLETION-CANDIDATES}",
			completionCandidates = CauseClasses.class)
	String cause;

	@Override
	public Integer call() {
		LabState state = LabState.current();
		List<String> services = Arrays.stream(LabService.values()).map(LabService::serviceName).toList();
		if (!services.contains(this.service)) {
			throw new LabException("no service '" + this.service + "'; there are " + String.join(", ", services));
		}
		if (!CauseClasses.all().contains(this.cause)) {
			throw new LabException(
					"no cause class '" + this.cause + "'; there are " + String.join(", ", CauseClasses.all()));
		}
		Drill drill = Drill.require(state);
		Scenario scenario = drill.scenario();
		if (drill.endedAt() != null) {
			System.out.println("lab: this drill is over: it was " + scenario.flag() + " (" + scenario.service() + ", "
					+ scenario.causeClass() + "); ./lab demo --blind starts another");
			return scenario.service().equals(this.service) && scenario.causeClass().equals(this.cause) ? 0 : 1;
		}
		drill = drill.answered();
		drill.write(state);
		boolean serviceRight = scenario.service().equals(this.service);
		boolean causeRight = scenario.causeClass().equals(this.cause);
		Duration took = Duration.between(drill.faultOnAt(), Instant.now());
		if (serviceRight && causeRight) {
			System.out.printf("lab: right: %s, %s, %d min %d s after the fault went on, %s%n", this.service, this.cause,
					took.toMinutes(), took.toSecondsPart(),
					(drill.attempts() == 1) ? "at the first try" : "at try " + drill.attempts());
			Reveal.reveal(state, drill, System.out);
			return 0;
		}
		System.out.printf(
				"lab: not yet (try %d, %d min %d s after the fault went on): the service is %s, the cause "
						+ "class is %s%n",
				drill.attempts(), took.toMinutes(), took.toSecondsPart(), serviceRight ? "right" : "wrong",
				causeRight ? "right" : "wrong");
		System.out.println("lab: look again (runbooks/find-the-spike.md), or give up with ./lab reveal");
		return 1;
	}

	/**
	 * The cause classes of the catalogue, the answers a drill can want.
	 */
	static final class CauseClasses implements Iterable<String> {

		static List<String> all() {
			return Arrays.stream(Scenario.values()).map(Scenario::causeClass).distinct().toList();
		}

		@Override
		public java.util.Iterator<String> iterator() {
			return all().iterator();
		}

	}

}
