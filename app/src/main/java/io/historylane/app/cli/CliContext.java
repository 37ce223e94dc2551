package io.historylane.app.cli;

import io.historylane.core.config.Environment;
import java.io.PrintStream;

/**
 * Where a command writes and reads: its output streams, its environment, and whether this is the
 * preflight JVM of bin/historylane (validate, answer what needs no Spark, hand over the rest).
 */
public record CliContext(PrintStream out, PrintStream err, Environment env, boolean preflight) {}
