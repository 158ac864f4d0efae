package org.govchain.node.cli;

import java.io.IOException;
import java.io.InputStream;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.crypto.Hasher;
import org.govchain.core.crypto.SuiteId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code govchain hash}: the digest of a file in a suite's hash function. */
@Command(
    name = "hash",
    mixinStandardHelpOptions = true,
    description = {
      "Print the hex digest of a file (or standard input) in the suite's hash function:"
          + " SM3 for SM, SHA-256 for INTL.",
      "Example: printf abc | govchain hash --suite SM"
    },
    footer = ExitCode.HELP_TEXT)
final class HashCommand implements Runnable {
  @Spec CommandSpec spec;

  @Option(
      names = "--suite",
      required = true,
      converter = SuiteOption.class,
      paramLabel = "SM|INTL",
      description = "SM or INTL.")
  SuiteId suite;

  @Parameters(
      index = "0",
      arity = "0..1",
      defaultValue = "-",
      paramLabel = "FILE",
      description = "The file to hash; - or nothing for standard input.")
  String file;

  @Override
  public void run() {
    Hasher hasher = CryptoSuite.of(suite).newHasher();
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = InputFiles.open(file, System.in)) {
      for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
        hasher.update(buffer, 0, read);
      }
    } catch (IOException e) {
      throw CliException.badInput("cannot read " + file + ": " + e.getMessage());
    }
    spec.commandLine().getOut().println(hasher.finish().toHex());
  }
}
