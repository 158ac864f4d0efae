package org.govchain.node.kiosk;

import com.google.protobuf.ByteString;
import java.util.Optional;
import org.govchain.core.MalformedInputException;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.crypto.Hash;
import org.govchain.core.crypto.PublicKey;
import org.govchain.subchains.pull.PullRequest;

/** The API's pull request, checked field by field and turned into the pull plan's request. */
final class PullRequests {
  static final int MAX_SERVICE_ITEM_CODE_CHARS = 64;

  private PullRequests() {}

  static PullRequest decode(
      org.govchain.api.v1.PullRequest request, CryptoSuite suite, long nowMillis) {
    Hash applicant = hash(request.getApplicant(), "applicant");
    Optional<Hash> organization =
        request.getOrganization().isEmpty()
            ? Optional.empty()
            : Optional.of(hash(request.getOrganization(), "organization"));
    String item = request.getServiceItemCode();
    if (item.isEmpty() || item.length() > MAX_SERVICE_ITEM_CODE_CHARS) {
      throw KioskApiService.invalid(
          "service_item_code must be 1.." + MAX_SERVICE_ITEM_CODE_CHARS + " characters");
    }
    PublicKey requester;
    try {
      requester = suite.decodePublicKey(request.getRequester().toByteArray());
    } catch (MalformedInputException e) {
      throw KioskApiService.invalid("requester: " + e.getMessage());
    }
    Hash verification = hash(request.getVerificationId(), "verification_id");
    return new PullRequest(applicant, organization, item, requester, verification, nowMillis);
  }

  private static Hash hash(ByteString bytes, String field) {
    try {
      return Hash.decode(bytes, field);
    } catch (MalformedInputException e) {
      throw KioskApiService.invalid(e.getMessage());
    }
  }
}
