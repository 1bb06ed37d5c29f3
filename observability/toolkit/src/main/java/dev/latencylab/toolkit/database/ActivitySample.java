package dev.latencylab.toolkit.database;

import java.time.Instant;
import java.util.List;

/**
 * The client sessions that were not idle at one moment.
 *
 * @param at when the sample was taken
 * @param sessions the sessions running a statement or sitting in an open transaction
 */
public record ActivitySample(Instant at, List<Session> sessions) {
}
