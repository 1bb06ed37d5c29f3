package dev.latencylab.toolkit.traces;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON reader of the trace stores' answers, which are read as streams: one span (or
 * one resource's spans) at a time off an answer of thousands.
 */
final class TraceJson {

	/** Reads one value at a time, leaving the rest of the stream to the next read. */
	static final JsonMapper STREAMING = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private TraceJson() {
	}

}
