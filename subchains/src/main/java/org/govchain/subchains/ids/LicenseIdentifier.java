package org.govchain.subchains.ids;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.govchain.core.MalformedInputException;

/**
 * An electronic licence identifier in the style of GB/T 36904: {@code 1.2.156.3005.2.<licence-type
 * code>.<issuer credit code>.<serial>.<version>.<check>}. The licence-type code is the defining
 * authority's credit code, 'W' and 3 digits; the serial is 1-20 digits, the version 1-3 digits
 * without leading zero; the check character is ISO/IEC 7064 MOD 37,36 over every character before
 * it with the dots removed.
 */
public record LicenseIdentifier(
    String typeCode, String issuerCode, String serial, int version, char check) {
  public static final String ROOT = "1.2.156.3005.2";
  public static final int MAX_LENGTH = 80;
  private static final Pattern TYPE_CODE = Pattern.compile("([0-9A-Z]{18})W([0-9]{3})");
  private static final Pattern FORM =
      Pattern.compile(
          Pattern.quote(ROOT)
              + "\\.([0-9A-Z]{18}W[0-9]{3})\\.([0-9A-Z]{18})\\.([0-9]{1,20})\\.([1-9][0-9]{0,2})"
              + "\\.([0-9A-Z])");

  public LicenseIdentifier {
    if (!isTypeCode(typeCode)
        || !CreditCode.isValid(issuerCode)
        || !serial.matches("[0-9]{1,20}")
        || version < 1
        || version > 999
        || check != checkCharacter(typeCode, issuerCode, serial, version)) {
      throw new IllegalArgumentException("not a valid licence identifier");
    }
  }

  /** A new identifier, computing its check character. */
  public static LicenseIdentifier of(
      String typeCode, String issuerCode, String serial, int version) {
    return new LicenseIdentifier(
        typeCode,
        issuerCode,
        serial,
        version,
        checkCharacter(typeCode, issuerCode, serial, version));
  }

  public static LicenseIdentifier parse(String text) throws MalformedInputException {
    if (text.length() > MAX_LENGTH) {
      throw new MalformedInputException("licence identifier is over " + MAX_LENGTH + " characters");
    }
    Matcher matcher = FORM.matcher(text);
    if (!matcher.matches()) {
      throw new MalformedInputException(
          "licence identifier must look like "
              + ROOT
              + ".<type>.<issuer>.<serial>.<version>.<check>");
    }
    String typeCode = matcher.group(1);
    String issuerCode = matcher.group(2);
    if (!isTypeCode(typeCode)) {
      throw new MalformedInputException(
          "licence-type code " + typeCode + " has a bad authority code");
    }
    if (!CreditCode.isValid(issuerCode)) {
      throw new MalformedInputException("issuer credit code " + issuerCode + " is not valid");
    }
    String serial = matcher.group(3);
    int version = Integer.parseInt(matcher.group(4));
    char check = matcher.group(5).charAt(0);
    if (check != checkCharacter(typeCode, issuerCode, serial, version)) {
      throw new MalformedInputException("licence identifier check character is wrong");
    }
    return new LicenseIdentifier(typeCode, issuerCode, serial, version, check);
  }

  /** Whether {@code code} is a licence-type code: a valid credit code, 'W', 3 digits. */
  public static boolean isTypeCode(String code) {
    Matcher matcher = TYPE_CODE.matcher(code);
    return matcher.matches() && CreditCode.isValid(matcher.group(1));
  }

  /** The defining authority's credit code inside a licence-type code. */
  public static String authorityOf(String typeCode) {
    return typeCode.substring(0, CreditCode.LENGTH);
  }

  static char checkCharacter(String typeCode, String issuerCode, String serial, int version) {
    String undotted = (ROOT + typeCode + issuerCode + serial + version).replace(".", "");
    return Iso7064.mod3736(undotted);
  }

  /** The identifier as text. */
  public String text() {
    return ROOT + "." + typeCode + "." + issuerCode + "." + serial + "." + version + "." + check;
  }

  @Override
  public String toString() {
    return text();
  }
}
