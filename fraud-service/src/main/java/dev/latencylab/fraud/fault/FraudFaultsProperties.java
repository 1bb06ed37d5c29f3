package dev.latencylab.fraud.fault;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The parameters of the fraud service's faults, under {@code fraud.faults.*}. Each fault
 * is switched by its flag ({@code fraud-lock-contention}, {@code fraud-regex-cpu}) and
 * fixed by its fix flag; these only shape it. The defaults give spikes of about 5 s on
 * the lab's 2-core machine.
 *
 * @param lockContention {@code fraud-lock-contention}
 * @param regexCpu {@code fraud-regex-cpu}
 */
@ConfigurationProperties("fraud.faults")
public record FraudFaultsProperties(@DefaultValue LockContention lockContention, @DefaultValue RegexCpu regexCpu) {

	/**
	 * @param period time from the end of one rules refresh to the start of the next (a
	 * fixed delay): with a refresh of about 5 s, one every 30 s
	 * @param backtestOrders the corpus each refresh replays through the rules before they
	 * go live
	 * @param backtestBudget how long a refresh may replay the corpus: how long it holds
	 * the monitor with the fault
	 * @param firstRunAfter how long after the fault goes on the first refresh starts
	 */
	public record LockContention(@DefaultValue("25s") Duration period, @DefaultValue("100000000") int backtestOrders,
			@DefaultValue("5s") Duration backtestBudget, @DefaultValue("2s") Duration firstRunAfter) {
	}

	/**
	 * @param budget how long one match of the backtracking email pattern may run before
	 * it gives up: what one address of the trigger shape costs
	 */
	public record RegexCpu(@DefaultValue("5s") Duration budget) {
	}

}
