/** Tabular output of commands as CSV, JSON lines or an aligned table, with a fixed column order. */
package io.takedown.cli.output;
