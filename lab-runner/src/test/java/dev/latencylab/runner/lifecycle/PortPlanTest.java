package dev.latencylab.runner.lifecycle;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.latencylab.runner.LabException;
import dev.latencylab.runner.LabProcesses;
import dev.latencylab.runner.LabService;
import dev.latencylab.runner.LabTool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The ports of a new lab when something else already listens: never a server the lab did
 * not start.
 */
class PortPlanTest {

	private final ByteArrayOutputStream said = new ByteArrayOutputStream();

	private final PrintStream out = new PrintStream(this.said, true, StandardCharsets.UTF_8);

	@Test
	void shouldReplaceATakenDefaultPortAndSayWhatHoldsIt() throws IOException {
		// a Prometheus of the machine's own on 9090, as Debian's package starts one
		try (ServerSocket foreign = holdOrFindHeld(9090)) {
			Map<String, Integer> ports = PortPlan.resolve(Map.of(), this.out);

			assertThat(ports.get("prometheus")).isNotEqualTo(9090);
			assertThat(LabProcesses.isFree(ports.get("prometheus"))).isTrue();
			assertThat(this.said.toString(StandardCharsets.UTF_8)).contains("port 9090 is taken by pid ",
					"the lab's prometheus listens on " + ports.get("prometheus"), "LAB_PROMETHEUS_PORT");
			assertThat(ports.values()).doesNotHaveDuplicates()
				.hasSize(LabService.values().length + LabTool.values().length + 1);
		}
	}

	@Test
	void shouldRefuseATakenPortGivenInTheEnvironmentNamingItsHolder() throws IOException {
		try (ServerSocket foreign = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			int port = foreign.getLocalPort();

			assertThatThrownBy(() -> PortPlan.resolve(Map.of("LAB_GATEWAY_PORT", String.valueOf(port)), this.out))
				.isInstanceOf(LabException.class)
				.hasMessageContaining("LAB_GATEWAY_PORT=" + port + " is taken by pid " + ProcessHandle.current().pid());
		}
	}

	@Test
	void shouldRefuseAPortThatIsNoPort() {
		assertThatThrownBy(() -> PortPlan.resolve(Map.of("LAB_ZIPKIN_PORT", "ninety"), this.out))
			.isInstanceOf(LabException.class)
			.hasMessageContaining("LAB_ZIPKIN_PORT=ninety is not a port");
	}

	/** Listens on the port, or returns null when another process already does. */
	private static ServerSocket holdOrFindHeld(int port) {
		try {
			return new ServerSocket(port, 1, InetAddress.getLoopbackAddress());
		}
		catch (IOException ex) {
			return null;
		}
	}

}
