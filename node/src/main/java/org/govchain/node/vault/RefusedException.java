package org.govchain.node.vault;

/** Internal: carries a refusal out of a check; the public API returns {@link VaultRefused}. */
final class RefusedException extends Exception {
  private static final long serialVersionUID = 1L;
  private final VaultRefusal reason;

  RefusedException(VaultRefusal reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  VaultRefused toResult() {
    return new VaultRefused(reason, getMessage());
  }
}
