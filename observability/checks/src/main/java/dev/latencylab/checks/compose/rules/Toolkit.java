package dev.latencylab.checks.compose.rules;

import java.util.Map;
import java.util.Optional;

import dev.latencylab.checks.compose.ComposeFile;
import dev.latencylab.checks.compose.LabFiles;
import dev.latencylab.checks.compose.Service;

/**
 * The diagnosis toolkit's service, as the toolkit rules read it.
 *
 * @param service the service built from {@link LabFiles#TOOLKIT_MODULE}, variables
 * resolved
 * @param env its environment, variables resolved
 * @param written its environment as written, so that a link can be checked to follow a
 * moved host port
 * @param port the port it listens on in its container
 */
record Toolkit(Service service, Map<String, String> env, Map<String, String> written, int port) {

	/** What a toolkit rule reports when there is no toolkit. */
	static final String MISSING = "no service is built from " + LabFiles.TOOLKIT_MODULE;

	/** Where the toolkit reads traces: Jaeger's query API and UI. */
	static final int JAEGER_QUERY_PORT = 16686;

	static final int PROMETHEUS_PORT = 9090;

	/**
	 * @param compose a compose file
	 * @return its toolkit, empty if no service is built from the toolkit's module or its
	 * port is unknown
	 */
	static Optional<Toolkit> of(ComposeFile compose) {
		return compose.toolkit().flatMap((service) -> {
			Integer port = compose.serverPort(service);
			Service written = compose.writtenServices().get(service.name());
			return (port != null)
					? Optional.of(new Toolkit(service, service.environment(), written.environment(), port))
					: Optional.empty();
		});
	}

	String name() {
		return this.service.name();
	}

}
