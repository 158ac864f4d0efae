package org.govchain.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.govchain.core.testing.OpenSsl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real launcher, bin/govchain, against the packaged jar, as an operator would. */
class LauncherIT {
  private static final Path LAUNCHER =
      Path.of(System.getProperty("govchain.root", "..")).resolve("bin/govchain").normalize();

  @TempDir Path dir;

  private record Run(int exitCode, String out, String err) {}

  private static Run launch(byte[] stdin, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(LAUNCHER.toString());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).start();
    try (OutputStream in = process.getOutputStream()) {
      in.write(stdin);
    }
    byte[] out = process.getInputStream().readAllBytes();
    byte[] err = process.getErrorStream().readAllBytes();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "bin/govchain did not finish");
    return new Run(
        process.exitValue(),
        new String(out, StandardCharsets.UTF_8),
        new String(err, StandardCharsets.UTF_8));
  }

  @Test
  void hashOfAbcFromStandardInputIsTheGbt32905Digest() throws Exception {
    Run run = launch("abc".getBytes(StandardCharsets.US_ASCII), "hash", "--suite", "SM");
    assertEquals(0, run.exitCode(), run.err());
    assertEquals("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0\n", run.out());
  }

  @Test
  void openSslSignatureVerifiesThroughTheLauncherAndBadInputFailsInOneLine() throws Exception {
    OpenSsl.assumeAvailable();
    OpenSsl.generateKeyPair(dir, "SM2", "key.pem", "pub.pem");
    Files.writeString(dir.resolve("doc"), "nurse practising certificate");
    OpenSsl.signSm2(dir, "key.pem", "doc", "doc.sig");

    String pub = dir.resolve("pub.pem").toString();
    Run ok =
        launch(
            new byte[0],
            "verify",
            "--key",
            pub,
            "--signature",
            dir.resolve("doc.sig").toString(),
            dir.resolve("doc").toString());
    assertEquals(0, ok.exitCode(), ok.err());

    Run missing =
        launch(
            new byte[0],
            "verify",
            "--key",
            pub,
            "--signature",
            dir.resolve("nope.sig").toString(),
            dir.resolve("doc").toString());
    assertEquals(ExitCode.BAD_INPUT, missing.exitCode());
    assertEquals(1, missing.err().strip().lines().count(), missing.err());
  }
}
