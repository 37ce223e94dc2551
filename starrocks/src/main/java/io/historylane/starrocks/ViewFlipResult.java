package io.historylane.starrocks;

import java.util.List;

/**
 * A view flip as run reports record it.
 *
 * @param previousDefinition the view's {@code SHOW CREATE VIEW} before the flip: run it (as
 *     {@code ALTER VIEW}) to undo; null in a dry run
 * @param statements what was sent (or, in a dry run, would be), in order
 */
public record ViewFlipResult(String view, String target, String previousDefinition, List<String> statements,
    boolean dryRun) {
  public ViewFlipResult {
    statements = List.copyOf(statements);
  }
}
