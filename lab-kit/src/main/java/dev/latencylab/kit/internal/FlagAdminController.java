package dev.latencylab.kit.internal;

import java.util.Arrays;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.latencylab.kit.BlindDrill;
import dev.latencylab.kit.FlagContext;
import dev.latencylab.kit.FlagFile;
import dev.latencylab.kit.LabFlags;
import dev.latencylab.kit.ProblemException;
import dev.latencylab.kit.Scenario;

/**
 * The admin API of the lab's flags and scenarios, on every service (behind the admin
 * token, like everything under {@code /admin}). All services share one flags file, so a
 * change made through any of them reaches all of them.
 */
@RestController
public class FlagAdminController {

	private final FlagFile flags;

	private final LabFlags labFlags;

	public FlagAdminController(FlagFile flags, LabFlags labFlags) {
		this.flags = flags;
		this.labFlags = labFlags;
	}

	@GetMapping("/admin/flags")
	List<FlagFile.FlagState> flags() {
		return this.flags.list();
	}

	/**
	 * A flag as written in the file and as this service evaluates it right now, which
	 * tells whether a change has reached it.
	 * @param key the flag
	 * @return the flag's state and this service's reading of it for a request about no
	 * particular order
	 */
	@GetMapping("/admin/flags/{key}")
	FlagReading flag(@PathVariable @Pattern(regexp = "[a-z0-9-]{1,64}") String key) {
		FlagFile.FlagState state = this.flags.find(key).orElseThrow(() -> FlagFile.unknownFlag(key));
		if (BlindDrill.FLAG.equals(key)) {
			// not on or off: whether this service hides the catalogue's flags now
			return new FlagReading(state, this.labFlags.isBlind() ? BlindDrill.BLIND : BlindDrill.OPEN);
		}
		return new FlagReading(state, this.labFlags.isOn(key, FlagContext.none()) ? LabFlags.ON : "off");
	}

	@PutMapping("/admin/flags/{key}")
	FlagFile.FlagState change(@PathVariable @Pattern(regexp = "[a-z0-9-]{1,64}") String key,
			@RequestBody FlagChange change) {
		if ((change.variant() == null) == (change.percent() == null)) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
					"Give either a variant ({\"variant\": \"on\"}) or a rollout share ({\"percent\": 10}), not both.");
		}
		if (change.percent() != null) {
			if (change.percent() < 0 || change.percent() > 100) {
				throw new ProblemException(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
						"percent must be between 0 and 100, not " + change.percent() + ".")
					.with("errors", List.of(java.util.Map.of("field", "percent", "message", "must be 0 to 100")));
			}
			return this.flags.rollout(key, change.percent());
		}
		return this.flags.set(key, change.variant());
	}

	@GetMapping("/admin/scenarios")
	List<ScenarioView> scenarios() {
		return Arrays.stream(Scenario.values())
			.map((scenario) -> new ScenarioView(scenario.flag(), scenario.service(), scenario.causeClass(),
					scenario.mechanism(), scenario.evidence(), scenario.fixFlag(), scenario.fix()))
			.toList();
	}

	/**
	 * @param flag the flag as written in the file
	 * @param evaluated what this service evaluates it to now
	 */
	record FlagReading(FlagFile.FlagState flag, String evaluated) {
	}

	/**
	 * @param variant the variant to serve to everyone
	 * @param percent the share of orders to serve {@code on}
	 */
	record FlagChange(String variant, @Min(0) @Max(100) Integer percent) {
	}

	/**
	 * A scenario of the catalogue.
	 *
	 * @param name its name and fault flag
	 * @param service the service it lives in
	 * @param causeClass the class of cause
	 * @param mechanism what happens
	 * @param evidence where it shows
	 * @param fixFlag the flag of its fix
	 * @param fix what the fix does
	 */
	record ScenarioView(String name, String service, String causeClass, String mechanism, String evidence,
			String fixFlag, String fix) {
	}

}
