package org.govchain.node.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.govchain.api.v1.Anchor;
import org.govchain.node.audit.CertifiedNetwork;
import org.govchain.node.chain.ChainSetup;
import org.govchain.storage.StoreSnapshot;
import org.govchain.subchains.ChainKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnchorCacheTest {
  @TempDir Path directory;

  @Test
  void anAnchorIsBuiltOncePerHeightAndIsTheStoredHeaderAndCertificate() throws Exception {
    try (CertifiedNetwork network = new CertifiedNetwork(directory)) {
      ChainSetup licences = network.chain(ChainKind.LICENSE);
      AnchorCache cache = new AnchorCache();
      long first = network.commit(ChainKind.LICENSE, network.licenceIssues(1, 2));
      Anchor atFirst;
      try (StoreSnapshot snapshot = network.store().snapshot()) {
        atFirst = cache.anchor(snapshot, licences, first);
        assertEquals(QueryApiService.anchor(snapshot, licences, first), atFirst);
        assertTrue(atFirst.hasCertificate(), "the anchor carries the commit certificate");
        assertSame(atFirst, cache.anchor(snapshot, licences, first), "built once per height");
      }

      long second = network.commit(ChainKind.LICENSE, network.licenceIssues(3, 1));
      try (StoreSnapshot snapshot = network.store().snapshot()) {
        Anchor atSecond = cache.anchor(snapshot, licences, second);
        assertEquals(second, atSecond.getHeight());
        assertEquals(QueryApiService.anchor(snapshot, licences, second), atSecond);
        // An older height is read from the store and does not displace the newest one.
        assertEquals(atFirst, cache.anchor(snapshot, licences, first));
        assertSame(atSecond, cache.anchor(snapshot, licences, second));
      }
    }
  }
}
