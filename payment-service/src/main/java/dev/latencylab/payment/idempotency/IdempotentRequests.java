package dev.latencylab.payment.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
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
		store(key, response);
		return response;
	}

	private void store(IdempotencyKey key, StoredResponse response) {
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

	/**
	 * Claims a key for a request that runs outside this transaction (the fix of
	 * {@code payment-pool-starvation}): commit the claim at once, run the request, then
	 * {@link #complete} or {@link #release} it in another transaction. A claim left
	 * unanswered for {@code abandonedAfter} (its request died with the process) is taken
	 * over.
	 * @param key the caller's key
	 * @param requestHash what identifies the request
	 * @param abandonedAfter when an unanswered claim counts as abandoned
	 * @return {@link Claim#claimed()} when this request owns the key now, otherwise the
	 * stored answer or {@link Claim#inFlight()}
	 * @throws ProblemException 422 {@code idempotency-key-reused} when the key was used
	 * for another request
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public Claim claimSeparately(IdempotencyKey key, String requestHash, Duration abandonedAfter) {
		if (claim(key, requestHash)) {
			return Claim.CLAIMED;
		}
		Stored stored = stored(key);
		if (stored == null) {
			// released between our insert and this read: try again
			return Claim.IN_FLIGHT;
		}
		requireSameRequest(key, requestHash, stored);
		if (stored.response() != null) {
			return new Claim(stored.response());
		}
		int takenOver = this.jdbc.sql("""
				UPDATE idempotent_request SET created_at = :now
				WHERE idempotency_key = :key AND response_status IS NULL AND created_at < :abandoned
				""")
			.param("key", key.value())
			.param("now", Timestamp.from(this.clock.instant()))
			.param("abandoned", Timestamp.from(this.clock.instant().minus(abandonedAfter)))
			.update();
		return (takenOver == 1) ? Claim.CLAIMED : Claim.IN_FLIGHT;
	}

	/**
	 * Stores the answer of a request that {@link #claimSeparately claimed} its key.
	 * @param key the key
	 * @param response the answer
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void complete(IdempotencyKey key, StoredResponse response) {
		store(key, response);
	}

	/**
	 * Gives up a claim whose request failed without an answer worth keeping, so that a
	 * retry with the same key runs again.
	 * @param key the key
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void release(IdempotencyKey key) {
		this.jdbc.sql("DELETE FROM idempotent_request WHERE idempotency_key = :key AND response_status IS NULL")
			.param("key", key.value())
			.update();
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
		Stored stored = stored(key);
		if (stored == null) {
			throw inFlight(key);
		}
		requireSameRequest(key, requestHash, stored);
		if (stored.response() == null) {
			// claimed by a request that calls the card network outside its transaction
			// and has not answered yet
			throw inFlight(key);
		}
		return stored.response();
	}

	private Stored stored(IdempotencyKey key) {
		return this.jdbc.sql("""
				SELECT request_hash, response_status, response_location, response_body
				FROM idempotent_request
				WHERE idempotency_key = :key
				""").param("key", key.value()).query((rs, row) -> {
			int status = rs.getInt("response_status");
			StoredResponse response = rs.wasNull() ? null
					: new StoredResponse(status, rs.getString("response_location"), rs.getString("response_body"));
			return new Stored(rs.getString("request_hash"), response);
		}).optional().orElse(null);
	}

	private static void requireSameRequest(IdempotencyKey key, String requestHash, Stored stored) {
		if (!stored.requestHash().equals(requestHash)) {
			throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused",
					"Idempotency key reused",
					"This Idempotency-Key was already used for a different request; use a new key for a new request.")
				.with("idempotencyKey", key.value());
		}
	}

	/**
	 * @param key the key
	 * @return the 409 for a key whose first request is still running
	 */
	public static ProblemException inFlight(IdempotencyKey key) {
		return new ProblemException(HttpStatus.CONFLICT, "idempotency-key-in-flight", "Request in flight",
				"A request with this Idempotency-Key is still running; retry it in a moment.")
			.with("idempotencyKey", key.value());
	}

	/**
	 * The outcome of {@link #claimSeparately}.
	 *
	 * @param state whose the key is
	 * @param stored the stored answer when {@link State#ANSWERED}, otherwise {@code null}
	 */
	public record Claim(State state, StoredResponse stored) {

		static final Claim CLAIMED = new Claim(State.CLAIMED, null);

		static final Claim IN_FLIGHT = new Claim(State.IN_FLIGHT, null);

		Claim(StoredResponse stored) {
			this(State.ANSWERED, stored);
		}

		/** Whose a key is. */
		public enum State {

			/** This request owns the key now. */
			CLAIMED,

			/** Another request owns the key and has not answered yet. */
			IN_FLIGHT,

			/** The key's request was answered; the answer is stored. */
			ANSWERED

		}

	}

	private record Stored(String requestHash, StoredResponse response) {
	}

}
