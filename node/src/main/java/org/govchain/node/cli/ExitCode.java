package org.govchain.node.cli;

/** The exit codes of every govchain command, documented in {@code --help}. */
final class ExitCode {
  /** Done; for verify, the signature is valid; for replay, the history is consistent. */
  static final int OK = 0;

  /**
   * verify: the signature is well-formed but does not match the file and key; replay: an
   * inconsistency was found.
   */
  static final int INVALID = 1;

  /** Wrong usage: unknown option, missing parameter (picocli's own code). */
  static final int USAGE = 2;

  /**
   * Bad input: a missing or unreadable file, a malformed key or signature, a key of another suite.
   */
  static final int BAD_INPUT = 3;

  /** The node could not be reached or did not answer in time. */
  static final int UNAVAILABLE = 4;

  /** A bug in govchain: please report it with the message. */
  static final int INTERNAL = 70;

  static final String HELP_TEXT =
      "%nExit codes: 0 ok, 1 signature invalid (verify), answer does not hold (verify-proof)"
          + " or inconsistency found (replay), 2 usage error, 3 bad input (missing file, malformed"
          + " key or signature, wrong suite, refused transaction or query), 4 node"
          + " unreachable, 70 internal error.";

  private ExitCode() {}
}
