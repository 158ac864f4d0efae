package org.govchain.subchains;

import com.google.protobuf.ByteString;
import com.google.protobuf.ProtocolMessageEnum;
import java.util.List;
import java.util.regex.Pattern;
import org.govchain.core.MalformedInputException;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.crypto.Hash;
import org.govchain.core.crypto.PublicKey;
import org.govchain.subchains.ids.CreditCode;
import org.govchain.subchains.ids.LicenseIdentifier;

/** Stateless checks of payload fields; each failure is a {@link RefusalCode#MALFORMED_PAYLOAD}. */
public final class Fields {
  public static final int MAX_NAME_CHARS = 128;
  public static final int MAX_TEXT_CHARS = 1024;
  public static final int MAX_LIST_ENTRIES = 256;

  /** Codes of data items and materials. */
  public static final Pattern ITEM_CODE = Pattern.compile("[a-z][a-z0-9_]{0,31}");

  /** Terminal ids, like node ids. */
  public static final Pattern TERMINAL_ID = Pattern.compile("[a-z][a-z0-9-]{0,63}");

  /** Catalog resource codes, e.g. 110108-ZZ-0001. */
  public static final Pattern RESOURCE_CODE = Pattern.compile("[0-9A-Z][0-9A-Z-]{0,39}");

  private Fields() {}

  public static Refusal malformed(String message) {
    return new Refusal(RefusalCode.MALFORMED_PAYLOAD, message);
  }

  public static void require(boolean condition, String message) throws Refusal {
    if (!condition) {
      throw malformed(message);
    }
  }

  /** Non-blank text of at most {@code maxChars} characters without control characters. */
  public static void text(String value, String field, int maxChars) throws Refusal {
    require(!value.isBlank(), field + " is missing");
    optionalText(value, field, maxChars);
  }

  public static void optionalText(String value, String field, int maxChars) throws Refusal {
    require(value.length() <= maxChars, field + " is over " + maxChars + " characters");
    for (int i = 0; i < value.length(); i++) {
      require(!Character.isISOControl(value.charAt(i)), field + " contains a control character");
    }
  }

  public static void matches(String value, Pattern pattern, String field) throws Refusal {
    require(
        value.length() <= MAX_NAME_CHARS && pattern.matcher(value).matches(),
        field + " '" + shown(value) + "' does not match " + pattern.pattern());
  }

  public static void creditCode(String value, String field) throws Refusal {
    String problem = CreditCode.problem(value);
    require(problem == null, field + ": " + problem);
  }

  public static void licenseTypeCode(String value, String field) throws Refusal {
    require(
        value.length() <= MAX_NAME_CHARS && LicenseIdentifier.isTypeCode(value),
        field + " '" + shown(value) + "' is not a licence-type code (credit code + W + 3 digits)");
  }

  public static LicenseIdentifier licenseId(String value, String field) throws Refusal {
    try {
      return LicenseIdentifier.parse(value);
    } catch (MalformedInputException e) {
      throw malformed(field + ": " + e.getMessage());
    }
  }

  public static Hash hash(ByteString value, String field) throws Refusal {
    try {
      return Hash.decode(value, field);
    } catch (MalformedInputException e) {
      throw malformed(e.getMessage());
    }
  }

  public static PublicKey publicKey(CryptoSuite suite, ByteString value, String field)
      throws Refusal {
    try {
      return suite.decodePublicKey(value.toByteArray());
    } catch (MalformedInputException e) {
      throw malformed(field + " is not a " + suite.id().describe() + " key: " + e.getMessage());
    }
  }

  /** A named enum value: not the zero "unspecified" value, not a number unknown to this version. */
  public static void known(ProtocolMessageEnum value, String field) throws Refusal {
    boolean unrecognized = value instanceof Enum<?> e && e.name().equals("UNRECOGNIZED");
    require(!unrecognized && value.getNumber() != 0, field + " is missing or unknown");
  }

  /** Sorted ascending and distinct (the one canonical order of a set), at most the list limit. */
  public static void sortedDistinct(List<String> values, String field) throws Refusal {
    require(
        values.size() <= MAX_LIST_ENTRIES, field + " has over " + MAX_LIST_ENTRIES + " entries");
    for (int i = 1; i < values.size(); i++) {
      require(
          values.get(i - 1).compareTo(values.get(i)) < 0,
          field + " must be sorted and distinct ('" + shown(values.get(i)) + "')");
    }
  }

  public static void nonNegative(long value, String field) throws Refusal {
    require(value >= 0, field + " must not be negative");
  }

  static String shown(String value) {
    return value.length() <= 40 ? value : value.substring(0, 37) + "...";
  }
}
