package org.govchain.core.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import org.govchain.core.MalformedInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CryptoSuiteTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final byte[] MESSAGE = "licence 1.2.156.3005.2".getBytes(StandardCharsets.UTF_8);

  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void signatureVerifiesOnlyForItsKeyAndMessage(SuiteId id) {
    CryptoSuite suite = CryptoSuite.of(id);
    KeyPair signer = suite.generateKeyPair(RANDOM);
    KeyPair other = suite.generateKeyPair(RANDOM);
    Signature signature = suite.sign(signer.privateKey(), MESSAGE);

    assertTrue(suite.verify(signer.publicKey(), MESSAGE, signature));
    assertFalse(suite.verify(other.publicKey(), MESSAGE, signature), "another key");
    byte[] changed = MESSAGE.clone();
    changed[0] ^= 1;
    assertFalse(suite.verify(signer.publicKey(), changed, signature), "another message");
    byte[] flipped = signature.toBytes();
    flipped[flipped.length - 1] ^= 1;
    assertFalse(suite.verify(signer.publicKey(), MESSAGE, signatureOf(flipped)), "flipped bit");
  }

  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void truncatedSignatureIsRefusedAndNamedMalformed(SuiteId id) {
    CryptoSuite suite = CryptoSuite.of(id);
    KeyPair signer = suite.generateKeyPair(RANDOM);
    Signature signature = suite.sign(signer.privateKey(), MESSAGE);
    Signature truncated = signatureOf(Arrays.copyOf(signature.toBytes(), signature.length() - 1));

    assertNull(suite.signatureEncodingProblem(signature));
    assertNotNull(suite.signatureEncodingProblem(truncated));
    assertFalse(suite.verify(signer.publicKey(), MESSAGE, truncated));
  }

  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void keysOfAnotherSuiteNeitherSignNorVerify(SuiteId id) {
    CryptoSuite suite = CryptoSuite.of(id);
    CryptoSuite otherSuite = CryptoSuite.of(id == SuiteId.SM ? SuiteId.INTL : SuiteId.SM);
    KeyPair foreign = otherSuite.generateKeyPair(RANDOM);
    Signature foreignSignature = otherSuite.sign(foreign.privateKey(), MESSAGE);

    assertThrows(IllegalArgumentException.class, () -> suite.sign(foreign.privateKey(), MESSAGE));
    assertFalse(suite.verify(foreign.publicKey(), MESSAGE, foreignSignature));
    assertThrows(
        MalformedInputException.class, () -> suite.decodePublicKey(foreign.publicKey().toRaw()));
  }

  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void rawPublicKeyRoundTripsWithValueEquality(SuiteId id) throws MalformedInputException {
    CryptoSuite suite = CryptoSuite.of(id);
    PublicKey key = suite.generateKeyPair(RANDOM).publicKey();
    PublicKey again = suite.decodePublicKey(key.toRaw());
    assertEquals(key, again);
    assertEquals(key.hashCode(), again.hashCode());
    assertNotEquals(key, suite.generateKeyPair(RANDOM).publicKey());
  }

  @org.junit.jupiter.api.Test
  void sm2PublicKeyOffTheCurveIsRefused() {
    byte[] raw = CryptoSuite.sm().generateKeyPair(RANDOM).publicKey().toRaw();
    raw[64] ^= 1; // y no longer matches x
    MalformedInputException e =
        assertThrows(MalformedInputException.class, () -> CryptoSuite.sm().decodePublicKey(raw));
    assertTrue(e.getMessage().contains("SM2 curve"), e.getMessage());
  }

  @org.junit.jupiter.api.Test
  void compressedSm2PointIsRefusedSoEachKeyHasOneEncoding() {
    byte[] raw = CryptoSuite.sm().generateKeyPair(RANDOM).publicKey().toRaw();
    byte[] compressed = Arrays.copyOf(raw, 33);
    compressed[0] = (byte) ((raw[64] & 1) == 0 ? 2 : 3);
    assertThrows(MalformedInputException.class, () -> CryptoSuite.sm().decodePublicKey(compressed));
  }

  @org.junit.jupiter.api.Test
  void privateKeyNeverPrintsItsSecret() {
    PrivateKey key = CryptoSuite.sm().generateKeyPair(RANDOM).privateKey();
    String text = key.toString();
    assertTrue(text.startsWith("PrivateKey[SM"), text);
    assertFalse(text.toLowerCase().contains("d="), text);
  }

  private static Signature signatureOf(byte[] bytes) {
    try {
      return Signature.of(bytes);
    } catch (MalformedInputException e) {
      throw new AssertionError(e);
    }
  }
}
