package org.govchain.subchains.ids;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.SplittableRandom;
import org.govchain.core.MalformedInputException;
import org.junit.jupiter.api.Test;

class IdentifierCheckCharactersTest {
  private static final String TYPE_CODE = "11100000003468178DW001";
  private static final String ISSUER = "11110108MB2427761E";

  // GB 11643-1999 (citizen ID numbers), ISO 7064 MOD 11-2.

  @Test
  void theStandardsWorkedExamplesOfIdNumbersAreValid() throws Exception {
    // The example numbers printed in GB 11643-1999, one ending in X.
    assertEquals('X', CitizenIdNumber.checkCharacter("11010519491231002"));
    assertEquals('4', CitizenIdNumber.checkCharacter("44052418800101001"));
    CitizenIdNumber id = CitizenIdNumber.parse("11010519491231002X");
    assertEquals("110105", id.addressCode());
    assertEquals(LocalDate.of(1949, 12, 31), id.birthDate());
    assertFalse(id.male());
    assertTrue(CitizenIdNumber.parse("440524188001010014").male());
  }

  @Test
  void idNumbersWithAWrongCheckCharacterOrDateAreRefused() {
    assertThrows(MalformedInputException.class, () -> CitizenIdNumber.parse("110105194912310021"));
    assertThrows(MalformedInputException.class, () -> CitizenIdNumber.parse("110105194902300028"));
    assertThrows(MalformedInputException.class, () -> CitizenIdNumber.parse("11010519491231002x"));
    assertThrows(MalformedInputException.class, () -> CitizenIdNumber.parse("11010519491231002"));
    assertThrows(IllegalArgumentException.class, () -> new CitizenIdNumber("110105194912310021"));
  }

  @Test
  void builtIdNumbersCarryTheirParts() {
    CitizenIdNumber id = CitizenIdNumber.of("110108", LocalDate.of(1990, 3, 7), 789);
    assertEquals("11010819900307789", id.value().substring(0, 17));
    assertNull(CitizenIdNumber.problem(id.value()));
    assertTrue(id.male());
    assertFalse(id.toString().contains("19900307"), "toString must not show the number");
  }

  @Test
  void everySingleDigitChangeOfAnIdNumberIsDetected() {
    String valid = "11010519491231002X";
    for (int position = 0; position < 17; position++) {
      for (char digit = '0'; digit <= '9'; digit++) {
        if (digit == valid.charAt(position)) {
          continue;
        }
        String changed = valid.substring(0, position) + digit + valid.substring(position + 1);
        assertNotNull(CitizenIdNumber.problem(changed), changed);
      }
    }
  }

  // GB 32100-2015 (unified social credit codes) and GB 11714-1997 (organization codes).

  @Test
  void publishedCreditCodesAreValid() throws Exception {
    // The example of GB 32100-2015, and a code displayed by a listed company.
    assertEquals("91350100M000100Y43", CreditCode.parse("91350100M000100Y43").value());
    assertEquals("9144030071526726XG", CreditCode.parse("9144030071526726XG").value());
    assertEquals('3', CreditCode.checkCharacter("91350100M000100Y4"));
    assertEquals("350100", CreditCode.parse("91350100M000100Y43").divisionCode());
    assertEquals("M000100Y4", CreditCode.parse("91350100M000100Y43").organizationCode());
  }

  @Test
  void theOrganizationCodeInsideACreditCodeHasItsOwnCheckCharacter() {
    // GB 11714's example D2143569-X, and the one embedded in the GB 32100 example.
    assertEquals('X', OrganizationCode.checkCharacter("D2143569"));
    assertTrue(OrganizationCode.isValid("M000100Y4"));
    assertFalse(OrganizationCode.isValid("M000100Y5"));
  }

  @Test
  void creditCodesWithForbiddenCharactersOrAWrongCheckAreRefused() {
    assertThrows(MalformedInputException.class, () -> CreditCode.parse("91350100M000100Y44"));
    assertThrows(MalformedInputException.class, () -> CreditCode.parse("91350100I000100Y43"));
    assertThrows(MalformedInputException.class, () -> CreditCode.parse("91350100M000100Y4"));
    assertFalse(CreditCode.isValid("91350100m000100Y43"));
    assertEquals("91350100M000100Y43", CreditCode.withCheckCharacter("91350100M000100Y4").value());
  }

  @Test
  void everySingleCharacterChangeOfACreditCodeIsDetected() {
    String valid = "91350100M000100Y43";
    for (int position = 0; position < 17; position++) {
      for (char c : CreditCode.ALPHABET.toCharArray()) {
        if (c == valid.charAt(position)) {
          continue;
        }
        String changed = valid.substring(0, position) + c + valid.substring(position + 1);
        assertFalse(CreditCode.isValid(changed), changed);
      }
    }
  }

  // ISO/IEC 7064 hybrid systems and GB/T 36904 licence identifiers.

  @Test
  void iso7064HybridSystemsMatchPublishedCheckCharacters() {
    // ISAN 0000-0000-D07A-0090-Q-0000-0000-X: both check characters are MOD 37,36.
    assertEquals('Q', Iso7064.mod3736("00000000D07A0090"));
    assertEquals('X', Iso7064.mod3736("00000000D07A009000000000"));
    // A Croatian personal identification number (OIB) uses MOD 11,10.
    assertEquals('0', Iso7064.mod1110("6943515153"));
  }

  @Test
  void licenceIdentifiersRoundTripAndNameTheirParts() throws Exception {
    LicenseIdentifier id = LicenseIdentifier.of(TYPE_CODE, ISSUER, "100000000042", 1);
    LicenseIdentifier parsed = LicenseIdentifier.parse(id.text());
    assertEquals(id, parsed);
    assertEquals(TYPE_CODE, parsed.typeCode());
    assertEquals(ISSUER, parsed.issuerCode());
    assertEquals("100000000042", parsed.serial());
    assertEquals(1, parsed.version());
    assertTrue(
        id.text().startsWith("1.2.156.3005.2." + TYPE_CODE + "." + ISSUER + ".100000000042.1."));
    assertEquals("11100000003468178D", LicenseIdentifier.authorityOf(TYPE_CODE));
  }

  @Test
  void everySingleCharacterChangeOfALicenceIdentifierIsDetected() {
    String valid = LicenseIdentifier.of(TYPE_CODE, ISSUER, "100000000042", 1).text();
    int detected = 0;
    int tried = 0;
    for (int position = 0; position < valid.length(); position++) {
      char original = valid.charAt(position);
      if (original == '.') {
        continue;
      }
      for (char c = '0'; c <= 'Z'; c++) {
        if (c == original || !Iso7064.isMod3736Character(c)) {
          continue;
        }
        tried++;
        String changed = valid.substring(0, position) + c + valid.substring(position + 1);
        try {
          LicenseIdentifier.parse(changed);
        } catch (MalformedInputException e) {
          detected++;
        }
      }
    }
    assertEquals(tried, detected, "MOD 37,36 detects every single substitution");
  }

  @Test
  void almostEveryAdjacentTranspositionOfALicenceIdentifierIsDetected() {
    // A hybrid system detects all single substitutions but not every transposition: measure it.
    SplittableRandom random = new SplittableRandom(7);
    int tried = 0;
    int detected = 0;
    for (int round = 0; round < 2000; round++) {
      String serial = Long.toString(100_000_000_000L + random.nextLong(899_999_999_999L));
      String valid = LicenseIdentifier.of(TYPE_CODE, ISSUER, serial, 1).text();
      int position = valid.lastIndexOf(serial) + random.nextInt(serial.length() - 1);
      if (valid.charAt(position) == valid.charAt(position + 1)) {
        continue;
      }
      String swapped =
          valid.substring(0, position)
              + valid.charAt(position + 1)
              + valid.charAt(position)
              + valid.substring(position + 2);
      tried++;
      try {
        LicenseIdentifier.parse(swapped);
      } catch (MalformedInputException e) {
        detected++;
      }
    }
    assertTrue(tried > 1500);
    assertTrue(detected >= tried * 0.95, detected + " of " + tried + " transpositions detected");
  }

  @Test
  void malformedLicenceIdentifiersAreRefusedWithAReason() {
    String valid = LicenseIdentifier.of(TYPE_CODE, ISSUER, "7", 2).text();
    MalformedInputException error =
        assertThrows(
            MalformedInputException.class,
            () -> LicenseIdentifier.parse(valid.replace("1.2.156", "1.2.157")));
    assertTrue(error.getMessage().contains("must look like"));
    assertThrows(MalformedInputException.class, () -> LicenseIdentifier.parse(valid + "0"));
    assertThrows(
        MalformedInputException.class,
        () -> LicenseIdentifier.parse("x".repeat(LicenseIdentifier.MAX_LENGTH + 1)));
    String badIssuer = valid.replace(ISSUER, "11110108MB2427761F");
    assertThrows(MalformedInputException.class, () -> LicenseIdentifier.parse(badIssuer));
    assertFalse(LicenseIdentifier.isTypeCode("11100000003468178DX001"));
    assertFalse(LicenseIdentifier.isTypeCode("11100000003468178EW001"));
  }
}
