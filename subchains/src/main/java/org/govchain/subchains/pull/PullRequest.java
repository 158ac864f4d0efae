package org.govchain.subchains.pull;

import java.util.Optional;
import org.govchain.core.crypto.Hash;
import org.govchain.core.crypto.PublicKey;

/**
 * A one-click pull: who applies (keyed hashes of their holder codes), for which service item, from
 * which terminal or department, on the strength of which identity verification, at what time.
 *
 * @param applicant keyed hash of the applicant's citizen ID number
 * @param organization keyed hash of the organization's credit code, for organization items
 * @param serviceItemCode the service item applied for
 * @param requester the requesting terminal's or department's public key
 * @param verificationId the identity-chain verification of the applicant at the requester
 * @param nowMillis the time the plan is made for (validity, expiry, verification age)
 */
public record PullRequest(
    Hash applicant,
    Optional<Hash> organization,
    String serviceItemCode,
    PublicKey requester,
    Hash verificationId,
    long nowMillis) {}
