package org.govchain.node.api;

import java.util.concurrent.ConcurrentHashMap;
import org.govchain.api.v1.Anchor;
import org.govchain.core.chain.ChainId;
import org.govchain.node.chain.ChainSetup;
import org.govchain.storage.StoreSnapshot;

/**
 * The anchor (header and commit certificate) of each chain's most recently answered height, built
 * once per height instead of once per call. A committed block and its certificate never change, so
 * the anchor read at height h stays the anchor of h; a call at another height reads the store and
 * the newest height read wins the slot. One entry per chain: bounded by the hosted chains.
 */
public final class AnchorCache {
  private final ConcurrentHashMap<ChainId, Anchor> latest = new ConcurrentHashMap<>();

  /** The anchor of {@code chain} at {@code height}, read from {@code snapshot} on a miss. */
  public Anchor anchor(StoreSnapshot snapshot, ChainSetup chain, long height) {
    Anchor cached = latest.get(chain.id());
    if (cached != null && cached.getHeight() == height) {
      return cached;
    }
    Anchor built = QueryApiService.anchor(snapshot, chain, height);
    latest.merge(
        chain.id(), built, (old, fresh) -> fresh.getHeight() >= old.getHeight() ? fresh : old);
    return built;
  }
}
