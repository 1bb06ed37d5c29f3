package dev.latencylab.toolkit.traces;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One span of a trace, whichever store it came from.
 *
 * @param traceId the trace it belongs to
 * @param id its id
 * @param parentId its parent's id, empty for a root
 * @param service the service that recorded it
 * @param name its name, e.g. {@code POST /api/checkout} or an SQL statement's summary
 * @param kind server, client or in-process
 * @param startMicros when it started, microseconds since the epoch
 * @param durationMicros how long it took
 * @param tags its attributes
 */
public record Span(String traceId, String id, String parentId, String service, String name, Kind kind, long startMicros,
		long durationMicros, Map<String, String> tags) {

	public long endMicros() {
		return this.startMicros + this.durationMicros;
	}

	/**
	 * @return whether it is a call to PostgreSQL
	 */
	public boolean isDatabaseCall() {
		return this.kind == Kind.CLIENT && "postgresql"
			.equals(this.tags.getOrDefault("db.system.name", this.tags.getOrDefault("db.system", "")));
	}

	/**
	 * @return whether it is an outgoing HTTP call
	 */
	public boolean isHttpCall() {
		return this.kind == Kind.CLIENT && !isDatabaseCall()
				&& (this.tags.containsKey("http.request.method") || this.tags.containsKey("http.method"));
	}

	/**
	 * @return where an outgoing call went, as {@code host:port}, from the span's
	 * {@code server.address} and {@code server.port} (or the older {@code net.peer.*}, or
	 * the host and port of its URL); empty when the span does not say
	 */
	public Optional<String> target() {
		String host = this.tags.getOrDefault("server.address", this.tags.getOrDefault("net.peer.name", ""));
		if (!host.isEmpty()) {
			return Optional
				.of(host + ":" + this.tags.getOrDefault("server.port", this.tags.getOrDefault("net.peer.port", "")));
		}
		try {
			URI url = URI.create(this.tags.getOrDefault("url.full", this.tags.getOrDefault("http.url", "")));
			return Optional.ofNullable(url.getHost())
				.map((name) -> name + ":" + ((url.getPort() < 0) ? "" : url.getPort()));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	/**
	 * @return the SQL statement of a database call, empty otherwise
	 */
	public String statement() {
		return this.tags.getOrDefault("db.query.text", this.tags.getOrDefault("db.statement", ""));
	}

	/**
	 * @return what kind of work the span's own time is, for a person
	 */
	public WorkKind work() {
		if (isDatabaseCall()) {
			return WorkKind.SQL;
		}
		if (this.kind == Kind.CLIENT) {
			return WorkKind.HTTP_CLIENT;
		}
		return WorkKind.IN_PROCESS;
	}

	/**
	 * The span kinds of OpenTelemetry that matter here.
	 */
	public enum Kind {

		SERVER, CLIENT, PRODUCER, CONSUMER, INTERNAL;

		/**
		 * @param name a kind as a store names it ({@code SERVER}, {@code server}...)
		 * @return the kind; {@code INTERNAL} for anything unknown
		 */
		public static Kind of(String name) {
			try {
				return valueOf(name.toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException | NullPointerException ex) {
				return INTERNAL;
			}
		}

	}

	/**
	 * Where a span's own time goes.
	 */
	public enum WorkKind {

		/** Waiting for the database to answer a statement. */
		SQL,

		/** Waiting for another service (or the network) to answer a call. */
		HTTP_CLIENT,

		/** In the service itself: computing, waiting for a lock, a pool or a GC. */
		IN_PROCESS

	}

}
