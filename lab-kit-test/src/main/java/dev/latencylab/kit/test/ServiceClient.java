package dev.latencylab.kit.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.IntSupplier;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * A service under test over real HTTP/1.1 on 127.0.0.1 (as every client of the lab's
 * services speaks to them): what a test's client of the service's API builds on. Failures
 * to connect are thrown unchecked; every answer, 4xx and 5xx included, is returned.
 *
 * <p>
 * {@code @Import(ServiceClient.Configuration.class)} makes one for the service of a
 * Spring Boot test context a bean.
 */
public class ServiceClient {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final IntSupplier port;

	/**
	 * @param port the port the service listens on
	 */
	public ServiceClient(int port) {
		this.port = () -> port;
	}

	/**
	 * The service of a Spring Boot test context with a random port, so that the client
	 * can be a bean of that context: the port ({@code local.server.port}) is looked up at
	 * each call, because the web server starts after the beans are made.
	 * @param environment the test context's environment
	 */
	public ServiceClient(Environment environment) {
		this.port = () -> environment.getRequiredProperty("local.server.port", Integer.class);
	}

	public HttpResponse<String> get(String path) {
		return send(HttpRequest.newBuilder(uri(path)).GET());
	}

	public HttpResponse<String> post(String path) {
		return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()));
	}

	/**
	 * Posts a JSON body with the given headers, name and value alternating.
	 * @param path the path
	 * @param body the body
	 * @param headers more headers, e.g. {@code "Idempotency-Key", "k1"}
	 * @return the answer
	 */
	public HttpResponse<String> post(String path, String body, String... headers) {
		return sendJson("POST", path, body, headers);
	}

	/**
	 * Puts a JSON body with the given headers, name and value alternating.
	 * @param path the path
	 * @param body the body
	 * @param headers more headers, e.g. {@code "Authorization", "Bearer t"}
	 * @return the answer
	 */
	public HttpResponse<String> put(String path, String body, String... headers) {
		return sendJson("PUT", path, body, headers);
	}

	/**
	 * @param request a request to the service, built on {@link #uri(String)}
	 * @return the answer, within 30 s
	 */
	public HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return this.http.send(request.timeout(Duration.ofSeconds(30)).build(),
					HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private HttpResponse<String> sendJson(String method, String path, String body, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.method(method, HttpRequest.BodyPublishers.ofString(body));
		if (headers.length > 0) {
			request.headers(headers);
		}
		return send(request);
	}

	/**
	 * @param path a path of the service
	 * @return its address
	 */
	public URI uri(String path) {
		return URI.create(baseUrl() + path);
	}

	/**
	 * @return the service's address, e.g. {@code http://127.0.0.1:8082}
	 */
	public String baseUrl() {
		return "http://127.0.0.1:" + this.port.getAsInt();
	}

	/**
	 * @param response an answer of the service
	 * @return its body as JSON
	 */
	public JsonNode json(HttpResponse<String> response) {
		return JSON.readTree(response.body());
	}

	/**
	 * @param response a problem-details answer of the service
	 * @return the last part of its type, e.g. {@code unknown-sku}
	 */
	public String problemSlug(HttpResponse<String> response) {
		return json(response).get("type").asString().replace("https://latency-lab.dev/problems/", "");
	}

	/** The client, for what sends its own requests ({@link BodyFuzzer}). */
	HttpClient http() {
		return this.http;
	}

	/** Makes a client of the test context's service a bean. */
	@TestConfiguration(proxyBeanMethods = false)
	public static class Configuration {

		@Bean
		ServiceClient serviceClient(Environment environment) {
			return new ServiceClient(environment);
		}

	}

}
