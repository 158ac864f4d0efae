package org.govchain.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.govchain.core.testing.OpenSsl;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator's day-one check: files signed by OpenSSL verify with govchain, and the reverse. */
class OpenSslCliInteropTest {
  @TempDir Path dir;

  @BeforeAll
  static void needsOpenSsl() {
    OpenSsl.assumeAvailable();
  }

  private String path(String name) {
    return dir.resolve(name).toString();
  }

  @Test
  void fileSignedByOpenSslSm2VerifiesWithGovchain() throws Exception {
    OpenSsl.generateKeyPair(dir, "SM2", "key.pem", "pub.pem");
    Files.writeString(dir.resolve("doc"), "business licence scan", StandardCharsets.UTF_8);
    OpenSsl.signSm2(dir, "key.pem", "doc", "doc.sig");

    CliRun run =
        CliRun.of("verify", "--key", path("pub.pem"), "--signature", path("doc.sig"), path("doc"));
    assertEquals(0, run.exitCode(), run.err());

    // Signed by OpenSSL without the standard user id: another identity, so govchain refuses.
    OpenSsl.runOk(
        dir,
        "pkeyutl",
        "-sign",
        "-rawin",
        "-digest",
        "sm3",
        "-inkey",
        "key.pem",
        "-in",
        "doc",
        "-out",
        "other-id.sig");
    CliRun otherId =
        CliRun.of(
            "verify", "--key", path("pub.pem"), "--signature", path("other-id.sig"), path("doc"));
    assertEquals(ExitCode.INVALID, otherId.exitCode());
  }

  @Test
  void fileSignedByGovchainVerifiesWithOpenSslSm2() throws Exception {
    assertEquals(0, CliRun.of("keys", "generate", "--suite", "SM", "--out", path("k")).exitCode());
    Files.writeString(dir.resolve("doc"), "household register", StandardCharsets.UTF_8);
    assertEquals(0, CliRun.of("sign", "--key", path("k/signing-key.pem"), path("doc")).exitCode());

    OpenSsl.Result verified = OpenSsl.verifySm2(dir, "k/signing-key.pub.pem", "doc", "doc.sig");
    assertTrue(verified.output().contains("Signature Verified Successfully"), verified.output());
    // OpenSSL also reads the private key file govchain wrote.
    OpenSsl.runOk(dir, "pkey", "-in", "k/signing-key.pem", "-noout");

    Files.writeString(dir.resolve("doc"), "household register, altered", StandardCharsets.UTF_8);
    assertFalse(OpenSsl.verifySm2(dir, "k/signing-key.pub.pem", "doc", "doc.sig").succeeded());
  }
}
