package org.govchain.node.vault;

import com.google.protobuf.ByteString;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.govchain.subchains.privacy.ItemCommitments;

/**
 * The vault's on-disk layout (see docs/vault.md). Keys are a one-byte table tag and components of
 * one length byte and their UTF-8 bytes; licence ids and item codes are public (they are on the
 * licence chain), so keys are in the clear. Values of item records are
 *
 * <pre>
 *   u8 format version (1) || u8 algorithm id || nonce (12) || ciphertext || tag (16)
 *   plaintext = salt (32) || UTF-8 value
 *   AAD = "govchain/v1/vault-item" || 0x00 || u8 format version || u8 algorithm id
 *         || u32(len department) || department || u32(len licence id) || licence id
 *         || u32(len item code) || item code
 * </pre>
 *
 * so a record moved to another key (another department, licence or item), or read as another format
 * or algorithm, fails authentication.
 */
final class VaultRecords {
  static final int FORMAT_VERSION = 1;
  static final int HEADER_BYTES = 2 + VaultCipher.NONCE_BYTES;

  private static final byte TABLE_META = 1;
  private static final byte TABLE_LICENSE = 2;
  private static final byte TABLE_ITEM = 3;
  private static final byte TABLE_COUNT = 4;
  private static final int COMPONENT_BYTES_MAX = 255;
  private static final byte[] ITEM_DOMAIN =
      "govchain/v1/vault-item\0".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] CHECK_DOMAIN =
      "govchain/v1/vault-check\0".getBytes(StandardCharsets.US_ASCII);

  private VaultRecords() {}

  /** The vault's header: format, algorithm and a key check value. */
  static byte[] metaKey() {
    return new byte[] {TABLE_META};
  }

  /** The number of licences stored (u64). */
  static byte[] countKey() {
    return new byte[] {TABLE_COUNT};
  }

  /** Marks a licence as deposited; its value is the number of items (u8). */
  static byte[] licenseKey(String department, String licenseId) {
    return key(TABLE_LICENSE, department, licenseId);
  }

  static byte[] itemKey(String department, String licenseId, String itemCode) {
    return key(TABLE_ITEM, department, licenseId, itemCode);
  }

  static byte[] itemAad(int algorithmId, String department, String licenseId, String itemCode) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    out.writeBytes(ITEM_DOMAIN);
    out.write(FORMAT_VERSION);
    out.write(algorithmId);
    lengthPrefixed(out, department);
    lengthPrefixed(out, licenseId);
    lengthPrefixed(out, itemCode);
    return out.toByteArray();
  }

  static byte[] checkAad(int algorithmId) {
    byte[] aad = Arrays.copyOf(CHECK_DOMAIN, CHECK_DOMAIN.length + 2);
    aad[CHECK_DOMAIN.length] = FORMAT_VERSION;
    aad[CHECK_DOMAIN.length + 1] = (byte) algorithmId;
    return aad;
  }

  static byte[] plaintext(ItemOpening opening) {
    byte[] value = opening.value().getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[ItemCommitments.SALT_BYTES + value.length];
    opening.salt().copyTo(out, 0);
    System.arraycopy(value, 0, out, ItemCommitments.SALT_BYTES, value.length);
    return out;
  }

  /** Splits a decrypted plaintext; empty value bytes are allowed, a short plaintext is not. */
  static ItemOpening opening(byte[] plaintext) {
    if (plaintext.length < ItemCommitments.SALT_BYTES) {
      throw new IllegalArgumentException("plaintext shorter than a salt");
    }
    ByteString salt = ByteString.copyFrom(plaintext, 0, ItemCommitments.SALT_BYTES);
    String value =
        new String(
            plaintext,
            ItemCommitments.SALT_BYTES,
            plaintext.length - ItemCommitments.SALT_BYTES,
            StandardCharsets.UTF_8);
    return new ItemOpening(value, salt);
  }

  static byte[] record(int algorithmId, byte[] nonce, byte[] sealed) {
    byte[] out = new byte[HEADER_BYTES + sealed.length];
    out[0] = FORMAT_VERSION;
    out[1] = (byte) algorithmId;
    System.arraycopy(nonce, 0, out, 2, nonce.length);
    System.arraycopy(sealed, 0, out, HEADER_BYTES, sealed.length);
    return out;
  }

  static byte[] u64(long value) {
    return ByteBuffer.allocate(Long.BYTES).putLong(value).array();
  }

  static long readU64(byte[] bytes) {
    if (bytes.length != Long.BYTES) {
      throw new VaultIntegrityException("the vault's licence count is not 8 bytes");
    }
    return ByteBuffer.wrap(bytes).getLong();
  }

  /** Whether a component fits a key (one length byte). */
  static boolean fits(String component) {
    return component.getBytes(StandardCharsets.UTF_8).length <= COMPONENT_BYTES_MAX;
  }

  private static byte[] key(byte table, String... components) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    out.write(table);
    for (String component : components) {
      byte[] bytes = component.getBytes(StandardCharsets.UTF_8);
      if (bytes.length > COMPONENT_BYTES_MAX) {
        throw new IllegalArgumentException("a vault key component is at most 255 bytes");
      }
      out.write(bytes.length);
      out.writeBytes(bytes);
    }
    return out.toByteArray();
  }

  private static void lengthPrefixed(ByteArrayOutputStream out, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    out.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
    out.writeBytes(bytes);
  }
}
