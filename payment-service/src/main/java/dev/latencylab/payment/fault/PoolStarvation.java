package dev.latencylab.payment.fault;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfigMXBean;
import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

import dev.latencylab.kit.FlagContext;
import dev.latencylab.kit.LabFlags;
import dev.latencylab.kit.Scenario;
import dev.latencylab.kit.FaultSwitch;

/**
 * The service-wide half of {@code payment-pool-starvation}: while the fault is on, the
 * connection pool is as small as {@code payment.faults.pool-starvation.pool-size} (a pool
 * sized for the average, not for a slow downstream), and the card network has a slow
 * episode of {@code duration} every {@code period}, the first as soon as the fault is
 * switched on. The flag is watched every 250 ms; evaluated without an order, because the
 * pool is the whole service's.
 */
@Component
public class PoolStarvation implements InitializingBean, DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(PoolStarvation.class);

	private final FaultSwitch fault;

	private final PaymentFaultsProperties.PoolStarvation settings;

	private final HikariConfigMXBean pool;

	private final HikariDataSource hikari;

	private int configuredPoolSize;

	private int configuredMinimumIdle;

	private final Clock clock;

	private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "pool-starvation-watcher");
		thread.setDaemon(true);
		return thread;
	});

	private volatile Instant since;

	PoolStarvation(LabFlags flags, PaymentFaultsProperties faults, DataSource dataSource, Clock clock) {
		this.settings = faults.poolStarvation();
		this.fault = new FaultSwitch(flags, Scenario.PAYMENT_POOL_STARVATION,
				"the connection pool shrinks to " + this.settings.poolSize()
						+ " and the card network has a slow episode",
				"the connection pool shrinks to " + this.settings.poolSize()
						+ " and the card network has a slow episode");
		this.hikari = unwrap(dataSource);
		this.pool = (this.hikari != null) ? this.hikari.getHikariConfigMXBean() : null;
		this.clock = clock;
	}

	@Override
	public void afterPropertiesSet() {
		this.watcher.scheduleWithFixedDelay(this::watch, 0, 250, TimeUnit.MILLISECONDS);
	}

	@Override
	public void destroy() {
		this.watcher.shutdownNow();
	}

	/**
	 * @return whether the card network is in a slow episode now: the fault is on and the
	 * time since it was switched on is within {@code duration} of a multiple of
	 * {@code period}
	 */
	public boolean inEpisode() {
		Instant start = this.since;
		if (start == null) {
			return false;
		}
		long elapsed = Duration.between(start, this.clock.instant()).toMillis();
		return elapsed >= 0 && elapsed % this.settings.period().toMillis() < this.settings.duration().toMillis();
	}

	private void watch() {
		try {
			boolean on = this.fault.mode(FlagContext.none()) != FaultSwitch.Mode.OFF;
			if (on && this.since == null) {
				if (this.pool != null && this.configuredPoolSize == 0) {
					// read once the pool has started: before, HikariCP reports
					// minimumIdle
					// as unset (-1)
					this.configuredPoolSize = this.pool.getMaximumPoolSize();
					this.configuredMinimumIdle = Math.max(0,
							Math.min(this.pool.getMinimumIdle(), this.configuredPoolSize));
				}
				this.since = this.clock.instant();
				resize(this.settings.poolSize(), Math.min(this.configuredMinimumIdle, this.settings.poolSize()));
			}
			else if (!on && this.since != null) {
				this.since = null;
				resize(this.configuredPoolSize, this.configuredMinimumIdle);
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Could not resize the connection pool: {}", ex.toString());
		}
	}

	private void resize(int maximum, int minimumIdle) {
		if (this.pool == null) {
			logger.warn("The data source is not a HikariCP pool: its size stays as configured");
			return;
		}
		// HikariCP applies a new maximum at run time; evicting the idle connections makes
		// the pool shrink now rather than as connections retire
		if (maximum < this.pool.getMaximumPoolSize()) {
			this.pool.setMinimumIdle(minimumIdle);
			this.pool.setMaximumPoolSize(maximum);
			if (this.hikari.getHikariPoolMXBean() != null) {
				this.hikari.getHikariPoolMXBean().softEvictConnections();
			}
		}
		else {
			this.pool.setMaximumPoolSize(maximum);
			this.pool.setMinimumIdle(minimumIdle);
		}
		logger.info("Connection pool maximum size now {}", maximum);
	}

	private static HikariDataSource unwrap(DataSource dataSource) {
		try {
			return dataSource.isWrapperFor(HikariDataSource.class) ? dataSource.unwrap(HikariDataSource.class) : null;
		}
		catch (java.sql.SQLException ex) {
			return null;
		}
	}

}
