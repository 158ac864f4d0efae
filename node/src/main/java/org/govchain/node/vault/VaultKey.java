package org.govchain.node.vault;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.govchain.core.crypto.SuiteId;

/**
 * The node's vault master key: 32 random bytes, created by {@code network init} per node in {@code
 * nodes/<id>/vault.key} (64 hexadecimal characters and a newline, mode 0600), never sent anywhere.
 * The cipher key is derived from it per algorithm:
 *
 * <pre>
 *   SM4-GCM:     first 16 bytes of HMAC-SM3(master, "govchain/v1/vault-key" || 0x00 || "SM4-GCM")
 *   AES-256-GCM: HMAC-SHA-256(master, "govchain/v1/vault-key" || 0x00 || "AES-256-GCM")
 * </pre>
 */
public final class VaultKey {
  public static final int BYTES = 32;
  public static final String FILE_NAME = "vault.key";

  /** The file is 64 hex characters and at most one line ending: anything longer is not a key. */
  private static final int MAX_FILE_BYTES = 2 * BYTES + 2;

  private static final Set<PosixFilePermission> TOO_OPEN =
      EnumSet.complementOf(
          EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));

  private final byte[] bytes;

  private VaultKey(byte[] bytes) {
    this.bytes = bytes;
  }

  public static VaultKey generate(SecureRandom random) {
    byte[] bytes = new byte[BYTES];
    random.nextBytes(bytes);
    return new VaultKey(bytes);
  }

  public static VaultKey of(byte[] bytes) {
    if (bytes.length != BYTES) {
      throw new IllegalArgumentException("a vault key is " + BYTES + " bytes, got " + bytes.length);
    }
    return new VaultKey(bytes.clone());
  }

  /** What {@code network init} writes into the key file. */
  public String toFileText() {
    return HexFormat.of().formatHex(bytes) + "\n";
  }

  /**
   * Loads a key file: a regular file (not a link), readable and writable by its owner only where
   * the file system has POSIX permissions, holding 64 hexadecimal characters.
   */
  public static VaultKey load(Path file) throws VaultKeyException {
    try {
      BasicFileAttributes attributes =
          Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (!attributes.isRegularFile()) {
        throw new VaultKeyException("vault key " + file + " is not a regular file");
      }
      checkPermissions(file);
      if (attributes.size() > MAX_FILE_BYTES) {
        throw new VaultKeyException(
            "vault key "
                + file
                + " has "
                + attributes.size()
                + " bytes; it must hold "
                + 2 * BYTES
                + " hexadecimal characters ("
                + BYTES
                + " bytes)");
      }
      return parse(file, Files.readString(file, StandardCharsets.US_ASCII));
    } catch (NoSuchFileException e) {
      throw new VaultKeyException("vault key " + file + " does not exist", e);
    } catch (IOException e) {
      throw new VaultKeyException("vault key " + file + " cannot be read: " + e.getMessage(), e);
    }
  }

  private static void checkPermissions(Path file) throws IOException, VaultKeyException {
    PosixFileAttributeView posix =
        Files.getFileAttributeView(file, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    if (posix == null) {
      return;
    }
    Set<PosixFilePermission> permissions = posix.readAttributes().permissions();
    Set<PosixFilePermission> extra = EnumSet.noneOf(PosixFilePermission.class);
    extra.addAll(permissions);
    extra.retainAll(TOO_OPEN);
    if (!extra.isEmpty()) {
      throw new VaultKeyException(
          "vault key "
              + file
              + " is too open ("
              + PosixFilePermissions.toString(permissions)
              + "): only its owner may read it; run chmod 600 "
              + file);
    }
  }

  private static VaultKey parse(Path file, String text) throws VaultKeyException {
    String hex = text.endsWith("\r\n") ? text.substring(0, text.length() - 2) : text;
    hex = hex.endsWith("\n") ? hex.substring(0, hex.length() - 1) : hex;
    if (hex.length() != 2 * BYTES) {
      throw new VaultKeyException(
          "vault key "
              + file
              + " must hold "
              + 2 * BYTES
              + " hexadecimal characters ("
              + BYTES
              + " bytes), found "
              + hex.length()
              + " characters");
    }
    try {
      return new VaultKey(HexFormat.of().parseHex(hex));
    } catch (IllegalArgumentException e) {
      throw new VaultKeyException(
          "vault key " + file + " holds a character that is not hexadecimal", e);
    }
  }

  /** The cipher key for {@code algorithm}, derived as documented on the class. */
  byte[] derive(VaultCipher.Algorithm algorithm) {
    Digest digest = algorithm.suite() == SuiteId.SM ? new SM3Digest() : new SHA256Digest();
    HMac mac = new HMac(digest);
    mac.init(new KeyParameter(bytes));
    byte[] info =
        ("govchain/v1/vault-key\0" + algorithm.displayName()).getBytes(StandardCharsets.US_ASCII);
    mac.update(info, 0, info.length);
    byte[] out = new byte[mac.getMacSize()];
    mac.doFinal(out, 0);
    return Arrays.copyOf(out, algorithm.keyBytes());
  }

  @Override
  public String toString() {
    return "VaultKey[not shown]";
  }
}
