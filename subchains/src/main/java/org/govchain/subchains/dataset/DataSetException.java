package org.govchain.subchains.dataset;

import org.govchain.core.MalformedInputException;

/** A data-set file that cannot be loaded: the message names the file and the entry. */
public final class DataSetException extends MalformedInputException {
  private static final long serialVersionUID = 1L;

  public DataSetException(String message) {
    super(message);
  }

  public DataSetException(String message, Throwable cause) {
    super(message, cause);
  }
}
