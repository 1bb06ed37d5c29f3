package dev.latencylab.fraud.scoring;

import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ScoringConfiguration {

	@Bean
	ScoringRules scoringRules(FraudRulesProperties properties) {
		FraudRulesProperties.HighAmount highAmount = properties.highAmount();
		FraudRulesProperties.EmailPattern email = properties.emailPattern();
		// built once from configuration; the order here is the order of the reasons
		return ScoringRules.fixed(List.of(
				new HighAmountRule(highAmount.fromCents(), highAmount.points(), highAmount.veryHighFromCents(),
						highAmount.veryHighPoints()),
				new VelocityRule(properties.velocity().orders(), properties.velocity().points()),
				new AddressMismatchRule(properties.addressMismatch().countryPoints(),
						properties.addressMismatch().postalCodePoints()),
				new EmailPatternRule(properties.disposableDomains(), email.disposableDomainPoints(), email.digitRun(),
						email.digitRunPoints())));
	}

	@Bean
	FraudScorer fraudScorer(ScoringRules scoringRules, FraudRulesProperties properties) {
		return new FraudScorer(scoringRules,
				new DecisionThresholds(properties.decision().reviewFrom(), properties.decision().denyFrom()));
	}

}
