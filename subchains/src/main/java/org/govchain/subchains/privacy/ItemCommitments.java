package org.govchain.subchains.privacy;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.crypto.Hash;
import org.govchain.core.crypto.Hasher;

/**
 * Salted commitments to data-item values:
 *
 * <pre>
 *   commitment = H("govchain/v1/item-commitment" || 0x00
 *                  || u32(len(licence id)) || licence id
 *                  || u32(len(item code)) || item code
 *                  || salt (32 bytes)
 *                  || u32(len(value)) || value)
 * </pre>
 *
 * with strings in UTF-8, u32 big-endian lengths in bytes and H the chain suite's hash. Binding the
 * licence id and item code means a value released for one item cannot pass as another's; the
 * 32-byte random salt, kept in the issuer's vault with the value, means a commitment reveals
 * nothing about a guessable value (a birth date, a sex).
 */
public final class ItemCommitments {
  public static final int SALT_BYTES = 32;

  /** Item values are short texts; an image item holds the image's hash. */
  public static final int MAX_VALUE_BYTES = 4096;

  private ItemCommitments() {}

  public static Hash commit(
      CryptoSuite suite, String licenseId, String itemCode, ByteString salt, String value) {
    if (salt.size() != SALT_BYTES) {
      throw new IllegalArgumentException("an item salt is " + SALT_BYTES + " bytes");
    }
    byte[] valueBytes = value.getBytes(StandardCharsets.UTF_8);
    if (valueBytes.length > MAX_VALUE_BYTES) {
      throw new IllegalArgumentException("an item value is at most " + MAX_VALUE_BYTES + " bytes");
    }
    Hasher hasher = SubchainDomain.ITEM_COMMITMENT.startHash(suite.newHasher());
    lengthPrefixed(hasher, licenseId.getBytes(StandardCharsets.UTF_8));
    lengthPrefixed(hasher, itemCode.getBytes(StandardCharsets.UTF_8));
    hasher.update(salt);
    lengthPrefixed(hasher, valueBytes);
    return hasher.finish();
  }

  /** Whether a released value and salt open {@code commitment}. */
  public static boolean opens(
      CryptoSuite suite,
      Hash commitment,
      String licenseId,
      String itemCode,
      ByteString salt,
      String value) {
    if (salt.size() != SALT_BYTES
        || value.getBytes(StandardCharsets.UTF_8).length > MAX_VALUE_BYTES) {
      return false;
    }
    return commit(suite, licenseId, itemCode, salt, value).equals(commitment);
  }

  private static void lengthPrefixed(Hasher hasher, byte[] bytes) {
    hasher.update((byte) (bytes.length >>> 24));
    hasher.update((byte) (bytes.length >>> 16));
    hasher.update((byte) (bytes.length >>> 8));
    hasher.update((byte) bytes.length);
    hasher.update(bytes);
  }
}
