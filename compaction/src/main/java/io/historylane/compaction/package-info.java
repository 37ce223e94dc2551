/** historylane compaction. */
package io.historylane.compaction;
