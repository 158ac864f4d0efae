package org.govchain.core.chain;

import java.nio.charset.StandardCharsets;
import org.govchain.core.crypto.Hasher;

/**
 * Domain separation: every signed or hashed structure is prefixed with its own tag, so that a
 * signature or hash made for one purpose can never be taken for another. A tag is ASCII followed by
 * a 0 byte, so no tag is a prefix of another; binary Merkle trees use the one-byte prefixes 0x00
 * (leaf) and 0x01 (node) of RFC 6962 instead, which no tag starts with.
 */
public enum Domain {
  /** A transaction's signature: over tag || TransactionBody bytes. */
  TRANSACTION_SIGNATURE("govchain/v1/tx"),
  /** A transaction's id: H(tag || TransactionBody bytes). */
  TRANSACTION_ID("govchain/v1/tx-id"),
  /** A block's hash: H(tag || BlockHeader bytes). */
  BLOCK_HEADER("govchain/v1/block"),
  /** A validator's commit vote: signature over tag || CommitStatement bytes. */
  COMMIT_VOTE("govchain/v1/commit"),
  /** A chain's identity: H(tag || Genesis bytes). */
  GENESIS("govchain/v1/genesis");

  private final byte[] prefix;

  Domain(String tag) {
    byte[] ascii = tag.getBytes(StandardCharsets.US_ASCII);
    prefix = new byte[ascii.length + 1];
    System.arraycopy(ascii, 0, prefix, 0, ascii.length);
  }

  /** The tag's bytes including the terminating 0. */
  public byte[] prefix() {
    return prefix.clone();
  }

  /** tag || 0 || payload: the bytes to sign. */
  public byte[] preimage(byte[] payload) {
    byte[] out = new byte[prefix.length + payload.length];
    System.arraycopy(prefix, 0, out, 0, prefix.length);
    System.arraycopy(payload, 0, out, prefix.length, payload.length);
    return out;
  }

  public Hasher startHash(Hasher hasher) {
    return hasher.update(prefix, 0, prefix.length);
  }
}
