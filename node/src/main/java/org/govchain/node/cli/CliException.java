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

  /**
   * A node's gRPC error as the operator sees it: a refusal of what was asked (malformed, not
   * allowed, not found, refused by the rules) is bad input; anything else means the node could not
   * answer.
   */
  static CliException fromNode(Object target, io.grpc.StatusRuntimeException e) {
    io.grpc.Status.Code code = e.getStatus().getCode();
    boolean refused =
        switch (code) {
          case INVALID_ARGUMENT,
              FAILED_PRECONDITION,
              NOT_FOUND,
              ALREADY_EXISTS,
              PERMISSION_DENIED,
              OUT_OF_RANGE ->
              true;
          default -> false;
        };
    String description = e.getStatus().getDescription();
    return new CliException(
        refused ? ExitCode.BAD_INPUT : ExitCode.UNAVAILABLE,
        "node " + target + ": " + code + (description == null ? "" : " " + description));
  }

  int exitCode() {
    return exitCode;
  }
}
