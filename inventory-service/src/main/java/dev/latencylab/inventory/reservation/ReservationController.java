package dev.latencylab.inventory.reservation;

import java.net.URI;
import java.util.UUID;

import jakarta.validation.Valid;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/reservations")
class ReservationController {

	private final ReservationService reservations;

	ReservationController(ReservationService reservations) {
		this.reservations = reservations;
	}

	@PostMapping
	ResponseEntity<Reservation> reserve(@Valid @RequestBody ReserveRequest request) {
		ReservationService.Outcome outcome = this.reservations.reserve(request);
		if (!outcome.created()) {
			return ResponseEntity.ok(outcome.reservation());
		}
		return ResponseEntity.created(URI.create("/api/reservations/" + outcome.reservation().reservationId()))
			.body(outcome.reservation());
	}

	@GetMapping("/{reservationId}")
	Reservation reservation(@PathVariable UUID reservationId) {
		return this.reservations.find(reservationId);
	}

	@PostMapping("/{reservationId}/confirm")
	Reservation confirm(@PathVariable UUID reservationId) {
		return this.reservations.confirm(reservationId);
	}

	@PostMapping("/{reservationId}/release")
	Reservation release(@PathVariable UUID reservationId) {
		return this.reservations.release(reservationId);
	}

}
