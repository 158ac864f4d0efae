package org.govchain.subchains.privacy;

import java.nio.charset.StandardCharsets;
import org.govchain.core.crypto.Hasher;

/**
 * Domain tags of the structures the ledgers hash or sign, built like node-core's {@code Domain}
 * (ASCII, then a 0 byte) and distinct from every node-core tag, so that none of these hashes or
 * signatures can be taken for a transaction, block, vote or genesis, nor for each other.
 */
public enum SubchainDomain {
  /** The issuer's signature over a licence's content. */
  LICENSE_RECORD("govchain/v1/license-record"),
  /** A salted commitment to one data item's value. */
  ITEM_COMMITMENT("govchain/v1/item-commitment"),
  /** The keyed hash of a holder code (inside the HMAC). */
  HOLDER_CODE("govchain/v1/holder-code");

  private final byte[] prefix;

  SubchainDomain(String tag) {
    byte[] ascii = tag.getBytes(StandardCharsets.US_ASCII);
    prefix = new byte[ascii.length + 1];
    System.arraycopy(ascii, 0, prefix, 0, ascii.length);
  }

  /** The tag's bytes including the terminating 0. */
  public byte[] prefix() {
    return prefix.clone();
  }

  /** tag || 0 || payload. */
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
