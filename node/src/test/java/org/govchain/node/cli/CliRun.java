package org.govchain.node.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process run of the govchain command line, with what it printed. */
record CliRun(int exitCode, String out, String err) {
  static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    picocli.CommandLine commandLine = GovchainCommand.newCommandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exitCode = commandLine.execute(args);
    return new CliRun(exitCode, out.toString(), err.toString());
  }

  /** The error output is exactly one line. */
  boolean oneLineError() {
    return !err.isBlank() && err.strip().lines().count() == 1;
  }
}
