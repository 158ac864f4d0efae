package org.govchain.subchains.ids;

/**
 * The 9-character organization code (组织机构代码, GB 11714-1997) embedded in positions 9-17 of a unified
 * social credit code: 8 body characters (digits, upper-case letters) and a check character.
 */
public final class OrganizationCode {
  private static final int[] WEIGHTS = {3, 7, 9, 10, 5, 8, 4, 2};

  private OrganizationCode() {}

  /** The check character ('0'-'9' or 'X') of an 8-character body. */
  public static char checkCharacter(CharSequence body) {
    if (body.length() < 8) {
      throw new IllegalArgumentException("an organization code body is 8 characters");
    }
    int sum = 0;
    for (int i = 0; i < 8; i++) {
      sum += value(body.charAt(i)) * WEIGHTS[i];
    }
    int check = 11 - sum % 11;
    if (check == 10) {
      return 'X';
    }
    return check == 11 ? '0' : (char) ('0' + check);
  }

  /** Whether a 9-character code has the right check character. */
  public static boolean isValid(String code) {
    if (code.length() != 9 || !code.substring(0, 8).matches("[0-9A-Z]{8}")) {
      return false;
    }
    return checkCharacter(code) == code.charAt(8);
  }

  private static int value(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'A' && c <= 'Z') {
      return c - 'A' + 10;
    }
    throw new IllegalArgumentException("organization code characters are 0-9 and A-Z");
  }
}
