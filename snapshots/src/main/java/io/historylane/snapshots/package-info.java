/** historylane snapshots. */
package io.historylane.snapshots;
