package org.govchain.core.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import org.govchain.core.MalformedInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KeyCodecTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void pemRoundTripKeepsBothKeys(SuiteId id) throws MalformedInputException {
    KeyPair pair = CryptoSuite.of(id).generateKeyPair(RANDOM);
    String privatePem = KeyCodec.privateKeyToPem(pair.privateKey());
    String publicPem = KeyCodec.publicKeyToPem(pair.publicKey());
    assertTrue(privatePem.startsWith("-----BEGIN PRIVATE KEY-----"), privatePem);
    assertTrue(publicPem.startsWith("-----BEGIN PUBLIC KEY-----"), publicPem);

    PrivateKey privateKey = KeyCodec.privateKeyFromPem(privatePem);
    assertEquals(id, privateKey.suite());
    assertEquals(pair.publicKey(), privateKey.publicKey());
    assertEquals(pair.publicKey(), KeyCodec.publicKeyFromPem(publicPem));

    byte[] message = {1, 2, 3};
    Signature signature = CryptoSuite.of(id).sign(privateKey, message);
    assertTrue(CryptoSuite.of(id).verify(pair.publicKey(), message, signature));
  }

  @Test
  void p256KeyIsRefusedNamingItsCurve() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    java.security.KeyPair p256 = generator.generateKeyPair();
    MalformedInputException e =
        assertThrows(
            MalformedInputException.class,
            () -> KeyCodec.publicKeyFromSpki(p256.getPublic().getEncoded()));
    assertTrue(e.getMessage().contains("is not an SM2 key"), e.getMessage());
    assertThrows(
        MalformedInputException.class,
        () -> KeyCodec.privateKeyFromPkcs8(p256.getPrivate().getEncoded()));
  }

  @Test
  void rsaKeyIsRefusedByName() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(1024);
    MalformedInputException e =
        assertThrows(
            MalformedInputException.class,
            () -> KeyCodec.publicKeyFromSpki(generator.generateKeyPair().getPublic().getEncoded()));
    assertTrue(e.getMessage().contains("unsupported key algorithm RSA"), e.getMessage());
  }

  @Test
  void malformedPemIsRefused() {
    assertThrows(MalformedInputException.class, () -> KeyCodec.privateKeyFromPem("not a key"));
    String broken = "-----BEGIN PRIVATE KEY-----\n!!!notbase64!!!\n-----END PRIVATE KEY-----\n";
    assertThrows(MalformedInputException.class, () -> KeyCodec.privateKeyFromPem(broken));
    String garbage =
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getEncoder().encodeToString(new byte[] {0x30, 0x03, 0x02, 0x01, 0x00})
            + "\n-----END PRIVATE KEY-----\n";
    assertThrows(MalformedInputException.class, () -> KeyCodec.privateKeyFromPem(garbage));
  }

  @Test
  void publicKeyGivenWherePrivateIsNeededIsNamed() {
    String publicPem =
        KeyCodec.publicKeyToPem(CryptoSuite.sm().generateKeyPair(RANDOM).publicKey());
    MalformedInputException e =
        assertThrows(MalformedInputException.class, () -> KeyCodec.privateKeyFromPem(publicPem));
    assertTrue(e.getMessage().contains("this is a public key"), e.getMessage());
  }

  @Test
  void encryptedKeyIsRefusedWithAHint() {
    String pem =
        "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMAA=\n-----END ENCRYPTED PRIVATE KEY-----\n";
    MalformedInputException e =
        assertThrows(MalformedInputException.class, () -> KeyCodec.privateKeyFromPem(pem));
    assertTrue(e.getMessage().contains("encrypted keys are not supported"), e.getMessage());
  }

  @Test
  void oversizedInputIsRefusedBeforeParsing() {
    String huge = "A".repeat(KeyCodec.MAX_ENCODED_BYTES + 1);
    assertThrows(MalformedInputException.class, () -> KeyCodec.publicKeyFromPem(huge));
  }
}
