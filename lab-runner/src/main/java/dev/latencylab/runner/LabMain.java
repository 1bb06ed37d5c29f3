package dev.latencylab.runner;

import java.nio.file.Path;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import dev.latencylab.runner.audit.AuditCommand;
import dev.latencylab.runner.chaos.ChaosCommand;
import dev.latencylab.runner.drill.Answer;
import dev.latencylab.runner.drill.Demo;
import dev.latencylab.runner.drill.Reveal;
import dev.latencylab.runner.flags.FaultCommand;
import dev.latencylab.runner.flags.FixCommand;
import dev.latencylab.runner.flags.FlagCommand;
import dev.latencylab.runner.flags.FlagsCommand;
import dev.latencylab.runner.flags.ScenariosCommand;
import dev.latencylab.runner.lifecycle.Bench;
import dev.latencylab.runner.lifecycle.Build;
import dev.latencylab.runner.lifecycle.Down;
import dev.latencylab.runner.lifecycle.Logs;
import dev.latencylab.runner.lifecycle.Status;
import dev.latencylab.runner.lifecycle.Supervisor;
import dev.latencylab.runner.lifecycle.Up;
import dev.latencylab.runner.toolkit.CanaryCommand;
import dev.latencylab.runner.toolkit.CaptureCommand;
import dev.latencylab.runner.toolkit.DiagnoseCommand;
import dev.latencylab.runner.toolkit.ReportsCommand;

/**
 * {@code ./lab}: the Checkout Latency Lab's one command line. The {@code lab} script only
 * finds Java and builds this jar if it is missing; every command lives here.
 */
@Command(name = "./lab", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
		description = { "The Checkout Latency Lab without Docker: every part a local process on 127.0.0.1.",
				"Start with ./lab up, then ./lab demo --blind and runbooks/find-the-spike.md." },
		subcommands = { CommandLine.HelpCommand.class, Up.class, Status.class, Logs.class, Down.class, Build.class,
				Bench.class, ScenariosCommand.class, FlagsCommand.class, FaultCommand.class, FixCommand.class,
				FlagCommand.class, LabLoad.class, Demo.class, Answer.class, Reveal.class, CaptureCommand.class,
				DiagnoseCommand.class, ReportsCommand.class, CanaryCommand.class, AuditCommand.class,
				ChaosCommand.class, Supervisor.class },
		footer = { "", "Ports (127.0.0.1): LAB_GATEWAY_PORT 8080, LAB_CHECKOUT_PORT 8081,",
				"LAB_INVENTORY_PORT 8082, LAB_PAYMENT_PORT 8083, LAB_FRAUD_PORT 8084,",
				"LAB_TOOLKIT_PORT 8090, LAB_ZIPKIN_PORT 9411, LAB_PROMETHEUS_PORT 9090,",
				"LAB_ALERTMANAGER_PORT 9093, LAB_POSTGRES_PORT 5433.", "State, logs and data: .lab/ (or $LAB_STATE).",
				"./lab COMMAND --help says more about a command." })
public final class LabMain implements Runnable {

	@Spec
	CommandSpec spec;

	/** {@code ./lab} alone: what there is to do. */
	@Override
	public void run() {
		this.spec.commandLine().usage(System.out);
	}

	public static void main(String[] args) {
		System.exit(commandLine().execute(args));
	}

	/**
	 * @return the command line, with the lab's handling of errors: a person gets the
	 * reason in one line, not a stack trace
	 */
	public static CommandLine commandLine() {
		CommandLine commandLine = new CommandLine(LabMain.class);
		// --compare agent, not AGENT
		commandLine.setCaseInsensitiveEnumValuesAllowed(true);
		commandLine.setExecutionExceptionHandler((ex, command, parseResult) -> {
			command.getErr()
				.println("lab: " + ((ex instanceof LabException) ? ex.getMessage()
						: ex.getClass().getSimpleName() + ": " + ex.getMessage()));
			return 1;
		});
		return commandLine;
	}

	/**
	 * @return the repository the lab runs from ({@code -Dlab.repository}, which the
	 * {@code lab} script sets)
	 */
	public static Path repository() {
		return Path.of(System.getProperty("lab.repository", ".")).toAbsolutePath().normalize();
	}

	/**
	 * @return where the OpenTelemetry agent and Zipkin are
	 */
	public static Path tools() {
		return Path.of(System.getProperty("lab.tools", repository().resolve("lab-runner/target/tools").toString()));
	}

	/**
	 * @return this jar, which the supervisor and the background load run from
	 */
	public static Path jar() {
		return repository().resolve("lab-runner/target/lab-runner.jar");
	}

	/**
	 * @return each application's maximum heap ({@code -Dlab.heap})
	 */
	public static String heap() {
		return System.getProperty("lab.heap", "256m");
	}

}
