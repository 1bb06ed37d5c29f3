package dev.latencylab.runner.lifecycle;

import java.io.IOException;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

import dev.latencylab.runner.LabBenchmark;
import dev.latencylab.runner.LabMain;

/**
 * {@code ./lab bench}: a cold start of a second, throw-away lab on free ports, measured.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
		description = { "Measure a cold start and the memory of every process (docs/benchmarks.md).",
				"A fresh lab on free ports in a temporary folder: seconds until every part is healthy and warm,",
				"the memory of every process; then it stops again." })
public class Bench implements Callable<Integer> {

	@Override
	public Integer call() throws IOException {
		Prerequisites.check(System.out);
		LabBenchmark.run(LabMain.repository(), LabMain.tools(), LabMain.heap());
		return 0;
	}

}
