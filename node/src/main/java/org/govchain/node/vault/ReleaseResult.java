package org.govchain.node.vault;

import java.util.List;

/** The outcome of {@link Vault#release}: the items asked for, or refused. */
public sealed interface ReleaseResult permits ReleaseResult.Released, VaultRefused {
  /** The values and salts, in the order asked, each checked against its on-chain commitment. */
  record Released(String licenseId, List<ReleasedItem> items) implements ReleaseResult {
    public Released {
      items = List.copyOf(items);
    }
  }
}
