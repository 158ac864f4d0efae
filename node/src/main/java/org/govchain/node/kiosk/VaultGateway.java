package org.govchain.node.kiosk;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.govchain.api.v1.ReleasedItem;
import org.govchain.core.crypto.Hash;
import org.govchain.core.crypto.PublicKey;

/**
 * Where a pulled licence's item values come from: the issuing department's vault, on this node or
 * on the node that keeps that department's vault. The vault releases only against the committed
 * access record, which it checks on its own node's chains.
 */
public interface VaultGateway {
  /** What to release, and the record that allows it. */
  record ReleaseRequest(
      String departmentCode,
      Hash accessRecordId,
      long accessRecordHeight,
      PublicKey requester,
      String licenseId,
      List<String> itemCodes) {
    public ReleaseRequest {
      itemCodes = List.copyOf(itemCodes);
    }
  }

  /** The released items, or why none were. */
  sealed interface Released {
    record Items(List<ReleasedItem> items) implements Released {
      public Items {
        items = List.copyOf(items);
      }
    }

    record Failed(String reason) implements Released {}
  }

  CompletableFuture<Released> release(ReleaseRequest request);
}
