package dev.latencylab.fraud.rules;

/**
 * Why a rule added points to a score.
 *
 * @param rule the rule's name, e.g. {@code HIGH_AMOUNT}
 * @param points the points it added
 * @param detail what it found, for people
 */
public record Reason(String rule, int points, String detail) {

}
