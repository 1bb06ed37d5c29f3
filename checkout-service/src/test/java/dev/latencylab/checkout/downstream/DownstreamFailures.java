package dev.latencylab.checkout.downstream;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import dev.latencylab.checkout.saga.DownstreamException;

/**
 * Downstream failures as the HTTP clients raise them, for tests of what the saga does
 * with them.
 */
public final class DownstreamFailures {

	private DownstreamFailures() {
	}

	public static DownstreamException unreachable(String service) {
		return DownstreamErrors.unreachable(service, new java.net.ConnectException("Connection refused"));
	}

	public static DownstreamException refusal(String service, int status, String slug) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(status), slug);
		problem.setType(URI.create("https://latency-lab.dev/problems/" + slug));
		return DownstreamErrors.problem(service, status, problem, null);
	}

}
