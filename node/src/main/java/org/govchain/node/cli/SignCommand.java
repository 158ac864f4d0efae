package org.govchain.node.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.crypto.PrivateKey;
import org.govchain.core.crypto.Signature;
import org.govchain.core.crypto.SuiteId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code govchain sign}: a detached signature over a file. */
@Command(
    name = "sign",
    mixinStandardHelpOptions = true,
    description = {
      "Sign a file with a PKCS#8 PEM private key; the suite follows from the key.",
      "The signature file holds the raw signature as OpenSSL writes it: DER for SM2 (user id"
          + " 1234567812345678), 64 bytes for Ed25519. OpenSSL 3 checks it with:",
      "  openssl pkeyutl -verify -rawin -digest sm3 -pkeyopt distid:1234567812345678"
          + " -pubin -inkey PUB.pem -in FILE -sigfile FILE.sig",
      "Files up to 256 MiB."
    },
    footer = ExitCode.HELP_TEXT)
final class SignCommand implements Runnable {
  @Spec CommandSpec spec;

  @Option(
      names = "--key",
      required = true,
      paramLabel = "PRIV.pem",
      description = "The private key (PKCS#8 PEM).")
  Path key;

  @Option(
      names = "--suite",
      converter = SuiteOption.class,
      paramLabel = "SM|INTL",
      description = "Refuse a key of any other suite (SM or INTL).")
  SuiteId suite;

  @Option(
      names = "--out",
      paramLabel = "SIG",
      description = "Where to write the signature (default: FILE.sig).")
  Path out;

  @Parameters(index = "0", paramLabel = "FILE", description = "The file to sign.")
  Path file;

  @Override
  public void run() {
    PrivateKey privateKey = InputFiles.privateKey(key);
    SuiteOption.requireMatch(suite, privateKey.suite(), key.toString());
    byte[] message = InputFiles.read(file, InputFiles.MAX_MESSAGE_BYTES, "file");
    Signature signature = CryptoSuite.of(privateKey.suite()).sign(privateKey, message);
    Path target = out != null ? out : Path.of(file + ".sig");
    try {
      Files.write(target, signature.toBytes());
    } catch (IOException e) {
      throw CliException.badInput("cannot write signature " + target + ": " + e.getMessage());
    }
    spec.commandLine()
        .getOut()
        .printf(
            "signed %s with suite %s key %s%n  signature: %s%n",
            file, privateKey.suite().describe(), privateKey.publicKey().fingerprint(), target);
  }
}
