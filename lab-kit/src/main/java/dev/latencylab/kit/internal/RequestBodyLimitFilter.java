package dev.latencylab.kit.internal;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies above {@code lab.http.max-body-size} with 413: declared ones
 * before anything is read, chunked ones as soon as they cross the limit.
 */
public class RequestBodyLimitFilter extends OncePerRequestFilter {

	private final long maxBytes;

	private final JsonMapper jsonMapper;

	public RequestBodyLimitFilter(DataSize maxBodySize, JsonMapper jsonMapper) {
		this.maxBytes = maxBodySize.toBytes();
		this.jsonMapper = jsonMapper;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() > this.maxBytes) {
			ProblemResponses.write(request, response, this.jsonMapper, HttpStatus.CONTENT_TOO_LARGE, "body-too-large",
					"Request body too large", "The request body has " + request.getContentLengthLong()
							+ " bytes; at most " + this.maxBytes + " are accepted.");
			return;
		}
		chain.doFilter(request.getContentLengthLong() < 0 ? new LimitedRequest(request, this.maxBytes) : request,
				response);
	}

	/** Thrown when a body of unknown length grows past the limit while it is read. */
	public static class BodyTooLargeException extends IOException {

		BodyTooLargeException(long maxBytes) {
			super("The request body is larger than the " + maxBytes + " bytes accepted.");
		}

	}

	private static final class LimitedRequest extends HttpServletRequestWrapper {

		private final long maxBytes;

		LimitedRequest(HttpServletRequest request, long maxBytes) {
			super(request);
			this.maxBytes = maxBytes;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			ServletInputStream in = super.getInputStream();
			return new ServletInputStream() {

				private long read;

				@Override
				public int read() throws IOException {
					int b = in.read();
					if (b >= 0) {
						count(1);
					}
					return b;
				}

				@Override
				public int read(byte[] buffer, int off, int len) throws IOException {
					int n = in.read(buffer, off, len);
					if (n > 0) {
						count(n);
					}
					return n;
				}

				private void count(int n) throws BodyTooLargeException {
					this.read += n;
					if (this.read > LimitedRequest.this.maxBytes) {
						throw new BodyTooLargeException(LimitedRequest.this.maxBytes);
					}
				}

				@Override
				public boolean isFinished() {
					return in.isFinished();
				}

				@Override
				public boolean isReady() {
					return in.isReady();
				}

				@Override
				public void setReadListener(ReadListener listener) {
					in.setReadListener(listener);
				}
			};
		}

	}

}
