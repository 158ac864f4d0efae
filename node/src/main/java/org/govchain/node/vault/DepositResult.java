package org.govchain.node.vault;

/** The outcome of {@link Vault#deposit}: stored (or already stored), or refused. */
public sealed interface DepositResult permits DepositResult.Stored, VaultRefused {
  /**
   * The licence's items are in the vault.
   *
   * @param alreadyPresent the same values were deposited before; nothing was written this time
   */
  record Stored(String licenseId, int items, boolean alreadyPresent) implements DepositResult {}
}
