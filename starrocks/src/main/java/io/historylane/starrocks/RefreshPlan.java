package io.historylane.starrocks;

import java.util.List;

/**
 * What StarRocks must be told about a change set: the external-table refreshes first, then the
 * materialized-view refreshes that read them. Empty when nothing changed: then nothing is sent.
 */
public record RefreshPlan(List<RefreshStatement> statements) {
  public RefreshPlan {
    statements = List.copyOf(statements);
  }

  public boolean isEmpty() {
    return statements.isEmpty();
  }

  public List<String> sql() {
    return statements.stream().map(RefreshStatement::sql).toList();
  }
}
