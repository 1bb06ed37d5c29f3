package dev.latencylab.checkout.recovery;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.latencylab.checkout.order.Orders;
import dev.latencylab.checkout.saga.Inventory;
import dev.latencylab.checkout.saga.Payments;

/**
 * The recovery job: a round soon after start (a crash's orders wait for the service to
 * come back), then one after every interval; each ends the checkouts left in a step and
 * voids the late authorizations of failed orders that are due.
 */
@Configuration(proxyBeanMethods = false)
class RecoveryConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(RecoveryConfiguration.class);

	@Bean
	SagaRecovery sagaRecovery(Orders orders, Inventory inventory, Payments payments, RecoveryProperties properties,
			MeterRegistry meters, Clock clock) {
		return new SagaRecovery(orders, inventory, payments, properties, meters, clock);
	}

	@Bean
	LateAuthorizationSweep lateAuthorizationSweep(Orders orders, Payments payments, RecoveryProperties properties,
			MeterRegistry meters, Clock clock) {
		return new LateAuthorizationSweep(orders, payments, properties, meters, clock);
	}

	@Bean(destroyMethod = "shutdownNow")
	ScheduledExecutorService recoveryRounds(SagaRecovery recovery, LateAuthorizationSweep sweep,
			RecoveryProperties properties) {
		ScheduledExecutorService rounds = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "saga-recovery");
			thread.setDaemon(true);
			return thread;
		});
		rounds.scheduleWithFixedDelay(() -> {
			try {
				recovery.recover();
				sweep.sweep();
			}
			catch (RuntimeException ex) {
				// PostgreSQL away: the next round tries again
				logger.warn("A recovery round failed: {}", ex.getMessage());
			}
		}, properties.initialDelay().toMillis(), properties.interval().toMillis(), TimeUnit.MILLISECONDS);
		return rounds;
	}

}
