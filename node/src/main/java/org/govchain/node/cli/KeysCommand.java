package org.govchain.node.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.crypto.KeyCodec;
import org.govchain.core.crypto.KeyPair;
import org.govchain.core.crypto.SuiteId;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code govchain keys ...}: a node's signing keys. */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    description = "Manage a node's signing keys.",
    subcommands = {KeysCommand.Generate.class})
final class KeysCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a keys command is required");
  }

  @Command(
      name = "generate",
      mixinStandardHelpOptions = true,
      description = {
        "Generate a signing key pair as PEM files: DIR/signing-key.pem (PKCS#8, mode 0600) and"
            + " DIR/signing-key.pub.pem (SubjectPublicKeyInfo).",
        "The files are standard: OpenSSL 3 reads them (openssl pkey -in DIR/signing-key.pem)."
      },
      footer = ExitCode.HELP_TEXT)
  static final class Generate implements Runnable {
    static final String PRIVATE_FILE = "signing-key.pem";
    static final String PUBLIC_FILE = "signing-key.pub.pem";

    @Spec CommandSpec spec;

    @Option(
        names = "--suite",
        required = true,
        converter = SuiteOption.class,
        paramLabel = "SM|INTL",
        description =
            "SM (SM2/SM3, the default of government deployments) or INTL (Ed25519/SHA-256).")
    SuiteId suite;

    @Option(
        names = "--out",
        required = true,
        paramLabel = "DIR",
        description = "Directory to write the key files into (created if missing).")
    Path out;

    @Option(names = "--force", description = "Overwrite existing key files.")
    boolean force;

    @Override
    public void run() {
      KeyPair pair = CryptoSuite.of(suite).generateKeyPair(new SecureRandom());
      try {
        Files.createDirectories(out);
      } catch (IOException e) {
        throw CliException.badInput("cannot create directory " + out + ": " + e.getMessage());
      }
      Path privateFile = out.resolve(PRIVATE_FILE);
      Path publicFile = out.resolve(PUBLIC_FILE);
      if (!force) {
        for (Path existing : new Path[] {privateFile, publicFile}) {
          if (Files.exists(existing)) {
            throw CliException.badInput(existing + " already exists; use --force to replace it");
          }
        }
      }
      writePrivate(privateFile, KeyCodec.privateKeyToPem(pair.privateKey()));
      write(publicFile, KeyCodec.publicKeyToPem(pair.publicKey()));
      spec.commandLine()
          .getOut()
          .printf(
              "generated a suite %s key pair%n  private key: %s%n  public key:  %s%n  fingerprint: %s%n",
              suite.describe(), privateFile, publicFile, pair.publicKey().fingerprint());
    }

    private void writePrivate(Path file, String pem) {
      try {
        Files.deleteIfExists(file);
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (FileAlreadyExistsException e) {
        throw CliException.badInput(file + " appeared while writing; not overwritten");
      } catch (UnsupportedOperationException e) {
        // Not a POSIX file system: the file is created below with the default permissions.
      } catch (IOException e) {
        throw CliException.badInput("cannot create " + file + ": " + e.getMessage());
      }
      write(file, pem);
    }

    private static void write(Path file, String text) {
      try {
        Files.writeString(
            file,
            text,
            StandardCharsets.US_ASCII,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE,
            StandardOpenOption.SYNC);
      } catch (IOException e) {
        throw CliException.badInput("cannot write " + file + ": " + e.getMessage());
      }
    }
  }
}
