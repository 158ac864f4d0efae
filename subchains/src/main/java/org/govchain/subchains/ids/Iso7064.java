package org.govchain.subchains.ids;

import org.govchain.core.Invariants;

/**
 * ISO/IEC 7064 hybrid systems MOD (M+1),M (GB/T 17710). With M = 36 ("MOD 37,36") over the digits
 * and upper-case letters it is the check character of GB/T 36904 licence identifiers; with M = 10
 * ("MOD 11,10") it is the check digit of, for example, Croatian personal identification numbers.
 */
public final class Iso7064 {
  private static final String ALPHABET_36 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

  private Iso7064() {}

  /** The MOD 37,36 check character of {@code text} (digits and upper-case letters only). */
  public static char mod3736(CharSequence text) {
    return ALPHABET_36.charAt(checkValue(text, 36));
  }

  /** The MOD 11,10 check digit of {@code digits}. */
  public static char mod1110(CharSequence digits) {
    return (char) ('0' + checkValue(digits, 10));
  }

  /** Whether {@code c} may appear in a MOD 37,36 input. */
  public static boolean isMod3736Character(char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
  }

  private static int checkValue(CharSequence text, int modulus) {
    int product = modulus;
    for (int i = 0; i < text.length(); i++) {
      int value = value(text.charAt(i));
      Invariants.argument(
          value < modulus, "character '%s' is outside the alphabet", text.charAt(i));
      int sum = (product + value) % modulus;
      if (sum == 0) {
        sum = modulus;
      }
      product = (2 * sum) % (modulus + 1);
    }
    return (modulus + 1 - product) % modulus;
  }

  private static int value(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'A' && c <= 'Z') {
      return c - 'A' + 10;
    }
    throw new IllegalArgumentException("character '" + c + "' is outside the alphabet");
  }
}
