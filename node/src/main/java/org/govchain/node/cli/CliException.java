package org.govchain.node.cli;

/** A failure to report to the operator as one line, with its exit code. */
final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int exitCode;

  CliException(int exitCode, String message) {
    super(message, null, false, false);
    this.exitCode = exitCode;
  }

  static CliException badInput(String message) {
    return new CliException(ExitCode.BAD_INPUT, message);
  }

  int exitCode() {
    return exitCode;
  }
}
