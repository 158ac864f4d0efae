package org.govchain.node.vault;

import java.util.List;
import org.govchain.core.crypto.Hash;
import org.govchain.core.crypto.PublicKey;

/**
 * A release asked of the vault: under the committed access record {@code accessId}, by the holder
 * of {@code requester} (authenticated by the caller: mutual TLS or a signed request), the items of
 * one licence, at {@code nowMillis} (the node's clock, passed in so tests drive time).
 */
public record ReleaseRequest(
    Hash accessId, PublicKey requester, String licenseId, List<String> itemCodes, long nowMillis) {
  public ReleaseRequest {
    itemCodes = List.copyOf(itemCodes);
  }
}
