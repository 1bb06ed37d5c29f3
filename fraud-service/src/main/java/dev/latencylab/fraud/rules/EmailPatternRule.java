package dev.latencylab.fraud.rules;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.latencylab.fraud.email.EmailAddress;
import dev.latencylab.fraud.email.EmailAddressParser;
import dev.latencylab.fraud.history.CustomerHistory;
import dev.latencylab.kit.FlagContext;

/**
 * {@code EMAIL_PATTERN}: throw-away addresses. A disposable-mail domain (or a subdomain
 * of one) and a machine-made local part with a long run of digits each add points.
 */
public class EmailPatternRule implements ScoringRule {

	static final String NAME = "EMAIL_PATTERN";

	private final Set<String> disposableDomains;

	private final int disposableDomainPoints;

	private final int digitRun;

	private final Pattern digitRunPattern;

	private final int digitRunPoints;

	private final EmailAddressParser parser;

	/**
	 * A rule that splits addresses plainly ({@link EmailAddressParser#PLAIN}).
	 * @param disposableDomains domains of disposable-mail providers, any case
	 * @param disposableDomainPoints points for an address at one of them
	 * @param digitRun how many digits in a row make a local part suspicious
	 * @param digitRunPoints points for such a local part
	 */
	public EmailPatternRule(Collection<String> disposableDomains, int disposableDomainPoints, int digitRun,
			int digitRunPoints) {
		this(disposableDomains, disposableDomainPoints, digitRun, digitRunPoints, EmailAddressParser.PLAIN);
	}

	/**
	 * @param disposableDomains domains of disposable-mail providers, any case
	 * @param disposableDomainPoints points for an address at one of them
	 * @param digitRun how many digits in a row make a local part suspicious
	 * @param digitRunPoints points for such a local part
	 * @param parser how an address is split into local part and domain
	 */
	public EmailPatternRule(Collection<String> disposableDomains, int disposableDomainPoints, int digitRun,
			int digitRunPoints, EmailAddressParser parser) {
		if (digitRun < 1) {
			throw new IllegalArgumentException("digitRun must be at least 1, got " + digitRun);
		}
		this.disposableDomains = disposableDomains.stream()
			.map((domain) -> domain.trim().toLowerCase(Locale.ROOT))
			.filter((domain) -> !domain.isEmpty())
			.collect(Collectors.toUnmodifiableSet());
		this.disposableDomainPoints = disposableDomainPoints;
		this.digitRun = digitRun;
		this.digitRunPattern = Pattern.compile("[0-9]{" + digitRun + ",}");
		this.digitRunPoints = digitRunPoints;
		this.parser = parser;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public Optional<Reason> evaluate(Order order, CustomerHistory history) {
		EmailAddress address = this.parser.parse(order.email(),
				FlagContext.order(order.orderId().toString(), order.customerId()));
		String localPart = address.localPart();
		String domain = address.domain();
		int points = 0;
		List<String> findings = new ArrayList<>();
		if (isDisposable(domain)) {
			points += this.disposableDomainPoints;
			findings.add("disposable-mail domain " + domain);
		}
		if (this.digitRunPattern.matcher(localPart).find()) {
			points += this.digitRunPoints;
			findings.add(this.digitRun + " or more digits in a row in the local part");
		}
		if (findings.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(new Reason(NAME, points, String.join("; ", findings)));
	}

	private boolean isDisposable(String domain) {
		for (String disposable : this.disposableDomains) {
			if (domain.equals(disposable) || domain.endsWith("." + disposable)) {
				return true;
			}
		}
		return false;
	}

}
