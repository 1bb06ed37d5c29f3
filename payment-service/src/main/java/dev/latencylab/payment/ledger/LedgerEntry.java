package dev.latencylab.payment.ledger;

import java.time.Instant;
import java.util.UUID;

/**
 * One money movement of a payment.
 *
 * @param entryId the entry
 * @param paymentId the payment that moved money
 * @param orderId the order the payment is for
 * @param type what kind of movement
 * @param amountCents how much, in cents
 * @param currency the ISO 4217 currency code
 * @param createdAt when it was recorded
 */
public record LedgerEntry(UUID entryId, UUID paymentId, UUID orderId, LedgerEntryType type, long amountCents,
		String currency, Instant createdAt) {
}
