package org.govchain.core;

/**
 * Always-on checks for programmer errors: conditions that hold unless the code itself is wrong.
 *
 * <p>These are not for bad input (a peer, client, file or command line gets a typed error and
 * changes nothing); they are for "this cannot happen" — and if it does, the process must stop
 * before it persists or sends something wrong. They stay enabled in production, unlike {@code
 * assert}. Overloads take primitive arguments so a passing check neither boxes nor formats.
 */
public final class Invariants {
  private Invariants() {}

  /** Fails with {@link InvariantViolation} when {@code condition} is false. */
  public static void check(boolean condition, String message) {
    if (!condition) {
      throw new InvariantViolation(message);
    }
  }

  public static void check(boolean condition, String format, long a) {
    if (!condition) {
      throw new InvariantViolation(String.format(format, a));
    }
  }

  public static void check(boolean condition, String format, long a, long b) {
    if (!condition) {
      throw new InvariantViolation(String.format(format, a, b));
    }
  }

  public static void check(boolean condition, String format, Object a) {
    if (!condition) {
      throw new InvariantViolation(String.format(format, a));
    }
  }

  public static void check(boolean condition, String format, Object a, Object b) {
    if (!condition) {
      throw new InvariantViolation(String.format(format, a, b));
    }
  }

  /** Returns {@code value}, failing when it is null. */
  public static <T> T nonNull(T value, String what) {
    if (value == null) {
      throw new InvariantViolation(what + " must not be null");
    }
    return value;
  }

  /**
   * Checks an argument passed by other code of this program (not outside input): fails with {@link
   * IllegalArgumentException}.
   */
  public static void argument(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }

  public static void argument(boolean condition, String format, long a) {
    if (!condition) {
      throw new IllegalArgumentException(String.format(format, a));
    }
  }

  public static void argument(boolean condition, String format, long a, long b) {
    if (!condition) {
      throw new IllegalArgumentException(String.format(format, a, b));
    }
  }

  public static void argument(boolean condition, String format, Object a) {
    if (!condition) {
      throw new IllegalArgumentException(String.format(format, a));
    }
  }
}
