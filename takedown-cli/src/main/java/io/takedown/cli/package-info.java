/**
 * The {@code takedown} command line: picocli commands that parse options, call the domain modules and
 * print results. No domain logic lives here; exit codes are defined in {@link io.takedown.cli.ExitCodes}.
 */
package io.takedown.cli;
