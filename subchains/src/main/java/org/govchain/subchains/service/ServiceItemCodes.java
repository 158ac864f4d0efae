package org.govchain.subchains.service;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.govchain.subchains.ids.CreditCode;
import org.govchain.subchains.proto.ServiceItemType;

/**
 * Service item codes (事项编码): the credit code of the department in charge, the two-letter code of
 * the item type and a 5-digit sequence, e.g. {@code 11110108MB1925723LXK00001}.
 */
public final class ServiceItemCodes {
  private static final Pattern FORM = Pattern.compile("([0-9A-Z]{18})(XK|QR|JF|GG|QT)([0-9]{5})");

  private ServiceItemCodes() {}

  public static boolean isValid(String code) {
    Matcher matcher = FORM.matcher(code);
    return code.length() <= 32 && matcher.matches() && CreditCode.isValid(matcher.group(1));
  }

  public static String departmentOf(String code) {
    return code.substring(0, CreditCode.LENGTH);
  }

  public static String typeLettersOf(String code) {
    return code.substring(CreditCode.LENGTH, CreditCode.LENGTH + 2);
  }

  public static String letters(ServiceItemType type) {
    return switch (type) {
      case ADMINISTRATIVE_LICENSING -> "XK";
      case ADMINISTRATIVE_CONFIRMATION -> "QR";
      case ADMINISTRATIVE_PAYMENT -> "JF";
      case PUBLIC_SERVICE -> "GG";
      case OTHER_ADMINISTRATIVE_POWER -> "QT";
      case SERVICE_ITEM_TYPE_UNSPECIFIED, UNRECOGNIZED ->
          throw new IllegalArgumentException("no code letters for " + type);
    };
  }

  public static String of(String departmentCode, ServiceItemType type, int sequence) {
    String code = departmentCode + letters(type) + String.format("%05d", sequence);
    if (!isValid(code)) {
      throw new IllegalArgumentException("not a valid service item code: " + code);
    }
    return code;
  }
}
