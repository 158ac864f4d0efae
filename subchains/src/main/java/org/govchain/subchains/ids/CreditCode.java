package org.govchain.subchains.ids;

import org.govchain.core.MalformedInputException;

/**
 * A unified social credit code (统一社会信用代码, GB 32100-2015): registration authority (1), kind of
 * entity (1), administrative division (6), organization code (9), check character (1), over the 31
 * characters 0-9 and A-Z without I, O, Z, S, V.
 */
public record CreditCode(String value) {
  public static final int LENGTH = 18;
  static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  private static final int[] WEIGHTS = {
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28
  };

  public CreditCode {
    String problem = problem(value);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
  }

  public static CreditCode parse(String text) throws MalformedInputException {
    String problem = problem(text);
    if (problem != null) {
      throw new MalformedInputException(problem);
    }
    return new CreditCode(text);
  }

  /** Completes a 17-character body with its check character. */
  public static CreditCode withCheckCharacter(String body) {
    return new CreditCode(body + checkCharacter(body));
  }

  public static char checkCharacter(CharSequence body) {
    if (body.length() < LENGTH - 1) {
      throw new IllegalArgumentException("a credit code body is 17 characters");
    }
    int sum = 0;
    for (int i = 0; i < LENGTH - 1; i++) {
      int value = ALPHABET.indexOf(body.charAt(i));
      if (value < 0) {
        throw new IllegalArgumentException(
            "'" + body.charAt(i) + "' is not a credit code character");
      }
      sum += value * WEIGHTS[i];
    }
    return ALPHABET.charAt((31 - sum % 31) % 31);
  }

  /** Why {@code text} is not a valid credit code, or null. */
  public static String problem(String text) {
    if (text == null || text.length() != LENGTH) {
      return "a unified social credit code is 18 characters";
    }
    for (int i = 0; i < LENGTH; i++) {
      if (ALPHABET.indexOf(text.charAt(i)) < 0) {
        return "'" + text.charAt(i) + "' is not a credit code character (0-9, A-Y without I O S V)";
      }
    }
    if (checkCharacter(text) != text.charAt(LENGTH - 1)) {
      return "credit code " + text + " has a wrong check character";
    }
    return null;
  }

  public static boolean isValid(String text) {
    return problem(text) == null;
  }

  /** The administrative division code (positions 3-8). */
  public String divisionCode() {
    return value.substring(2, 8);
  }

  /** The embedded GB 11714 organization code (positions 9-17). */
  public String organizationCode() {
    return value.substring(8, 17);
  }

  @Override
  public String toString() {
    return value;
  }
}
