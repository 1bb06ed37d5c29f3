package dev.latencylab.payment.cardnetwork;

import java.time.Duration;
import java.util.UUID;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import dev.latencylab.kit.FlagContext;
import dev.latencylab.kit.LabFlags;
import dev.latencylab.kit.Scenario;
import dev.latencylab.kit.FaultSwitch;
import dev.latencylab.kit.http.PooledClients;
import dev.latencylab.payment.fault.PaymentFaultsProperties;
import dev.latencylab.payment.fault.RiskProfiles;
import dev.latencylab.payment.fault.TrafficShare;

/**
 * The card network as payment-service calls it: over HTTP ({@code POST
 * /internal/card-network/authorize}, by default the simulator inside this service), so
 * that the call is a real client span with a real timeout.
 */
@Component
public class CardNetworkClient {

	/** Where the card network takes an authorization (the simulator serves it too). */
	public static final String AUTHORIZE_PATH = "/internal/card-network/authorize";

	private final RestClient patient;

	private final RestClient impatient;

	private final Duration fixTimeout;

	private final RestClient hasty;

	private final Duration badFixTimeout;

	private final LabFlags flags;

	private final FaultSwitch slowNetwork;

	private final FaultSwitch gcPause;

	private final RiskProfiles riskProfiles;

	private final PaymentFaultsProperties.GcPause gcSettings;

	private final String configuredBaseUrl;

	private final Environment environment;

	private volatile String baseUrl;

	CardNetworkClient(RestClient.Builder builder, CardNetworkClientProperties properties,
			PaymentFaultsProperties faults, LabFlags flags, Environment environment, RiskProfiles riskProfiles) {
		this.riskProfiles = riskProfiles;
		this.gcSettings = faults.gcPause();
		this.gcPause = new FaultSwitch(flags, Scenario.PAYMENT_GC_PAUSE,
				"the card network's risk profile of every order (" + this.gcSettings.profileEntries()
						+ " entries) is kept in an unbounded cache, emptied only when the old generation is full",
				"risk profiles are kept in an LRU cache of " + this.gcSettings.fixMaxProfiles() + " entries");
		this.patient = client(builder, properties.connectTimeout(), properties.readTimeout());
		this.fixTimeout = faults.slowNetwork().fixTimeout();
		this.impatient = client(builder, properties.connectTimeout(), this.fixTimeout);
		this.badFixTimeout = faults.slowNetwork().badFixTimeout();
		this.hasty = client(builder, properties.connectTimeout(), this.badFixTimeout);
		this.flags = flags;
		this.slowNetwork = new FaultSwitch(flags, Scenario.PAYMENT_SLOW_NETWORK,
				"a share of card-network calls waits " + faults.slowNetwork().latency() + " for the issuer",
				"card-network calls give up after " + this.fixTimeout + " and fail cleanly with a retryable 502");
		this.configuredBaseUrl = properties.baseUrl();
		this.environment = environment;
	}

	/**
	 * Asks the card's issuer, through the network, to hold an amount.
	 * @param orderId the order, sent as the merchant's reference
	 * @param cardNumber the card number
	 * @param amountCents the amount in cents
	 * @param currency the currency
	 * @return the issuer's decision
	 * @throws CardNetworkException when the network gave no decision (an error answer, no
	 * connection, or no answer in time)
	 */
	public NetworkDecision authorize(UUID orderId, String cardNumber, long amountCents, String currency) {
		// payment-slow-network-fix: without a deadline of its own, every caller waits as
		// long as the slowest issuer (the real-world mistake is a client timeout far
		// above what the caller can afford)
		FlagContext order = FlagContext.order(orderId.toString(), null);
		FaultSwitch.Mode mode = this.slowNetwork.mode(order);
		boolean fixed = mode == FaultSwitch.Mode.FIXED;
		// payment-slow-network-badfix: the same fix with its timeout in the wrong unit
		boolean badlyFixed = mode != FaultSwitch.Mode.OFF
				&& this.flags.isOn(Scenario.PAYMENT_SLOW_NETWORK.badFixFlag().orElseThrow(), order);
		RestClient client = badlyFixed ? this.hasty : fixed ? this.impatient : this.patient;
		try {
			NetworkAnswer answer = client.post()
				.uri(baseUrl() + AUTHORIZE_PATH)
				.body(new NetworkCall(orderId, cardNumber, amountCents, currency))
				.retrieve()
				.body(NetworkAnswer.class);
			if (answer == null || answer.decision() == null) {
				throw new CardNetworkException("The card network answered without a decision.");
			}
			NetworkDecision decision = NetworkDecision.valueOf(answer.decision());
			keepRiskProfile(orderId, cardNumber);
			return decision;
		}
		catch (ResourceAccessException ex) {
			if (badlyFixed || fixed) {
				this.slowNetwork
					.acted("gave up on the card network after " + (badlyFixed ? this.badFixTimeout : this.fixTimeout));
			}
			throw new CardNetworkException("The card network gave no answer in time: " + ex.getMessage());
		}
		catch (RestClientException ex) {
			throw new CardNetworkException("The card network failed: " + ex.getMessage());
		}
	}

	private void keepRiskProfile(UUID orderId, String cardNumber) {
		FaultSwitch.Mode mode = this.gcPause.mode(FlagContext.order(orderId.toString(), null));
		if (mode == FaultSwitch.Mode.OFF) {
			if (this.riskProfiles.unboundedSize() > 0 || this.riskProfiles.boundedSize() > 0) {
				this.riskProfiles.clear();
			}
			return;
		}
		if (!TrafficShare.includes(orderId, Scenario.PAYMENT_GC_PAUSE.flag(), this.gcSettings.share())) {
			return;
		}
		if (mode == FaultSwitch.Mode.FIXED) {
			this.riskProfiles.keepBounded(orderId, cardNumber);
			if (this.riskProfiles.unboundedSize() > 0
					&& this.gcPause.mode(FlagContext.none()) == FaultSwitch.Mode.FIXED) {
				// the fix is on for every order (not a share of them): as after a deploy
				// of
				// the fixed version, nothing holds the unbounded cache any more
				this.riskProfiles.clearUnbounded();
			}
		}
		else {
			// payment-gc-pause: an unbounded cache keyed by something that never repeats
			// (the order), so the heap fills with live objects until full collections
			// take seconds
			this.riskProfiles.keepUnbounded(orderId, cardNumber);
		}
	}

	private String baseUrl() {
		String url = this.baseUrl;
		if (url == null) {
			url = this.configuredBaseUrl.isEmpty()
					? "http://127.0.0.1:" + this.environment.getRequiredProperty("local.server.port")
					: this.configuredBaseUrl.replaceAll("/+$", "");
			this.baseUrl = url;
		}
		return url;
	}

	private static RestClient client(RestClient.Builder builder, Duration connectTimeout, Duration readTimeout) {
		return builder.clone().requestFactory(PooledClients.requestFactory(connectTimeout, readTimeout)).build();
	}

	/**
	 * What payment-service sends the card network.
	 *
	 * @param orderId the merchant's reference
	 * @param cardNumber the card
	 * @param amountCents the amount
	 * @param currency the currency
	 */
	public record NetworkCall(UUID orderId, String cardNumber, long amountCents, String currency) {
	}

	/**
	 * What the card network answers.
	 *
	 * @param decision a {@link NetworkDecision} name
	 */
	public record NetworkAnswer(String decision) {
	}

}
