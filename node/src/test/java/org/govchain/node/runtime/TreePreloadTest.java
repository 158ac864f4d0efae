package org.govchain.node.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.govchain.core.chain.ChainId;
import org.govchain.node.audit.CertifiedNetwork;
import org.govchain.node.chain.ChainSetup;
import org.govchain.storage.StateView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreePreloadTest {
  @TempDir Path directory;

  @Test
  void everyChainsTreeIsReadIntoTheCacheAndCloseWaitsForTheWalk() throws Exception {
    try (CertifiedNetwork network = new CertifiedNetwork(directory)) {
      List<ChainId> chains = network.chains().all().stream().map(ChainSetup::id).toList();
      Map<ChainId, Long> read;
      try (TreePreload preload = TreePreload.start("test", network.store(), chains)) {
        read = preload.done().get(60, TimeUnit.SECONDS);
      }
      assertEquals(chains, List.copyOf(read.keySet()), "every chain, in order");
      long total = 0;
      for (ChainId chain : chains) {
        try (StateView state = network.store().chain(chain).state()) {
          assertEquals(
              state.preloadUpperLevels(() -> false),
              read.get(chain),
              chain + ": the whole walk, as a direct one reads it");
          total += read.get(chain);
        }
      }
      assertTrue(total > 5, "the genesis content's trees were read: " + total + " nodes");
    }
  }

  @Test
  void closingStopsTheWalkBeforeTheStoreCanClose() throws Exception {
    try (CertifiedNetwork network = new CertifiedNetwork(directory)) {
      List<ChainId> chains = network.chains().all().stream().map(ChainSetup::id).toList();
      TreePreload preload = TreePreload.start("test", network.store(), chains);
      preload.close();
      assertTrue(preload.done().isDone(), "the walk has ended when close returns");
    }
  }
}
