package dev.latencylab.payment.ledger;

import java.util.List;
import java.util.UUID;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class LedgerController {

	private final Ledger ledger;

	LedgerController(Ledger ledger) {
		this.ledger = ledger;
	}

	@GetMapping("/api/ledger")
	List<LedgerEntry> entries(@RequestParam UUID orderId) {
		return this.ledger.entriesOf(orderId);
	}

}
