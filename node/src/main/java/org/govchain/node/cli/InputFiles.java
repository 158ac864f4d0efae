package org.govchain.node.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.govchain.core.MalformedInputException;
import org.govchain.core.crypto.KeyCodec;
import org.govchain.core.crypto.PrivateKey;
import org.govchain.core.crypto.PublicKey;

/** Reading the operator's files with limits and one-line errors that name the file. */
final class InputFiles {
  /** sign and verify hold the whole message (Ed25519 needs it twice): this bounds memory. */
  static final long MAX_MESSAGE_BYTES = 256L * 1024 * 1024;

  private InputFiles() {}

  static byte[] read(Path path, long maxBytes, String what) {
    try {
      if (Files.isDirectory(path)) {
        throw CliException.badInput(what + " " + path + " is a directory, not a file");
      }
      long size = Files.size(path);
      if (size > maxBytes) {
        throw CliException.badInput(
            what + " " + path + " is " + size + " bytes; the limit is " + maxBytes);
      }
      return Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      throw CliException.badInput(what + " " + path + " does not exist");
    } catch (AccessDeniedException e) {
      throw CliException.badInput(what + " " + path + " is not readable (permission denied)");
    } catch (IOException e) {
      throw CliException.badInput("cannot read " + what + " " + path + ": " + e.getMessage());
    }
  }

  /** Opens a file, or standard input for "-". */
  static InputStream open(String name, InputStream stdin) {
    if (name.equals("-")) {
      return stdin;
    }
    Path path = Path.of(name);
    try {
      if (Files.isDirectory(path)) {
        throw CliException.badInput("input " + path + " is a directory, not a file");
      }
      return Files.newInputStream(path);
    } catch (NoSuchFileException e) {
      throw CliException.badInput("input " + path + " does not exist");
    } catch (AccessDeniedException e) {
      throw CliException.badInput("input " + path + " is not readable (permission denied)");
    } catch (IOException e) {
      throw CliException.badInput("cannot read " + path + ": " + e.getMessage());
    }
  }

  static PrivateKey privateKey(Path path) {
    return parseKey(path, KeyCodec::privateKeyFromPem);
  }

  static PublicKey publicKey(Path path) {
    return parseKey(path, KeyCodec::publicKeyFromPem);
  }

  private interface PemParser<T> {
    T parse(String pem) throws MalformedInputException;
  }

  private static <T> T parseKey(Path path, PemParser<T> parser) {
    byte[] bytes = read(path, KeyCodec.MAX_ENCODED_BYTES, "key file");
    try {
      return parser.parse(new String(bytes, StandardCharsets.US_ASCII));
    } catch (MalformedInputException e) {
      throw CliException.badInput("key file " + path + ": " + e.getMessage());
    }
  }
}
