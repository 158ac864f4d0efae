package org.govchain.core.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Runs the machine's {@code openssl} binary: an independent implementation for interop tests. */
public final class OpenSsl {
  /** The result of one openssl run. */
  public record Result(int exitCode, String output) {
    public boolean succeeded() {
      return exitCode == 0;
    }
  }

  private OpenSsl() {}

  /** Skips the calling test, saying why, when no usable openssl 3 binary is on the PATH. */
  public static void assumeAvailable() {
    Result version;
    try {
      version = run(Path.of("."), "version");
    } catch (IllegalStateException e) {
      version = new Result(-1, e.getMessage());
    }
    Assumptions.assumeTrue(
        version.succeeded() && version.output().startsWith("OpenSSL 3"),
        "skipped: this interoperability test needs the 'openssl' 3.x binary on the PATH ("
            + version.output().trim()
            + ")");
  }

  /** Runs {@code openssl args...} in {@code directory}, returning exit code and merged output. */
  public static Result run(Path directory, String... args) {
    List<String> command = new ArrayList<>();
    command.add("openssl");
    command.addAll(List.of(args));
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(directory.toFile())
              .redirectErrorStream(true)
              .start();
      process.getOutputStream().close();
      byte[] output = process.getInputStream().readAllBytes();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("openssl did not finish: " + command);
      }
      return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("cannot run openssl: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** The GM/T 0009 default user id, which OpenSSL 3.0 must be given explicitly for SM2. */
  public static final String SM2_DISTID = "distid:1234567812345678";

  /** Generates a key pair of {@code algorithm} (SM2, ED25519) as PEM files in {@code directory}. */
  public static void generateKeyPair(
      Path directory, String algorithm, String privateFile, String publicFile) {
    runOk(directory, "genpkey", "-algorithm", algorithm, "-out", privateFile);
    runOk(directory, "pkey", "-in", privateFile, "-pubout", "-out", publicFile);
  }

  /**
   * Signs {@code input} with an SM2 key (SM3, standard user id), writing raw DER to {@code out}.
   */
  public static void signSm2(Path directory, String privateFile, String input, String out) {
    runOk(
        directory,
        "pkeyutl",
        "-sign",
        "-rawin",
        "-digest",
        "sm3",
        "-pkeyopt",
        SM2_DISTID,
        "-inkey",
        privateFile,
        "-in",
        input,
        "-out",
        out);
  }

  /** Verifies an SM2 signature (SM3, standard user id) with OpenSSL. */
  public static Result verifySm2(
      Path directory, String publicFile, String input, String signature) {
    return run(
        directory,
        "pkeyutl",
        "-verify",
        "-rawin",
        "-digest",
        "sm3",
        "-pkeyopt",
        SM2_DISTID,
        "-pubin",
        "-inkey",
        publicFile,
        "-in",
        input,
        "-sigfile",
        signature);
  }

  /** Runs openssl and fails the test with its output if it exits non-zero. */
  public static String runOk(Path directory, String... args) {
    Result result = run(directory, args);
    if (!result.succeeded()) {
      throw new AssertionError(
          "openssl "
              + String.join(" ", args)
              + " failed ("
              + result.exitCode()
              + "): "
              + result.output());
    }
    return result.output();
  }
}
