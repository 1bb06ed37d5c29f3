package dev.latencylab.checkout.downstream;

import java.time.Duration;
import java.util.function.Supplier;

import org.springframework.http.ProblemDetail;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

import dev.latencylab.checkout.saga.DownstreamException;
import dev.latencylab.kit.http.PooledClients;

/**
 * Builds the HTTP clients for other services and turns their failures into
 * {@link DownstreamException}s.
 */
final class Downstream {

	private Downstream() {
	}

	static RestClient client(RestClient.Builder builder, DownstreamProperties.Endpoint endpoint) {
		return client(builder, endpoint, endpoint.readTimeout());
	}

	/**
	 * @param builder Spring Boot's builder (observed: client spans and metrics)
	 * @param endpoint where the service is
	 * @param readTimeout how long a call waits for the answer
	 * @return a client of the service
	 */
	static RestClient client(RestClient.Builder builder, DownstreamProperties.Endpoint endpoint, Duration readTimeout) {
		return builder.clone()
			.baseUrl(endpoint.baseUrl().toString())
			.requestFactory(PooledClients.requestFactory(endpoint.connectTimeout(), readTimeout))
			.build();
	}

	static <T> T call(String service, Supplier<T> call) {
		try {
			return call.get();
		}
		catch (RestClientResponseException ex) {
			ProblemDetail problem = null;
			try {
				problem = ex.getResponseBodyAs(ProblemDetail.class);
			}
			catch (RuntimeException unreadable) {
				// not a problem body (e.g. a proxy's HTML page): keep the status alone
			}
			throw DownstreamErrors.problem(service, ex.getStatusCode().value(), problem, ex);
		}
		catch (ResourceAccessException ex) {
			throw DownstreamErrors.unreachable(service, ex);
		}
		catch (RestClientException ex) {
			throw DownstreamErrors.problem(service, 502, null, ex);
		}
	}

}
