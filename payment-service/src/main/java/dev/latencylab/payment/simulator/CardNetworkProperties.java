package dev.latencylab.payment.simulator;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the simulated card network ({@code payment.network.*}).
 *
 * @param testCards card numbers that get a fixed answer other than approval
 */
@ConfigurationProperties("payment.network")
public record CardNetworkProperties(@DefaultValue TestCards testCards) {

	/**
	 * @param declined declined with {@code card_declined}
	 * @param insufficientFunds declined with {@code insufficient_funds}
	 * @param networkError the network gives no answer (502 {@code card-network-error})
	 */
	public record TestCards(@DefaultValue("4000000000000002") String declined,
			@DefaultValue("4000000000009995") String insufficientFunds,
			@DefaultValue("4000000000000119") String networkError) {

		public TestCards {
			if (declined.equals(insufficientFunds) || declined.equals(networkError)
					|| insufficientFunds.equals(networkError)) {
				throw new IllegalArgumentException("payment.network.test-cards must be three different numbers, not "
						+ declined + ", " + insufficientFunds + " and " + networkError);
			}
		}

	}

}
