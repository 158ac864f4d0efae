package org.govchain.node.vault;

/** Why the vault refused a deposit or a release. Nothing was stored or released. */
public enum VaultRefusal {
  // Both.
  /** A field out of form or over a limit (item code, value size, salt size, item count). */
  MALFORMED_REQUEST,
  /** The licence's issuer is not a department this vault keeps. */
  NOT_KEPT_HERE,

  // Deposit.
  /** The items deposited are not exactly the items the licence commits to. */
  ITEMS_DO_NOT_MATCH,
  /** A value and salt do not open the item's on-chain commitment. */
  COMMITMENT_MISMATCH,
  /** The vault holds {@link VaultLimits#licensesMax()} licences. */
  VAULT_FULL,

  // Release.
  /** The requester key is not registered on the identity chain. */
  REQUESTER_NOT_REGISTERED,
  /** The requester (or a terminal's operating department) is suspended or retired. */
  REQUESTER_NOT_ACTIVE,
  /** No committed access record with this id on the consent chain. */
  ACCESS_RECORD_NOT_FOUND,
  /** The access record names another requester. */
  REQUESTER_MISMATCH,
  /** The access record is older than {@link VaultLimits#accessRecordAgeMaxMillis()}. */
  ACCESS_RECORD_TOO_OLD,
  /** The access record releases nothing of this licence. */
  LICENSE_NOT_IN_RECORD,
  /** An item asked for is not among the items the record releases of this licence. */
  ITEMS_NOT_IN_RECORD,
  /** The record names a grant that is not on the consent chain. */
  GRANT_NOT_FOUND,
  /** The grant was revoked or its validity ended since the access was recorded. */
  GRANT_NOT_LIVE,
  /** The grant is not the licence holder's, or does not cover an item. */
  GRANT_DOES_NOT_COVER,
  /** The licence is not on the licence chain. */
  LICENSE_NOT_FOUND,
  /** The licence is not valid now (suspended, withdrawn, cancelled, revoked, expired...). */
  LICENSE_NOT_VALID,
  /** The vault holds no value for the licence or item. */
  NOT_DEPOSITED
}
