package dev.latencylab.toolkit.canary;

import java.time.Duration;
import java.util.regex.Pattern;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.latencylab.kit.ProblemException;

/**
 * A canary's verdict on demand ({@code toolkit canary FLAG --since 3m}), behind the admin
 * token like every decision about the lab.
 */
@RestController
class CanaryController {

	private static final Pattern FLAG = Pattern.compile("[a-z0-9][a-z0-9-]{0,80}");

	private static final Duration LONGEST = Duration.ofHours(6);

	private final Canary canary;

	CanaryController(Canary canary) {
		this.canary = canary;
	}

	/**
	 * @param request {@code {"flag": "inventory-slow-query-fix", "since": "3m"}}
	 * @return the verdict
	 */
	@PostMapping("/admin/canaries")
	CanaryVerdict judge(@RequestBody CanaryRequest request) {
		if (request.flag() == null || !FLAG.matcher(request.flag()).matches()) {
			throw invalid("'flag' is a flag's key such as inventory-slow-query-fix; got '" + request.flag() + "'.");
		}
		Duration since;
		try {
			since = DurationStyle.detectAndParse((request.since() != null) ? request.since() : "");
		}
		catch (IllegalArgumentException ex) {
			throw invalid("'since' is a duration such as 3m or 90s; got '" + request.since() + "'.");
		}
		if (since.toSeconds() < 10 || since.compareTo(LONGEST) > 0) {
			throw invalid("'since' is from 10s to 6h; got " + request.since() + ".");
		}
		return this.canary.judge(request.flag(), since);
	}

	private static ProblemException invalid(String detail) {
		return new ProblemException(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", detail);
	}

	/**
	 * @param flag the fix's flag
	 * @param since how far back the window opens
	 */
	record CanaryRequest(String flag, String since) {
	}

}
