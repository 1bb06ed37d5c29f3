package dev.latencylab.toolkit.cli;

import picocli.CommandLine.Command;

/**
 * The toolkit's command line.
 */
@Command(name = "toolkit", mixinStandardHelpOptions = true,
		description = "Diagnoses checkout latency in the lab: traces, metrics, flame graphs, a named cause.",
		subcommands = { DiagnoseCommand.class, CaptureCommand.class, ReportsCommand.class, CanaryCommand.class },
		footer = { "", "'serve' (or no command) runs the toolkit's server (http://127.0.0.1:8090)." })
public class ToolkitCommand {

}
