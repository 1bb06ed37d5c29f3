package dev.latencylab.kit.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards the endpoints that can hurt a running system (faults, flags, profiler): they
 * answer only to {@code Authorization: Bearer <lab.admin.token>}.
 */
public class AdminTokenFilter extends OncePerRequestFilter {

	private final byte[] token;

	private final JsonMapper jsonMapper;

	public AdminTokenFilter(String token, JsonMapper jsonMapper) {
		this.token = token.getBytes(StandardCharsets.UTF_8);
		this.jsonMapper = jsonMapper;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (this.token.length == 0) {
			reject(request, response, "Admin endpoints are disabled: no lab.admin.token is configured.");
			return;
		}
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header == null || !header.startsWith("Bearer ")) {
			reject(request, response, "Admin endpoints need 'Authorization: Bearer <admin token>'.");
			return;
		}
		byte[] presented = header.substring("Bearer ".length()).trim().getBytes(StandardCharsets.UTF_8);
		// constant-time comparison, so the token cannot be guessed byte by byte from
		// timings
		if (!MessageDigest.isEqual(this.token, presented)) {
			reject(request, response, "The admin token is wrong.");
			return;
		}
		chain.doFilter(request, response);
	}

	private void reject(HttpServletRequest request, HttpServletResponse response, String detail) throws IOException {
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"lab-admin\"");
		ProblemResponses.write(request, response, this.jsonMapper, HttpStatus.UNAUTHORIZED, "admin-token-required",
				"Admin token required", detail);
	}

}
