package org.govchain.node.audit;

import java.nio.charset.StandardCharsets;

/**
 * The export file format, version {@value #VERSION} (docs/auditing.md has the byte layout). All
 * integers are big-endian; every length is checked against its limit before anything is allocated.
 */
public final class ExportFormat {
  /** The first eight bytes of every export file. */
  static final byte[] MAGIC = "GOVCHEXP".getBytes(StandardCharsets.US_ASCII);

  public static final int VERSION = 1;

  static final byte BLOCK_TAG = 'B';
  static final byte END_TAG = 'E';

  /** Chain ids are at most 64 characters (node-core's ChainId). */
  static final int CHAIN_ID_BYTES_MAX = 64;

  /** As the node's genesis file limit. */
  static final int GENESIS_BYTES_MAX = 64 * 1024 * 1024;

  /** A block of the largest allowed transactions: far above any chain's parameters. */
  static final int BLOCK_BYTES_MAX = 256 * 1024 * 1024;

  /** 256 validators' votes of at most a few hundred bytes each. */
  static final int CERTIFICATE_BYTES_MAX = 1024 * 1024;

  private ExportFormat() {}
}
