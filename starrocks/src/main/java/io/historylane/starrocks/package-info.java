/** historylane starrocks. */
package io.historylane.starrocks;
