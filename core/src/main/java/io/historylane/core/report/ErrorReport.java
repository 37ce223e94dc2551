package io.historylane.core.report;

/** The failure that ended a run: its kind and the one-line message the user saw. */
public record ErrorReport(String type, String message) {}
