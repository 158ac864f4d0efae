package org.govchain.subchains.pull;

/** Why a material that is on the chain cannot be released to this requester now. */
public enum PullRefusal {
  /** The requester's key is not registered on the identity chain. */
  REQUESTER_NOT_REGISTERED,
  /** The requesting terminal, or its operating department, is not active. */
  REQUESTER_NOT_ACTIVE,
  /** The verification named is not on the identity chain. */
  VERIFICATION_NOT_FOUND,
  /** The verification failed, is of someone else, or was made at another terminal. */
  VERIFICATION_MISMATCH,
  /** The verification is older than the pull allows. */
  VERIFICATION_TOO_OLD,
  /** The verification's assurance is below what the service item requires. */
  VERIFICATION_INSUFFICIENT,
  /** The item needs the organization's licences and the request names no organization. */
  ORGANIZATION_NOT_GIVEN,
  /** The material's licence type is not in the catalog. */
  LICENSE_TYPE_NOT_IN_CATALOG,
  /** No resource of the catalog shares the licence type. */
  NOT_SHARED,
  /** The catalog shares the type, but not with the requester's department. */
  REQUESTER_NOT_ALLOWED_CONSUMER,
  /** The holder has given no grant to this requester covering the material. */
  NO_GRANT,
  /** The only covering grants have expired (or are not yet valid). */
  GRANT_EXPIRED,
  /** The only covering grants were revoked. */
  GRANT_REVOKED,
  /** The only covering grants were one-time and are used. */
  GRANT_USED,
  /** The holder's licence of the type is suspended. */
  LICENSE_SUSPENDED,
  /** The holder's licence of the type is withdrawn. */
  LICENSE_WITHDRAWN,
  /** The holder's licence of the type is cancelled. */
  LICENSE_CANCELLED,
  /** The holder's licence of the type is past its end of validity. */
  LICENSE_EXPIRED,
  /** The holder's licence of the type was transferred out. */
  LICENSE_TRANSFERRED_OUT,
  /** The holder's licence of the type is revoked. */
  LICENSE_REVOKED,
  /** The holder's licence of the type is not yet in force, or in another status. */
  LICENSE_NOT_IN_FORCE,
  /** The licence record's issuer signature does not verify, or its issuer is not registered. */
  ISSUER_SIGNATURE_INVALID
}
