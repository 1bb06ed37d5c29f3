package dev.latencylab.toolkit;

import java.util.Arrays;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The diagnosis toolkit's server: it receives Alertmanager's webhooks, diagnoses, keeps
 * the reports and serves the repository's documents. Its command line is {@code ./lab}
 * ({@code diagnose}, {@code reports}, {@code capture}, {@code canary}: lab-runner).
 */
@SpringBootApplication
@EnableConfigurationProperties(ToolkitProperties.class)
public class ToolkitApplication {

	public static void main(String[] args) {
		// "serve" was the first argument when the command line lived here too
		String[] rest = (args.length > 0 && "serve".equals(args[0])) ? Arrays.copyOfRange(args, 1, args.length) : args;
		SpringApplication.run(ToolkitApplication.class, rest);
	}

}
