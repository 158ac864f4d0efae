package org.govchain.storage;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * The process the crash test kills: opens (or creates) the store and commits blocks of {@link
 * CrashWorkload} without end, printing "COMMITTED h" after each commit returned. Before each block
 * it also writes "progress" to the consensus log alone (synced), as a consensus module persists
 * before it sends.
 */
public final class CrashWriter {
  private CrashWriter() {}

  public static void main(String[] args) throws Exception {
    Path directory = Path.of(args[0]);
    long seed = Long.parseLong(args[1]);
    long blocksMax = Long.parseLong(args[2]);
    PrintStream out = System.out;
    StoreOptions options = StoreOptions.defaults().withVerifyChecksumsOnOpen(false);
    List<ChainSpec> chains = List.of(CrashWorkload.spec());
    try (Store store =
        Store.looksLikeStore(directory)
            ? Store.open(directory, options, chains)
            : Store.create(directory, options, chains)) {
      ChainStore chain = store.chain(CrashWorkload.CHAIN);
      ChainFixture fixture = new ChainFixture(CrashWorkload.CHAIN, CrashWorkload.SUITE);
      for (long block = 0; block < blocksMax; block++) {
        long height = chain.latestHeight() + 1;
        chain
            .consensusLog()
            .write(
                ConsensusLogUpdate.builder()
                    .put(CrashWorkload.PROGRESS, CrashWorkload.heightBytes(height))
                    .build());
        fixture.commit(
            chain,
            CrashWorkload.writes(seed, height),
            1,
            ConsensusLogUpdate.builder()
                .put(CrashWorkload.COMMITTED, CrashWorkload.heightBytes(height))
                .build());
        out.println("COMMITTED " + height);
        out.flush();
      }
    }
  }
}
