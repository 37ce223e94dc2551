package io.historylane.core.report;

import java.time.Instant;

/** One named step of a run, with its timing and how it ended. */
public record StepReport(String name, Instant startedAt, long durationMs, String outcome, String message) {}
