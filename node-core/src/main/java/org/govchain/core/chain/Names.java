package org.govchain.core.chain;

import java.util.regex.Pattern;
import org.govchain.core.MalformedInputException;

/** The one rule for chain and node names: {@code [a-z][a-z0-9-]{0,63}}. */
final class Names {
  static final int MAX_LENGTH = 64;
  private static final Pattern FORM = Pattern.compile("[a-z][a-z0-9-]{0,63}");

  private Names() {}

  static void require(String kind, String value) {
    if (!FORM.matcher(value).matches()) {
      throw new IllegalArgumentException("invalid " + kind + " '" + value + "'");
    }
  }

  static void check(String kind, String text) throws MalformedInputException {
    if (text.length() > MAX_LENGTH || !FORM.matcher(text).matches()) {
      String shown = text.length() <= 80 ? text : text.substring(0, 77) + "...";
      throw new MalformedInputException(
          "invalid "
              + kind
              + " '"
              + shown
              + "': lower-case letters, digits and '-', starting with a letter, at most 64");
    }
  }
}
