package dev.latencylab.fraud.rules;

import java.time.Clock;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.latencylab.fraud.email.EmailAddressParser;
import dev.latencylab.fraud.fault.FraudFaultsProperties;
import dev.latencylab.kit.FaultCadence;
import dev.latencylab.kit.LabFlags;

@Configuration(proxyBeanMethods = false)
class RulesConfiguration {

	@Bean
	RulesCache scoringRules(FraudRulesProperties properties, FraudFaultsProperties faults,
			EmailAddressParser emailAddressParser, LabFlags flags, MeterRegistry meters) {
		// the backtest replays its corpus through plainly parsed rules: it asks no flags
		RulesBacktest backtest = new RulesBacktest(rules(properties, EmailAddressParser.PLAIN), thresholds(properties),
				properties.velocity().window(), faults.lockContention().backtestOrders(),
				faults.lockContention().backtestBudget());
		// the machine's time, as any scheduled job's: not the service's clock of business
		// time
		FaultCadence cadence = new FaultCadence(faults.lockContention().firstRunAfter(),
				faults.lockContention().period(), Clock.systemUTC());
		return new RulesCache(() -> rules(properties, emailAddressParser), backtest, flags, meters, cadence);
	}

	@Bean
	FraudScorer fraudScorer(ScoringRules scoringRules, FraudRulesProperties properties) {
		return new FraudScorer(scoringRules, thresholds(properties));
	}

	// built from configuration; the order here is the order of the reasons
	private static List<ScoringRule> rules(FraudRulesProperties properties, EmailAddressParser emailAddressParser) {
		FraudRulesProperties.HighAmount highAmount = properties.highAmount();
		FraudRulesProperties.EmailPattern email = properties.emailPattern();
		return List.of(
				new HighAmountRule(highAmount.fromCents(), highAmount.points(), highAmount.veryHighFromCents(),
						highAmount.veryHighPoints()),
				new VelocityRule(properties.velocity().orders(), properties.velocity().points()),
				new AddressMismatchRule(properties.addressMismatch().countryPoints(),
						properties.addressMismatch().postalCodePoints()),
				new EmailPatternRule(properties.disposableDomains(), email.disposableDomainPoints(), email.digitRun(),
						email.digitRunPoints(), emailAddressParser));
	}

	private static DecisionThresholds thresholds(FraudRulesProperties properties) {
		return new DecisionThresholds(properties.decision().reviewFrom(), properties.decision().denyFrom());
	}

}
