package org.govchain.storage;

import java.nio.charset.StandardCharsets;
import org.govchain.core.chain.ChainId;

/**
 * The column families every chain has, named {@code <chain id>:<suffix>}. Each kind has its own
 * access pattern, hence its own options (see {@link RocksResources}).
 */
enum ColumnKind {
  /** Blocks, block hash index, certificates, transaction index, state roots, latest height. */
  CHAIN("chain"),
  /** The latest state: key → value. Point reads and scans at the chain's latest height. */
  STATE("state"),
  /** Every version of every state key (see {@link Keys}). Seeks for reads at older heights. */
  HISTORY("history"),
  /** State tree nodes by hash. Point reads, incompressible. */
  TREE("tree"),
  /** The consensus log: opaque key → bytes owned by the consensus module. */
  CONSENSUS("consensus");

  private static final char SEPARATOR = ':';

  private final String suffix;

  ColumnKind(String suffix) {
    this.suffix = suffix;
  }

  byte[] columnName(ChainId chain) {
    return (chain.value() + SEPARATOR + suffix).getBytes(StandardCharsets.US_ASCII);
  }

  /** The chain id in a column family name of this store, or null for other names. */
  static String chainOf(byte[] columnName) {
    String name = new String(columnName, StandardCharsets.US_ASCII);
    int separator = name.indexOf(SEPARATOR);
    if (separator <= 0) {
      return null;
    }
    String suffix = name.substring(separator + 1);
    for (ColumnKind kind : values()) {
      if (kind.suffix.equals(suffix)) {
        return name.substring(0, separator);
      }
    }
    return null;
  }
}
