package dev.latencylab.kit;

import java.net.URI;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A failure that the caller should see as an RFC 9457 problem: a status, a stable type
 * slug the caller can branch on, a title and a detail for people.
 *
 * <p>
 * Thrown from anywhere in a request; the lab-kit exception handler renders it as
 * {@code application/problem+json}.
 */
public class ProblemException extends ErrorResponseException {

	/** Prefix of every problem type URI the lab emits. */
	public static final String TYPE_PREFIX = "https://latency-lab.dev/problems/";

	private final String slug;

	public ProblemException(HttpStatusCode status, String slug, String title, String detail) {
		super(status, problem(status, slug, title, detail), null);
		this.slug = slug;
	}

	/**
	 * Adds an extension member to the problem body, e.g. the SKU that is out of stock.
	 * @param name the member name
	 * @param value its value
	 * @return this exception
	 */
	public ProblemException with(String name, Object value) {
		getBody().setProperty(name, value);
		return this;
	}

	/**
	 * The stable, machine-readable part of the type, e.g. {@code out-of-stock}.
	 * @return the slug
	 */
	public String slug() {
		return this.slug;
	}

	@Override
	public String getMessage() {
		return this.slug + ": " + getBody().getDetail();
	}

	/**
	 * The type URI for a slug.
	 * @param slug the stable problem name
	 * @return the type URI
	 */
	public static URI type(String slug) {
		return URI.create(TYPE_PREFIX + slug);
	}

	private static ProblemDetail problem(HttpStatusCode status, String slug, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(type(slug));
		problem.setTitle(title);
		return problem;
	}

}
