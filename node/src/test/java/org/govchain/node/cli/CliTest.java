package org.govchain.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CliTest {
  @TempDir Path dir;

  private String path(String name) {
    return dir.resolve(name).toString();
  }

  private void write(String name, String content) throws Exception {
    Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "keys", "keys generate", "hash", "sign", "verify"})
  void everyCommandHasHelp(String command) {
    String[] args = (command + " --help").strip().split(" ");
    CliRun run = CliRun.of(args);
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().startsWith("Usage: govchain"), run.out());
    assertTrue(run.out().contains("Exit codes") || command.equals("keys"), run.out());
  }

  @Test
  void hashOfAbcIsTheGbt32905DigestAndSha256ForIntl() throws Exception {
    write("abc", "abc");
    CliRun sm = CliRun.of("hash", "--suite", "SM", path("abc"));
    assertEquals(0, sm.exitCode(), sm.err());
    assertEquals(
        "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0", sm.out().strip());
    CliRun intl = CliRun.of("hash", "--suite", "intl", path("abc"));
    assertEquals(
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", intl.out().strip());
  }

  @ParameterizedTest
  @ValueSource(strings = {"SM", "INTL"})
  void generatedKeysSignAndVerify(String suite) throws Exception {
    CliRun generate = CliRun.of("keys", "generate", "--suite", suite, "--out", path("keys"));
    assertEquals(0, generate.exitCode(), generate.err());
    Path privateKey = dir.resolve("keys/signing-key.pem");
    assertEquals(
        Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
        Files.getPosixFilePermissions(privateKey));
    write("doc", "marriage certificate data items");

    CliRun sign = CliRun.of("sign", "--key", privateKey.toString(), path("doc"));
    assertEquals(0, sign.exitCode(), sign.err());
    CliRun verify =
        CliRun.of(
            "verify",
            "--key",
            path("keys/signing-key.pub.pem"),
            "--signature",
            path("doc.sig"),
            path("doc"));
    assertEquals(0, verify.exitCode(), verify.err());
    assertTrue(verify.out().startsWith("OK: valid suite " + suite), verify.out());

    write("doc", "marriage certificate data items, changed");
    CliRun changed =
        CliRun.of(
            "verify",
            "--key",
            path("keys/signing-key.pub.pem"),
            "--signature",
            path("doc.sig"),
            path("doc"));
    assertEquals(ExitCode.INVALID, changed.exitCode());
    assertTrue(changed.oneLineError(), changed.err());
    assertTrue(changed.err().contains("signature does not match"), changed.err());
  }

  @Test
  void generateRefusesToOverwriteWithoutForce() {
    assertEquals(0, CliRun.of("keys", "generate", "--suite", "SM", "--out", path("k")).exitCode());
    CliRun again = CliRun.of("keys", "generate", "--suite", "SM", "--out", path("k"));
    assertEquals(ExitCode.BAD_INPUT, again.exitCode());
    assertTrue(again.err().contains("already exists; use --force"), again.err());
    assertEquals(
        0,
        CliRun.of("keys", "generate", "--suite", "SM", "--out", path("k"), "--force").exitCode());
  }

  @Test
  void missingFileIsOneLineBadInput() {
    CliRun run = CliRun.of("hash", "--suite", "SM", path("absent"));
    assertEquals(ExitCode.BAD_INPUT, run.exitCode());
    assertTrue(run.oneLineError(), run.err());
    assertTrue(run.err().contains("does not exist"), run.err());
  }

  @Test
  void malformedPemIsOneLineBadInput() throws Exception {
    write("bad.pem", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
    write("doc", "x");
    CliRun run = CliRun.of("sign", "--key", path("bad.pem"), path("doc"));
    assertEquals(ExitCode.BAD_INPUT, run.exitCode());
    assertTrue(run.oneLineError(), run.err());
    assertTrue(run.err().contains("bad.pem"), run.err());
  }

  @Test
  void keyOfTheWrongSuiteIsOneLineBadInput() throws Exception {
    CliRun.of("keys", "generate", "--suite", "INTL", "--out", path("k"));
    write("doc", "x");
    CliRun sign =
        CliRun.of("sign", "--suite", "SM", "--key", path("k/signing-key.pem"), path("doc"));
    assertEquals(ExitCode.BAD_INPUT, sign.exitCode());
    assertTrue(sign.oneLineError(), sign.err());
    assertTrue(sign.err().contains("not suite SM"), sign.err());
  }

  @Test
  void signatureOfTheOtherSuiteOrTruncatedIsMalformedNotInvalid() throws Exception {
    CliRun.of("keys", "generate", "--suite", "SM", "--out", path("sm"));
    CliRun.of("keys", "generate", "--suite", "INTL", "--out", path("intl"));
    write("doc", "x");
    assertEquals(
        0,
        CliRun.of(
                "sign", "--key", path("intl/signing-key.pem"), "--out", path("ed.sig"), path("doc"))
            .exitCode());
    CliRun crossed =
        CliRun.of(
            "verify",
            "--key",
            path("sm/signing-key.pub.pem"),
            "--signature",
            path("ed.sig"),
            path("doc"));
    assertEquals(ExitCode.BAD_INPUT, crossed.exitCode());
    assertTrue(crossed.err().contains("malformed"), crossed.err());

    assertEquals(
        0,
        CliRun.of("sign", "--key", path("sm/signing-key.pem"), "--out", path("sm.sig"), path("doc"))
            .exitCode());
    byte[] signature = Files.readAllBytes(dir.resolve("sm.sig"));
    Files.write(dir.resolve("short.sig"), Arrays.copyOf(signature, signature.length - 3));
    CliRun truncated =
        CliRun.of(
            "verify",
            "--key",
            path("sm/signing-key.pub.pem"),
            "--signature",
            path("short.sig"),
            path("doc"));
    assertEquals(ExitCode.BAD_INPUT, truncated.exitCode());
    assertTrue(truncated.oneLineError(), truncated.err());
    assertTrue(truncated.err().contains("truncated"), truncated.err());

    Files.write(dir.resolve("empty.sig"), new byte[0]);
    CliRun empty =
        CliRun.of(
            "verify",
            "--key",
            path("sm/signing-key.pub.pem"),
            "--signature",
            path("empty.sig"),
            path("doc"));
    assertEquals(ExitCode.BAD_INPUT, empty.exitCode());
    assertTrue(empty.err().contains("empty"), empty.err());
  }

  @Test
  void unknownSuiteAndMissingOptionsAreUsageErrors() {
    assertEquals(ExitCode.USAGE, CliRun.of("hash", "--suite", "RSA").exitCode());
    assertEquals(ExitCode.USAGE, CliRun.of("sign").exitCode());
    assertEquals(ExitCode.USAGE, CliRun.of("no-such-command").exitCode());
    assertEquals(ExitCode.USAGE, CliRun.of().exitCode());
  }
}
