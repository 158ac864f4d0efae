package org.govchain.node.cli;

import java.nio.file.Path;
import org.govchain.core.MalformedInputException;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.crypto.PublicKey;
import org.govchain.core.crypto.Signature;
import org.govchain.core.crypto.SuiteId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code govchain verify}: checks a detached signature; the exit code is the verdict. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Check a detached signature over a file with a PEM public key (SubjectPublicKeyInfo).",
      "Exit 0 when valid; otherwise a one-line reason and a non-zero exit code.",
      "Accepts signatures made by OpenSSL 3:",
      "  openssl pkeyutl -sign -rawin -digest sm3 -pkeyopt distid:1234567812345678"
          + " -inkey KEY.pem -in FILE -out FILE.sig",
      "Files up to 256 MiB."
    },
    footer = ExitCode.HELP_TEXT)
final class VerifyCommand implements java.util.concurrent.Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--key",
      required = true,
      paramLabel = "PUB.pem",
      description = "The signer's public key (PEM).")
  Path key;

  @Option(
      names = "--signature",
      required = true,
      paramLabel = "SIG",
      description = "The signature file (raw bytes, as written by sign or OpenSSL).")
  Path signatureFile;

  @Option(
      names = "--suite",
      converter = SuiteOption.class,
      paramLabel = "SM|INTL",
      description = "Refuse a key of any other suite (SM or INTL).")
  SuiteId suite;

  @Parameters(index = "0", paramLabel = "FILE", description = "The signed file.")
  Path file;

  @Override
  public Integer call() {
    PublicKey publicKey = InputFiles.publicKey(key);
    SuiteOption.requireMatch(suite, publicKey.suite(), key.toString());
    CryptoSuite cryptoSuite = CryptoSuite.of(publicKey.suite());
    Signature signature;
    try {
      signature =
          Signature.of(InputFiles.read(signatureFile, Signature.MAX_BYTES * 16L, "signature file"));
    } catch (MalformedInputException e) {
      throw CliException.badInput("signature " + signatureFile + ": " + e.getMessage());
    }
    String problem = cryptoSuite.signatureEncodingProblem(signature);
    if (problem != null) {
      throw CliException.badInput("signature " + signatureFile + " is malformed: " + problem);
    }
    byte[] message = InputFiles.read(file, InputFiles.MAX_MESSAGE_BYTES, "file");
    if (!cryptoSuite.verify(publicKey, message, signature)) {
      spec.commandLine()
          .getErr()
          .printf(
              "%s: signature does not match %s under key %s%n",
              spec.qualifiedName(), file, publicKey.fingerprint());
      return ExitCode.INVALID;
    }
    spec.commandLine()
        .getOut()
        .printf(
            "OK: valid suite %s signature over %s by key %s%n",
            publicKey.suite().describe(), file, publicKey.fingerprint());
    return ExitCode.OK;
  }
}
