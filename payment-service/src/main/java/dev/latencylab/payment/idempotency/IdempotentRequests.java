package dev.latencylab.payment.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.util.HexFormat;
import java.util.function.Supplier;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.latencylab.kit.ProblemException;

/**
 * Runs a request once per idempotency key and answers every later request with the same
 * key from what was stored.
 *
 * <p>
 * The key is claimed with an insert before the request runs, in the caller's transaction:
 * a concurrent request with the same key waits on the key's primary key until that
 * transaction ends, then reads the stored answer (or, if it rolled back, runs itself). So
 * a card is never charged twice for one key. A request that fails with an exception rolls
 * back and leaves no trace of its key.
 */
@Component
public class IdempotentRequests {

	private final JdbcClient jdbc;

	private final Clock clock;

	IdempotentRequests(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Runs a request unless its key was used before.
	 * @param key the caller's key
	 * @param requestHash what identifies the request, see {@link #hash(String...)}
	 * @param request runs the request in the caller's transaction, returning its answer
	 * @return the answer of this run, or the one stored for the key
	 * @throws ProblemException 422 {@code idempotency-key-reused} when the key was used
	 * for another request
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public StoredResponse once(IdempotencyKey key, String requestHash, Supplier<StoredResponse> request) {
		if (!claim(key, requestHash)) {
			return replay(key, requestHash);
		}
		StoredResponse response = request.get();
		this.jdbc.sql("""
				UPDATE idempotent_request
				SET response_status = :status, response_location = :location, response_body = :body
				WHERE idempotency_key = :key
				""")
			.param("key", key.value())
			.param("status", response.status())
			.param("location", response.location(), Types.VARCHAR)
			.param("body", response.body())
			.update();
		return response;
	}

	/**
	 * A SHA-256 over the parts that make a request what it is.
	 * @param parts the operation and its arguments, none containing a line break
	 * @return the hash in hex
	 */
	public static String hash(String... parts) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(String.join("\n", parts).getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has SHA-256", ex);
		}
	}

	private boolean claim(IdempotencyKey key, String requestHash) {
		// ON CONFLICT waits for a concurrent claim of the same key to commit or roll
		// back,
		// then skips, instead of failing the transaction with a unique violation
		return this.jdbc.sql("""
				INSERT INTO idempotent_request (idempotency_key, request_hash, created_at)
				VALUES (:key, :hash, :now)
				ON CONFLICT (idempotency_key) DO NOTHING
				""")
			.param("key", key.value())
			.param("hash", requestHash)
			.param("now", Timestamp.from(this.clock.instant()))
			.update() == 1;
	}

	private StoredResponse replay(IdempotencyKey key, String requestHash) {
		Stored stored = this.jdbc.sql("""
				SELECT request_hash, response_status, response_location, response_body
				FROM idempotent_request
				WHERE idempotency_key = :key
				""")
			.param("key", key.value())
			.query((rs, row) -> new Stored(rs.getString("request_hash"),
					new StoredResponse(rs.getInt("response_status"), rs.getString("response_location"),
							rs.getString("response_body"))))
			.single();
		if (!stored.requestHash().equals(requestHash)) {
			throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused",
					"Idempotency key reused",
					"This Idempotency-Key was already used for a different request; use a new key for a new request.")
				.with("idempotencyKey", key.value());
		}
		return stored.response();
	}

	private record Stored(String requestHash, StoredResponse response) {
	}

}
