package org.govchain.node.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.govchain.core.chain.Domain;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.crypto.KeyCodec;
import org.govchain.core.crypto.KeyPair;
import org.govchain.core.crypto.PrivateKey;
import org.govchain.core.crypto.Signature;
import org.govchain.core.testing.OpenSsl;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JavaScript client's SM2 (node/src/test/js/sm2.js, through sm2-tool.js) against two
 * independent implementations: node-core's suite (Bouncy Castle) and the openssl 3 binary. Each
 * direction is checked: signatures made in JavaScript verify with them, theirs verify in
 * JavaScript, and altered messages or signatures are refused by all. Needs {@code node}; skipped,
 * saying so, without it (and the OpenSSL test without openssl 3).
 */
class JavaScriptSm2Test {
  private static final CryptoSuite SM = CryptoSuite.sm();
  private static final HexFormat HEX = HexFormat.of();

  @TempDir Path dir;

  /** What one run of sm2-tool.js printed, and its exit status. */
  private record Run(int exitCode, String output, String errors) {}

  @BeforeAll
  static void needsNode() {
    assumeTrue(
        JavaScriptKiosk.nodeAvailable(),
        "Node.js (node) is not installed: the JavaScript SM2 code is not tested");
  }

  private static Run tool(String... arguments) throws IOException, InterruptedException {
    Path script = JavaScriptKiosk.repositoryRoot().resolve("node/src/test/js/sm2-tool.js");
    List<String> command = new ArrayList<>(List.of("node", script.toString()));
    command.addAll(List.of(arguments));
    JavaScriptKiosk.ProcessOutput run = JavaScriptKiosk.runProcess(command, Map.of());
    return new Run(run.exitCode(), run.output().trim(), run.errors().trim());
  }

  private static String ok(Run run) {
    assertEquals(0, run.exitCode(), run.toString());
    return run.output();
  }

  private Path write(String name, byte[] bytes) throws IOException {
    return Files.write(dir.resolve(name), bytes);
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text, StandardCharsets.US_ASCII);
  }

  /** A transaction signature's preimage, as the kiosk client signs it. */
  private static byte[] transactionPreimage(String body) {
    return Domain.TRANSACTION_SIGNATURE.preimage(body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void signaturesMadeInJavaScriptVerifyWithNodeCore() throws Exception {
    KeyPair pair = SM.generateKeyPair(new SecureRandom());
    Path key = write("key.pem", KeyCodec.privateKeyToPem(pair.privateKey()));
    assertEquals(pair.publicKey().toHex(), ok(tool("public-key", key.toString())));

    byte[] message = transactionPreimage("consent.record_access of hd-kiosk-0001");
    Path file = write("message", message);
    byte[] first = HEX.parseHex(ok(tool("sign", key.toString(), file.toString())));
    byte[] second = HEX.parseHex(ok(tool("sign", key.toString(), file.toString())));
    assertTrue(SM.verify(pair.publicKey(), message, Signature.of(first)));
    assertTrue(SM.verify(pair.publicKey(), message, Signature.of(second)));
    assertEquals(null, SM.signatureEncodingProblem(Signature.of(first)));
    // A fresh random k each time.
    assertNotEquals(HEX.formatHex(first), HEX.formatHex(second));

    byte[] altered = message.clone();
    altered[altered.length - 1] ^= 1;
    assertFalse(SM.verify(pair.publicKey(), altered, Signature.of(first)));
    byte[] corrupted = first.clone();
    corrupted[corrupted.length - 1] ^= 1;
    assertFalse(SM.verify(pair.publicKey(), message, Signature.of(corrupted)));
    KeyPair other = SM.generateKeyPair(new SecureRandom());
    assertFalse(SM.verify(other.publicKey(), message, Signature.of(first)));
  }

  @Test
  void signaturesMadeByNodeCoreVerifyInJavaScript() throws Exception {
    PrivateKey key = SM.generateKeyPair(new SecureRandom()).privateKey();
    byte[] message = transactionPreimage("license.issue");
    Path file = write("message", message);
    String publicKey = key.publicKey().toHex();
    String signature = SM.sign(key, message).toHex();
    assertEquals("valid", ok(tool("verify", publicKey, file.toString(), signature)));

    Path altered = write("altered", transactionPreimage("license.revoke"));
    Run refused = tool("verify", publicKey, altered.toString(), signature);
    assertEquals(1, refused.exitCode(), refused.toString());
    assertEquals("invalid", refused.output());
  }

  @Test
  void signaturesCrossBetweenJavaScriptAndOpenSslBothWays() throws Exception {
    OpenSsl.assumeAvailable();
    OpenSsl.generateKeyPair(dir, "SM2", "openssl-key.pem", "openssl-public.pem");
    Path key = dir.resolve("openssl-key.pem");
    // The JavaScript reader takes OpenSSL's PKCS#8 file, and finds the key node-core finds.
    String publicKey = ok(tool("public-key", key.toString()));
    assertEquals(
        KeyCodec.privateKeyFromPem(Files.readString(key, StandardCharsets.US_ASCII))
            .publicKey()
            .toHex(),
        publicKey);
    write("message", transactionPreimage("identity.record_verification"));

    // OpenSSL (SM3, default user id) signs; JavaScript verifies.
    OpenSsl.signSm2(dir, "openssl-key.pem", "message", "openssl.sig");
    String opensslSignature = HEX.formatHex(Files.readAllBytes(dir.resolve("openssl.sig")));
    assertEquals(
        "valid",
        ok(tool("verify", publicKey, dir.resolve("message").toString(), opensslSignature)));

    // JavaScript signs; OpenSSL verifies, and refuses it for an altered message.
    write(
        "js.sig",
        HEX.parseHex(ok(tool("sign", key.toString(), dir.resolve("message").toString()))));
    OpenSsl.Result verified = OpenSsl.verifySm2(dir, "openssl-public.pem", "message", "js.sig");
    assertTrue(verified.output().contains("Signature Verified Successfully"), verified.output());
    write("message", transactionPreimage("identity.record_verification, altered"));
    assertFalse(OpenSsl.verifySm2(dir, "openssl-public.pem", "message", "js.sig").succeeded());
  }

  @Test
  void keysOfAnotherAlgorithmAreRefusedByName() throws Exception {
    PrivateKey ed25519 = CryptoSuite.intl().generateKeyPair(new SecureRandom()).privateKey();
    Path key = write("ed25519.pem", KeyCodec.privateKeyToPem(ed25519));
    Run refused = tool("public-key", key.toString());
    assertEquals(2, refused.exitCode(), refused.toString());
    assertTrue(refused.errors().contains("not an SM2 key"), refused.toString());
  }
}
