package dev.latencylab.toolkit;

import java.util.Arrays;

import picocli.CommandLine;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

import dev.latencylab.toolkit.cli.ToolkitCommand;

/**
 * The diagnosis toolkit: {@code serve} (the default) runs the server that receives
 * Alertmanager's webhooks and keeps the reports; {@code diagnose}, {@code capture} and
 * {@code reports} are its command line, talking to a running server.
 */
@SpringBootApplication
@EnableConfigurationProperties(ToolkitProperties.class)
public class ToolkitApplication {

	public static void main(String[] args) {
		if (args.length == 0 || args[0].startsWith("--") || "serve".equals(args[0])) {
			String[] rest = (args.length > 0 && "serve".equals(args[0])) ? Arrays.copyOfRange(args, 1, args.length)
					: args;
			SpringApplication.run(ToolkitApplication.class, rest);
			return;
		}
		CommandLine commands = new CommandLine(new ToolkitCommand());
		// a person gets one line, not a stack trace, when the toolkit is not there
		commands.setExecutionExceptionHandler((ex, line, parsed) -> {
			line.getErr().println("toolkit: " + ex.getMessage());
			return 1;
		});
		System.exit(commands.execute(args));
	}

}
