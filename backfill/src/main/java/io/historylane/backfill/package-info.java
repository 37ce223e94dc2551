/** historylane backfill. */
package io.historylane.backfill;
