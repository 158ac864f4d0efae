package org.govchain.subchains.ids;

import java.time.DateTimeException;
import java.time.LocalDate;
import org.govchain.core.MalformedInputException;

/**
 * A citizen identity number (公民身份号码, GB 11643-1999): 6-digit address code, 8-digit birth date,
 * 3-digit sequence (odd for men, even for women) and an ISO 7064 MOD 11-2 check character ('0'-'9'
 * or 'X').
 */
public record CitizenIdNumber(String value) {
  public static final int LENGTH = 18;
  private static final String CHECK_CHARACTERS = "10X98765432";

  public CitizenIdNumber {
    String problem = problem(value);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
  }

  /** Parses an ID number from outside input. */
  public static CitizenIdNumber parse(String text) throws MalformedInputException {
    String problem = problem(text);
    if (problem != null) {
      throw new MalformedInputException(problem);
    }
    return new CitizenIdNumber(text);
  }

  /** Builds a number from its parts, computing the check character. */
  public static CitizenIdNumber of(String addressCode, LocalDate birthDate, int sequence) {
    if (!addressCode.matches("[0-9]{6}") || sequence < 0 || sequence > 999) {
      throw new IllegalArgumentException("address code must be 6 digits and sequence 0..999");
    }
    String body =
        addressCode
            + String.format(
                "%04d%02d%02d%03d",
                birthDate.getYear(),
                birthDate.getMonthValue(),
                birthDate.getDayOfMonth(),
                sequence);
    return new CitizenIdNumber(body + checkCharacter(body));
  }

  /** The check character of the first 17 digits. */
  public static char checkCharacter(CharSequence body) {
    if (body.length() < LENGTH - 1) {
      throw new IllegalArgumentException("an ID number body is 17 digits");
    }
    int sum = 0;
    int weight = 1;
    // Weight of position i (from the left, 1-based) is 2^(18-i) mod 11; walk from the right.
    int[] weights = new int[LENGTH - 1];
    for (int i = LENGTH - 2; i >= 0; i--) {
      weight = (weight * 2) % 11;
      weights[i] = weight;
    }
    for (int i = 0; i < LENGTH - 1; i++) {
      char c = body.charAt(i);
      if (c < '0' || c > '9') {
        throw new IllegalArgumentException("an ID number body is digits only");
      }
      sum += (c - '0') * weights[i];
    }
    return CHECK_CHARACTERS.charAt(sum % 11);
  }

  /** Why {@code text} is not a valid ID number, or null. */
  public static String problem(String text) {
    if (text == null || !text.matches("[0-9]{17}[0-9X]")) {
      return "an ID number is 17 digits and a check character (0-9 or X)";
    }
    try {
      LocalDate.of(
          Integer.parseInt(text.substring(6, 10)),
          Integer.parseInt(text.substring(10, 12)),
          Integer.parseInt(text.substring(12, 14)));
    } catch (DateTimeException e) {
      return "ID number has an impossible birth date";
    }
    if (checkCharacter(text) != text.charAt(17)) {
      return "ID number check character is wrong";
    }
    return null;
  }

  public String addressCode() {
    return value.substring(0, 6);
  }

  public LocalDate birthDate() {
    return LocalDate.of(
        Integer.parseInt(value.substring(6, 10)),
        Integer.parseInt(value.substring(10, 12)),
        Integer.parseInt(value.substring(12, 14)));
  }

  /** Odd sequence numbers are given to men. */
  public boolean male() {
    return (value.charAt(16) - '0') % 2 == 1;
  }

  @Override
  public String toString() {
    // Personal data: show only the address code.
    return "CitizenIdNumber[" + value.substring(0, 6) + "************]";
  }
}
