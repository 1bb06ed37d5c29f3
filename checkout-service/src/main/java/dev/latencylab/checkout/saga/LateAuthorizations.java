package dev.latencylab.checkout.saga;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import dev.latencylab.checkout.downstream.DownstreamException;
import dev.latencylab.checkout.downstream.ResilienceProperties;

/**
 * Voids, some time after a checkout gave up waiting for payment, an authorization that
 * payment completed all the same: the card-network call that made checkout time out still
 * ends, seconds later, in an authorization nobody will capture. Without this the
 * customer's card would keep a hold for an order that failed.
 *
 * <p>
 * Sweeps are kept in memory: a restart of checkout-service forgets the pending ones
 * (payment's ledger still shows the authorization, and it is never captured).
 */
@Component
class LateAuthorizations implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(LateAuthorizations.class);

	private final Payments payments;

	private final Duration delay;

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "late-authorization-sweep");
		thread.setDaemon(true);
		return thread;
	});

	LateAuthorizations(Payments payments, ResilienceProperties properties) {
		this.payments = payments;
		this.delay = properties.lateAuthorizationSweep();
	}

	/**
	 * @return how long after a failed checkout its late authorizations are voided
	 */
	Duration delay() {
		return this.delay;
	}

	/**
	 * Looks for the order's authorizations once more after {@link #delay()}, and voids
	 * them.
	 * @param orderId a failed order whose authorization got no answer
	 */
	void sweepLater(UUID orderId) {
		this.scheduler.schedule(() -> sweep(orderId), this.delay.toMillis(), TimeUnit.MILLISECONDS);
	}

	private void sweep(UUID orderId) {
		try {
			List<UUID> voided = this.payments.voidAuthorizations(orderId);
			if (!voided.isEmpty()) {
				logger.warn("Voided the late authorization {} of failed order {}", voided, orderId);
			}
		}
		catch (DownstreamException ex) {
			logger.error("Could not void late authorizations of failed order {} ({}): look them up with "
					+ "GET /api/payments?orderId={} and void them", orderId, ex.getMessage(), orderId);
		}
		catch (RuntimeException ex) {
			logger.error("Could not void late authorizations of failed order {}", orderId, ex);
		}
	}

	@Override
	public void destroy() {
		this.scheduler.shutdownNow();
	}

}
