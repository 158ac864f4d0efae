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
  private static final String DISTID = "distid:1234567812345678";

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
    OpenSsl.runOk(dir, "genpkey", "-algorithm", "SM2", "-out", "key.pem");
    OpenSsl.runOk(dir, "pkey", "-in", "key.pem", "-pubout", "-out", "pub.pem");
    Files.writeString(dir.resolve("doc"), "business licence scan", StandardCharsets.UTF_8);
    OpenSsl.runOk(
        dir,
        "pkeyutl",
        "-sign",
        "-rawin",
        "-digest",
        "sm3",
        "-pkeyopt",
        DISTID,
        "-inkey",
        "key.pem",
        "-in",
        "doc",
        "-out",
        "doc.sig");

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

    String output =
        OpenSsl.runOk(
            dir,
            "pkeyutl",
            "-verify",
            "-rawin",
            "-digest",
            "sm3",
            "-pkeyopt",
            DISTID,
            "-pubin",
            "-inkey",
            "k/signing-key.pub.pem",
            "-in",
            "doc",
            "-sigfile",
            "doc.sig");
    assertTrue(output.contains("Signature Verified Successfully"), output);
    // OpenSSL also reads the private key file govchain wrote.
    OpenSsl.runOk(dir, "pkey", "-in", "k/signing-key.pem", "-noout");

    Files.writeString(dir.resolve("doc"), "household register, altered", StandardCharsets.UTF_8);
    assertFalse(
        OpenSsl.run(
                dir,
                "pkeyutl",
                "-verify",
                "-rawin",
                "-digest",
                "sm3",
                "-pkeyopt",
                DISTID,
                "-pubin",
                "-inkey",
                "k/signing-key.pub.pem",
                "-in",
                "doc",
                "-sigfile",
                "doc.sig")
            .succeeded());
  }
}
