package dev.latencylab.runner.audit;

/**
 * A rule the lab's data must keep whatever happened to its processes.
 *
 * @param name a short name, the same in every output
 * @param rule what must hold, for people
 * @param violations SQL that selects one line of text per violation, for people
 */
public record Invariant(String name, String rule, String violations) {
}
