package dev.latencylab.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./lab chaos} as a person types it, on a lab of its own: five minutes of steady
 * load while every service and the gateway is killed with {@code kill -9} and PostgreSQL
 * is shut down at once; the lab's supervisor starts each again, checkout's recovery job
 * ends the checkouts the kills interrupted, and the audit is clean after.
 *
 * <p>
 * Not in the README's test command (it would take it past its hour): run it with
 * {@code ./mvnw -pl lab-runner verify -Dit.test=ChaosEndToEndIT -Dtest=NONE
 * -Dsurefire.failIfNoSpecifiedTests=false} (docs/reliability.md).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChaosEndToEndIT {

	private static final Pattern BACK = Pattern.compile("chaos: (\\S+) healthy again after (\\d+) s");

	private LabScript lab;

	private Path folder;

	@BeforeAll
	void up() throws IOException {
		Path repository = Path.of(System.getProperty("lab.repository", "..")).toAbsolutePath().normalize();
		this.folder = Files.createTempDirectory("lab-chaos-");
		this.lab = new LabScript(repository, this.folder.resolve("state"), LabPorts.free());
		this.lab.ok("./lab up", Duration.ofMinutes(8));
	}

	@AfterAll
	void down() {
		this.lab.run("./lab down", Duration.ofMinutes(2));
		if (!Files.exists(this.lab.state().resolve("lab.pid"))) {
			TestFolders.delete(this.folder);
		}
	}

	@Test
	void shouldRecoverFromKillsOfEveryPartAndAPostgresRestartUnderLoadWithAuditClean() {
		LabScript.Run chaos = this.lab.run("./lab chaos --minutes 5 --seed 7", Duration.ofMinutes(12));
		System.out.println(chaos.output());

		assertThat(chaos.exit()).as("./lab chaos: %s", chaos.output()).isZero();
		assertThat(chaos.output()).contains("chaos: 5 kills, 1 PostgreSQL restarts", "chaos: recovered",
				"chaos: orders by final status", "chaos: ended by the recovery job", "audit: clean");
		Matcher back = BACK.matcher(chaos.output());
		java.util.Set<String> returned = new java.util.TreeSet<>();
		while (back.find()) {
			returned.add(back.group(1));
		}
		assertThat(returned).as("parts that came back after a kill or a restart")
			.contains("gateway", "checkout-service", "inventory-service", "payment-service", "fraud-service",
					"postgresql");
	}

}
