package org.govchain.node.audit;

/**
 * An export file that is not in the export format: wrong magic or version, a length over its limit,
 * a malformed message, missing records or a truncated end.
 */
public final class ExportFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  public ExportFormatException(String message) {
    super(message);
  }

  public ExportFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
