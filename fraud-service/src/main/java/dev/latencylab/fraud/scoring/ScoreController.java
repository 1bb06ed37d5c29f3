package dev.latencylab.fraud.scoring;

import java.util.UUID;

import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.latencylab.fraud.rules.Assessment;
import dev.latencylab.kit.ProblemException;

@RestController
@RequestMapping("/api/fraud/scores")
class ScoreController {

	private final ScoringService scoring;

	ScoreController(ScoringService scoring) {
		this.scoring = scoring;
	}

	@PostMapping
	Assessment score(@Valid @RequestBody ScoreRequest request) {
		return this.scoring.score(request.toOrder());
	}

	@GetMapping("/{orderId}")
	Assessment assessment(@PathVariable UUID orderId) {
		return this.scoring.find(orderId)
			.orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "unknown-assessment", "Unknown assessment",
					"No assessment exists for order " + orderId + "."));
	}

}
