package dev.latencylab.load;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * What a {@link LoadRun} measured, read from the run's {@code simulation.log} by
 * Gatling's own reader, with the assertions evaluated by Gatling's own validator.
 *
 * @param reportDirectory the run's directory: its {@code simulation.log} and its HTML
 * report ({@code index.html})
 * @param consoleLog Gatling's console output (the periodic summaries, the {@code spike:}
 * lines)
 * @param assertionsPassed whether every assertion of the simulation held (Gatling's exit
 * status 0; 2 when one failed)
 * @param assertions every assertion, as Gatling words it (in its report too), and whether
 * it held
 * @param all the figures of all requests together
 * @param requests the figures of each request name, in the order of the report's
 * statistics table
 */
public record LoadResult(Path reportDirectory, Path consoleLog, boolean assertionsPassed,
		List<AssertionOutcome> assertions, RequestFigures all, Map<String, RequestFigures> requests) {

	/**
	 * @return the figures of the checkouts that should succeed
	 * ({@value LabTraffic#CHECKOUT})
	 */
	public RequestFigures checkout() {
		return request(LabTraffic.CHECKOUT);
	}

	/**
	 * @param name a request name of the run
	 * @return its figures
	 * @throws NoSuchElementException when the run sent no such request
	 */
	public RequestFigures request(String name) {
		RequestFigures figures = this.requests.get(name);
		if (figures == null) {
			throw new NoSuchElementException(
					"the run sent no request named '" + name + "'; it sent " + this.requests.keySet());
		}
		return figures;
	}

	/**
	 * @return the report's main page
	 */
	public Path indexHtml() {
		return this.reportDirectory.resolve("index.html");
	}

	/**
	 * One assertion of the run.
	 *
	 * @param description as Gatling words it, e.g. {@code checkout: 99th percentile of
	 * response time is less than or equal to 2000.0}
	 * @param passed whether it held
	 */
	public record AssertionOutcome(String description, boolean passed) {
	}

}
