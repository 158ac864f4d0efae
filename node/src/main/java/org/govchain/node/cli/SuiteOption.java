package org.govchain.node.cli;

import org.govchain.core.MalformedInputException;
import org.govchain.core.crypto.SuiteId;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses --suite SM|INTL (any case) with a message that lists the choices. */
final class SuiteOption implements ITypeConverter<SuiteId> {
  @Override
  public SuiteId convert(String value) {
    try {
      return SuiteId.parse(value);
    } catch (MalformedInputException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }

  /** Refuses a key whose suite is not the one the operator asked for. */
  static void requireMatch(SuiteId requested, SuiteId keySuite, String keyFile) {
    if (requested != null && requested != keySuite) {
      throw CliException.badInput(
          "key "
              + keyFile
              + " is a suite "
              + keySuite.describe()
              + " key, not suite "
              + requested.describe());
    }
  }
}
