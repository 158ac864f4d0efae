package org.govchain.subchains;

/** Why a transaction was refused. Stable names: clients and auditors match on them. */
public enum RefusalCode {
  // The envelope and the payload.
  /** The transaction names another chain than the one executing it. */
  WRONG_CHAIN,
  /** The type is not an operation of this chain. */
  UNKNOWN_TYPE,
  /** The payload does not decode canonically, or a field has an invalid form or is missing. */
  MALFORMED_PAYLOAD,
  /** The nonce is not greater than the submitter's last accepted nonce on this chain (a replay). */
  STALE_NONCE,

  // Who submits.
  /** The submitter key is not registered on the identity chain. */
  SUBMITTER_NOT_REGISTERED,
  /** The submitter (or the department operating the submitting terminal) is not active. */
  SUBMITTER_NOT_ACTIVE,
  /** The submitter is registered and active but this operation is not its to perform. */
  NOT_PERMITTED,

  // Registry and catalog entries.
  /** An entry with this code or id already exists. */
  ALREADY_EXISTS,
  /** The entry the transaction refers to does not exist. */
  NOT_FOUND,
  /** The version given is not the stored version (or stored version + 1 for a definition). */
  VERSION_CONFLICT,
  /** The public key is already bound to another department or terminal. */
  KEY_IN_USE,
  /** The identity chain's data bureau can be registered only once, in its genesis, by itself. */
  BOOTSTRAP_ONLY,
  /** The status change is not allowed from the current status (e.g. a retired terminal). */
  INVALID_STATUS_TRANSITION,
  /** A department named by the transaction (issuer, consumer, operator) is not registered. */
  UNKNOWN_DEPARTMENT,
  /** The verification's assurance level is more than its method can give. */
  ASSURANCE_EXCEEDS_METHOD,
  /** A time in the payload is too far from the block's time. */
  TIME_OUT_OF_RANGE,

  // Licences.
  /** The licence type is not in the catalog. */
  UNKNOWN_LICENSE_TYPE,
  /** The submitting department is not a provider of this licence type in the catalog. */
  NOT_AN_ISSUER,
  /**
   * The licence does not match the catalog's entry for its type: items (unknown, or a required one
   * missing), holder kind, or type version.
   */
  ITEMS_DO_NOT_MATCH_TYPE,
  /** The issuer signature over the licence content does not verify. */
  ISSUER_SIGNATURE_INVALID,
  /** The licence named does not exist. */
  LICENSE_NOT_FOUND,
  /** The licence's current status does not allow the operation. */
  LICENSE_STATUS_CONFLICT,
  /**
   * A change or renewal does not match the licence it replaces (holder, type, issuer, validity).
   */
  REPLACEMENT_MISMATCH,

  // Consent.
  /** The verification named does not exist. */
  VERIFICATION_NOT_FOUND,
  /** The verification failed, is of another subject, or was made at another terminal. */
  VERIFICATION_MISMATCH,
  /** The verification is older than allowed. */
  VERIFICATION_TOO_OLD,
  /** The grant named does not exist. */
  GRANT_NOT_FOUND,
  /** The grant was revoked. */
  GRANT_REVOKED,
  /** The grant's validity has ended (or not yet begun). */
  GRANT_EXPIRED,
  /** The one-time grant was already used. */
  GRANT_USED,
  /** The grant does not cover the licence type or items, or not for this requester. */
  GRANT_DOES_NOT_COVER,
  /** The licence is not valid now (suspended, revoked, expired...). */
  LICENSE_NOT_VALID,

  // Service items and cases.
  /** The service item named does not exist. */
  UNKNOWN_SERVICE_ITEM,
  /** A material is not one of the service item's, or its evidence has the wrong form. */
  MATERIAL_MISMATCH,
  /** A mandatory material is not attached. */
  MATERIAL_MISSING,
  /** The access record a pulled material names does not exist or does not release it. */
  ACCESS_NOT_FOUND,
  /** The case named does not exist. */
  CASE_NOT_FOUND,
  /** The case cannot move from its status to the one requested. */
  CASE_TRANSITION_NOT_ALLOWED
}
