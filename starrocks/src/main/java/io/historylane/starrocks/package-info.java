/**
 * Telling StarRocks what changed: a change set becomes a {@link io.historylane.starrocks.RefreshPlan}
 * ({@link io.historylane.starrocks.RefreshPlanner}), which {@link io.historylane.starrocks.StarRocksRefresh}
 * sends over the MySQL protocol; {@link io.historylane.starrocks.ViewFlip} moves versioned view pointers.
 */
package io.historylane.starrocks;
