package org.govchain.node.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.govchain.core.crypto.SuiteId;
import org.govchain.node.config.NodeConfig;
import org.govchain.node.config.NodeConfigLoader;
import org.govchain.node.network.NetworkInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A single-department network in process: the node executes its five genesis blocks, stops, starts
 * again where it stopped, and refuses a data directory made from another genesis.
 */
class GenesisGuardTest {
  @TempDir Path dir;

  private static NetworkInit.Plan plan() {
    // Port 0 everywhere: the node picks free ports.
    return new NetworkInit.Plan("haidian", SuiteId.SM, 1, "127.0.0.1", 0, 0, 0, 16, 100);
  }

  @Test
  void aNodeRestartsOnItsOwnGenesisAndRefusesAnotherOne() throws Exception {
    new NetworkInit(plan(), dir.resolve("a")).create();
    new NetworkInit(plan(), dir.resolve("b")).create();
    Path configA = dir.resolve("a/nodes/data-bureau/node.yaml");
    NodeConfig a = NodeConfigLoader.load(configA);

    try (GovchainNode node = GovchainNode.start(a, Clock.systemUTC())) {
      assertEquals(5, node.chainHeights().size());
      node.chainHeights().values().forEach(height -> assertEquals(0L, height));
    }
    // Restart on the same store: resumes, nothing re-executed.
    try (GovchainNode node = GovchainNode.start(a, Clock.systemUTC())) {
      node.chainHeights().values().forEach(height -> assertEquals(0L, height));
    }

    // Network b's node (its keys, its genesis) over network a's data directory: refused.
    Path configB = dir.resolve("b/nodes/data-bureau/node.yaml");
    Path mixed = dir.resolve("b/nodes/data-bureau/mixed.yaml");
    Files.writeString(
        mixed,
        Files.readString(configB)
            .replace("data-dir: data", "data-dir: " + dir.resolve("a/nodes/data-bureau/data")));
    NodeConfig wrong = NodeConfigLoader.load(mixed);
    NodeStartException refused =
        assertThrows(NodeStartException.class, () -> GovchainNode.start(wrong, Clock.systemUTC()));
    assertTrue(
        refused.getMessage().contains("the data directory holds genesis"), refused.getMessage());
    assertTrue(refused.getMessage().contains("haidian-"), refused.getMessage());
  }
}
