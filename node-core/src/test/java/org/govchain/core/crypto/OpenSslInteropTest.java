package org.govchain.core.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.govchain.core.MalformedInputException;
import org.govchain.core.testing.OpenSsl;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OpenSSL 3 as an independent implementation: keys and signatures made by one side are accepted by
 * the other. OpenSSL's SM2 needs the GM/T 0009 default id passed explicitly ({@code -pkeyopt
 * distid:1234567812345678}): OpenSSL 3.0 otherwise signs with another identity.
 */
class OpenSslInteropTest {
  @TempDir Path dir;

  @BeforeAll
  static void needsOpenSsl() {
    OpenSsl.assumeAvailable();
  }

  @Test
  void sm2SignatureByOpenSslVerifiesHere() throws Exception {
    OpenSsl.generateKeyPair(dir, "SM2", "key.pem", "pub.pem");
    Files.writeString(dir.resolve("msg"), "pesticide business licence", StandardCharsets.UTF_8);
    OpenSsl.signSm2(dir, "key.pem", "msg", "sig");

    PublicKey publicKey = KeyCodec.publicKeyFromPem(read("pub.pem"));
    PrivateKey privateKey = KeyCodec.privateKeyFromPem(read("key.pem"));
    assertEquals(SuiteId.SM, publicKey.suite());
    assertEquals(publicKey, privateKey.publicKey(), "both OpenSSL files name one key pair");

    byte[] message = Files.readAllBytes(dir.resolve("msg"));
    Signature signature = Signature.of(Files.readAllBytes(dir.resolve("sig")));
    assertTrue(CryptoSuite.sm().verify(publicKey, message, signature));
    message[0] ^= 1;
    assertFalse(CryptoSuite.sm().verify(publicKey, message, signature));
  }

  @Test
  void sm2SignatureMadeHereVerifiesInOpenSsl() throws Exception {
    KeyPair pair = CryptoSuite.sm().generateKeyPair(new SecureRandom());
    Files.writeString(dir.resolve("pub.pem"), KeyCodec.publicKeyToPem(pair.publicKey()));
    Files.writeString(dir.resolve("key.pem"), KeyCodec.privateKeyToPem(pair.privateKey()));
    byte[] message = "identity verification event".getBytes(StandardCharsets.UTF_8);
    Files.write(dir.resolve("msg"), message);
    Files.write(dir.resolve("sig"), CryptoSuite.sm().sign(pair.privateKey(), message).toBytes());

    OpenSsl.Result verified = OpenSsl.verifySm2(dir, "pub.pem", "msg", "sig");
    assertTrue(verified.succeeded(), verified.output());
    assertTrue(verified.output().contains("Signature Verified Successfully"), verified.output());

    // OpenSSL reads our private key too: it signs, and we verify.
    OpenSsl.signSm2(dir, "key.pem", "msg", "sig2");
    Signature theirs = Signature.of(Files.readAllBytes(dir.resolve("sig2")));
    assertTrue(CryptoSuite.sm().verify(pair.publicKey(), message, theirs));

    Files.write(dir.resolve("msg"), "another message".getBytes(StandardCharsets.UTF_8));
    OpenSsl.Result tampered = OpenSsl.verifySm2(dir, "pub.pem", "msg", "sig");
    assertFalse(tampered.succeeded(), "OpenSSL must refuse a changed message");
  }

  @Test
  void sm3DigestMatchesOpenSsl() throws Exception {
    byte[] data = new byte[10_000];
    new SecureRandom().nextBytes(data);
    Files.write(dir.resolve("data"), data);
    String output = OpenSsl.runOk(dir, "dgst", "-sm3", "-r", "data");
    assertEquals(output.split(" ")[0], CryptoSuite.sm().hash(data).toHex());
  }

  @Test
  void ed25519InteroperatesBothWays() throws Exception {
    OpenSsl.generateKeyPair(dir, "ED25519", "key.pem", "pub.pem");
    byte[] message = "catalog entry".getBytes(StandardCharsets.UTF_8);
    Files.write(dir.resolve("msg"), message);
    OpenSsl.runOk(
        dir, "pkeyutl", "-sign", "-rawin", "-inkey", "key.pem", "-in", "msg", "-out", "sig");

    PublicKey publicKey = KeyCodec.publicKeyFromPem(read("pub.pem"));
    PrivateKey privateKey = KeyCodec.privateKeyFromPem(read("key.pem"));
    assertEquals(SuiteId.INTL, publicKey.suite());
    Signature theirs = Signature.of(Files.readAllBytes(dir.resolve("sig")));
    assertTrue(CryptoSuite.intl().verify(publicKey, message, theirs));
    // Ed25519 is deterministic: the same key and message give OpenSSL's exact signature.
    assertEquals(theirs, CryptoSuite.intl().sign(privateKey, message));

    KeyPair ours = CryptoSuite.intl().generateKeyPair(new SecureRandom());
    Files.writeString(dir.resolve("ourpub.pem"), KeyCodec.publicKeyToPem(ours.publicKey()));
    Files.write(
        dir.resolve("oursig"), CryptoSuite.intl().sign(ours.privateKey(), message).toBytes());
    String verified =
        OpenSsl.runOk(
            dir,
            "pkeyutl",
            "-verify",
            "-rawin",
            "-pubin",
            "-inkey",
            "ourpub.pem",
            "-in",
            "msg",
            "-sigfile",
            "oursig");
    assertTrue(verified.contains("Signature Verified Successfully"), verified);
  }

  private String read(String name) throws IOException, MalformedInputException {
    return Files.readString(dir.resolve(name), StandardCharsets.US_ASCII);
  }
}
