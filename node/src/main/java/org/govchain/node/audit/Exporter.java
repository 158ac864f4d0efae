package org.govchain.node.audit;

import java.io.IOException;
import java.nio.file.Path;
import org.govchain.node.chain.ChainSetup;

/** Writes a chain of a read-only data directory to an export file. */
public final class Exporter {
  private Exporter() {}

  /** What was exported. */
  public record Exported(long fromHeight, long toHeight, long transactions) {}

  /**
   * Exports heights {@code from}..{@code to} of {@code chain} ({@code to} -1: the latest) from
   * {@code data} to {@code out}, after checking that the directory holds the chain of {@code
   * chain}'s genesis.
   */
  public static Exported export(DataDirectory data, ChainSetup chain, long from, long to, Path out)
      throws IOException, ReplayException {
    ChainSource source = data.source(chain);
    if (!source.genesisHash().equals(chain.genesisHash())) {
      throw new ReplayException(
          chain.id(),
          0,
          ReplayProblem.GENESIS_MISMATCH,
          "the data directory holds genesis "
              + source.genesisHash().shortHex()
              + ", the genesis file is "
              + chain.genesisHash().shortHex());
    }
    long last = to < 0 ? source.lastHeight() : to;
    if (from < 0 || last < from || last > source.lastHeight()) {
      throw new IllegalArgumentException(
          "heights "
              + from
              + ".."
              + last
              + " are not within the chain's 0.."
              + source.lastHeight());
    }
    long transactions = 0;
    try (ExportWriter writer =
        ExportWriter.create(out, chain.suite(), chain.id(), chain.genesis(), from, last)) {
      for (long height = from; height <= last; height++) {
        CertifiedBlock block = data.read(chain, height);
        writer.append(block.block(), block.certificate());
        transactions += block.block().getTransactionsCount();
      }
      writer.finish();
    }
    return new Exported(from, last, transactions);
  }
}
