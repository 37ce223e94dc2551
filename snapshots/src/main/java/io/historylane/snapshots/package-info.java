/**
 * Consistent named snapshot cuts across Iceberg and Paimon tables, and the publish step of
 * write-audit-publish.
 *
 * <p>A cut says "these tables, as they were at T": every table gets a tag of the same name on its
 * last snapshot committed at or before T, and the cut is recorded in the cut manifest, an Iceberg
 * table in the operations namespace. Cutting, listing, verifying and dropping are metadata only:
 * no data file is read and no Spark job runs. Entry point: {@link io.historylane.snapshots.SnapshotActions}.
 */
package io.historylane.snapshots;
