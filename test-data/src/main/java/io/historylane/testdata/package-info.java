/** historylane testdata. */
package io.historylane.testdata;
