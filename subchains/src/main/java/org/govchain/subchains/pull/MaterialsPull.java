package org.govchain.subchains.pull;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.crypto.Hash;
import org.govchain.subchains.Refusal;
import org.govchain.subchains.RefusalCode;
import org.govchain.subchains.catalog.CatalogState;
import org.govchain.subchains.consent.ConsentState;
import org.govchain.subchains.consent.ConsentState.IdentifiedGrant;
import org.govchain.subchains.consent.GrantRules;
import org.govchain.subchains.identity.IdentityState;
import org.govchain.subchains.identity.Principal;
import org.govchain.subchains.identity.Principals;
import org.govchain.subchains.license.LicenseState;
import org.govchain.subchains.license.LicenseStatuses;
import org.govchain.subchains.privacy.LicenseSignatures;
import org.govchain.subchains.proto.AccessRelease;
import org.govchain.subchains.proto.Department;
import org.govchain.subchains.proto.GrantScope;
import org.govchain.subchains.proto.HolderRole;
import org.govchain.subchains.proto.LicenseRecord;
import org.govchain.subchains.proto.LicenseStatus;
import org.govchain.subchains.proto.Material;
import org.govchain.subchains.proto.MaterialSource;
import org.govchain.subchains.proto.RecordAccess;
import org.govchain.subchains.proto.ServiceItem;
import org.govchain.subchains.proto.Verification;
import org.govchain.subchains.proto.VerificationResult;
import org.govchain.subchains.pull.MaterialOutcome.Found;
import org.govchain.subchains.pull.MaterialOutcome.Missing;
import org.govchain.subchains.pull.MaterialOutcome.MissingReason;
import org.govchain.subchains.pull.MaterialOutcome.Refused;
import org.govchain.subchains.pull.MaterialOutcome.VaultLocation;
import org.govchain.subchains.service.ServiceState;

/**
 * The one-click materials pull: a pure function of the five chains' views and a request. For each
 * material the service item requires, it decides found (and which items, under which grant, from
 * which vault), missing (upload a scan) or refused (and why); it drafts the access record that the
 * requester appends to the consent chain, which is what the issuing departments release values
 * against; and it computes the item's material-reduction figures.
 *
 * <p>Checks run in an order that reveals nothing to a requester without the right: the requester
 * and the applicant's verification first, then the catalog and the grant, and only then whether a
 * licence exists and its status.
 */
public final class MaterialsPull {
  /** The applicant's verification at the terminal must be at most this old. */
  public static final long DEFAULT_MAX_VERIFICATION_AGE_MILLIS = 10L * 60 * 1000;

  /** Checks a licence record's issuer signature; the node may pass one that caches results. */
  @FunctionalInterface
  public interface LicenseVerifier {
    boolean verify(LicenseRecord record);
  }

  private final long maxVerificationAgeMillis;
  private final LicenseVerifier verifier;

  public MaterialsPull(long maxVerificationAgeMillis, LicenseVerifier verifier) {
    if (maxVerificationAgeMillis <= 0) {
      throw new IllegalArgumentException("maximum verification age must be positive");
    }
    this.maxVerificationAgeMillis = maxVerificationAgeMillis;
    this.verifier = verifier;
  }

  /** A pull that verifies every licence signature it releases, with the default age limit. */
  public static MaterialsPull verifyingWith(CryptoSuite suite) {
    return new MaterialsPull(
        DEFAULT_MAX_VERIFICATION_AGE_MILLIS, record -> LicenseSignatures.verify(suite, record));
  }

  public PullResult plan(ChainViews views, PullRequest request) {
    Optional<ServiceItem> found = ServiceState.item(views.service(), request.serviceItemCode());
    if (found.isEmpty()) {
      return new PullResult.Rejected(
          "service item " + request.serviceItemCode() + " does not exist");
    }
    ServiceItem item = found.get();
    Optional<Principal> requester = Optional.empty();
    Optional<Refused> gate;
    try {
      requester = Optional.of(Principals.resolve(views.identity(), request.requester()));
      gate = gate(views, request, item, requester.get());
    } catch (Refusal refusal) {
      gate = Optional.of(requesterRefusal(refusal));
    }
    List<MaterialOutcome> outcomes = new ArrayList<>(item.getMaterialsCount());
    for (Material material : item.getMaterialsList()) {
      outcomes.add(outcome(views, request, item, material, requester, gate));
    }
    return new PullResult.Plan(
        item,
        outcomes,
        accessRecord(item, outcomes),
        new Share(fromLicenses(item), item.getMaterialsCount()),
        new Share(
            (int) outcomes.stream().filter(Found.class::isInstance).count(),
            item.getMaterialsCount()));
  }

  private static Refused requesterRefusal(Refusal refusal) {
    PullRefusal reason =
        refusal.code() == RefusalCode.SUBMITTER_NOT_REGISTERED
            ? PullRefusal.REQUESTER_NOT_REGISTERED
            : PullRefusal.REQUESTER_NOT_ACTIVE;
    return new Refused("", reason, refusal.getMessage());
  }

  private static int fromLicenses(ServiceItem item) {
    int count = 0;
    for (Material material : item.getMaterialsList()) {
      if (material.getSource() == MaterialSource.FROM_LICENSE) {
        count++;
      }
    }
    return count;
  }

  /** Refusals that apply to every material: the requester, then the applicant's verification. */
  private Optional<Refused> gate(
      ChainViews views, PullRequest request, ServiceItem item, Principal requester) throws Refusal {
    requester.requireActive();
    Optional<Verification> found =
        IdentityState.verification(views.identity(), request.verificationId());
    if (found.isEmpty()) {
      return refusedAll(PullRefusal.VERIFICATION_NOT_FOUND, "the verification is not recorded");
    }
    Verification verification = found.get();
    if (verification.getResult() != VerificationResult.PASSED
        || !verification.getSubject().equals(request.applicant().toByteString())
        || !verifiedAtRequester(views, verification, requester)) {
      return refusedAll(
          PullRefusal.VERIFICATION_MISMATCH,
          "the verification is not a passed verification of the applicant at this requester");
    }
    if (request.nowMillis() - verification.getVerifiedAtMillis() > maxVerificationAgeMillis) {
      return refusedAll(
          PullRefusal.VERIFICATION_TOO_OLD,
          "the verification is older than " + maxVerificationAgeMillis / 1000 + " s");
    }
    if (verification.getAssurance().getNumber() < item.getMinAssurance().getNumber()) {
      return refusedAll(
          PullRefusal.VERIFICATION_INSUFFICIENT,
          "the item requires " + item.getMinAssurance() + ", got " + verification.getAssurance());
    }
    return Optional.empty();
  }

  private static boolean verifiedAtRequester(
      ChainViews views, Verification verification, Principal requester) {
    if (requester.isTerminal()) {
      return requester.terminal().get().getTerminalId().equals(verification.getTerminalId());
    }
    return IdentityState.terminal(views.identity(), verification.getTerminalId())
        .map(terminal -> terminal.getOperatorCode().equals(requester.departmentCode()))
        .orElse(false);
  }

  private static Optional<Refused> refusedAll(PullRefusal reason, String message) {
    return Optional.of(new Refused("", reason, message));
  }

  private MaterialOutcome outcome(
      ChainViews views,
      PullRequest request,
      ServiceItem item,
      Material material,
      Optional<Principal> requester,
      Optional<Refused> gate) {
    if (material.getSource() != MaterialSource.FROM_LICENSE) {
      return new Missing(material.getCode(), MissingReason.SCAN_ONLY);
    }
    if (gate.isPresent()) {
      return new Refused(material.getCode(), gate.get().reason(), gate.get().message());
    }
    Optional<Hash> holder =
        material.getHolderRole() == HolderRole.ROLE_APPLICANT
            ? Optional.of(request.applicant())
            : request.organization();
    if (holder.isEmpty()) {
      return new Refused(
          material.getCode(),
          PullRefusal.ORGANIZATION_NOT_GIVEN,
          "the request names no organization");
    }
    return new LicenseMaterial(
            views, request, item, material, requester.orElseThrow(), holder.get())
        .decide();
  }

  /** The decision for one licence material, once requester and verification passed. */
  private final class LicenseMaterial {
    private final ChainViews views;
    private final PullRequest request;
    private final ServiceItem item;
    private final Material material;
    private final Principal requester;
    private final Hash holder;

    LicenseMaterial(
        ChainViews views,
        PullRequest request,
        ServiceItem item,
        Material material,
        Principal requester,
        Hash holder) {
      this.views = views;
      this.request = request;
      this.item = item;
      this.material = material;
      this.requester = requester;
      this.holder = holder;
    }

    MaterialOutcome decide() {
      String typeCode = material.getLicenseTypeCode();
      if (CatalogState.licenseType(views.catalog(), typeCode).isEmpty()) {
        return refused(PullRefusal.LICENSE_TYPE_NOT_IN_CATALOG, "type " + typeCode);
      }
      CatalogState.Sharing sharing =
          CatalogState.sharing(views.catalog(), typeCode, requester.departmentCode());
      if (!sharing.shared()) {
        return refused(PullRefusal.NOT_SHARED, "the catalog shares no item of type " + typeCode);
      }
      TreeSet<String> wanted = new TreeSet<>(material.getItemCodesList());
      wanted.retainAll(sharing.allowedItems());
      if (wanted.isEmpty()) {
        return refused(
            PullRefusal.REQUESTER_NOT_ALLOWED_CONSUMER,
            requester.departmentCode() + " is not a consumer of these items of " + typeCode);
      }
      GrantChoice choice = chooseGrant(wanted);
      if (choice.grant() == null) {
        return choice.refusal();
      }
      return withGrant(choice.grant(), wanted);
    }

    /** The live grant covering most wanted items (latest on ties), or why there is none. */
    private GrantChoice chooseGrant(TreeSet<String> wanted) {
      IdentifiedGrant best = null;
      int bestCovered = 0;
      IdentifiedGrant latestDead = null;
      RefusalCode latestDeadReason = null;
      for (IdentifiedGrant grant : ConsentState.grantsOf(views.consent(), holder)) {
        Optional<GrantScope> scope =
            GrantRules.scopeFor(grant.record().getGrant(), material.getLicenseTypeCode());
        if (scope.isEmpty()
            || !GrantRules.isGrantee(grant.record().getGrant(), requester, Optional.of(item))) {
          continue;
        }
        Optional<RefusalCode> unusable = GrantRules.unusable(grant.record(), request.nowMillis());
        if (unusable.isPresent()) {
          latestDead = grant;
          latestDeadReason = unusable.get();
          continue;
        }
        TreeSet<String> covered = new TreeSet<>(scope.get().getItemCodesList());
        covered.retainAll(wanted);
        if (covered.size() >= bestCovered && !covered.isEmpty()) {
          best = grant;
          bestCovered = covered.size();
        }
      }
      if (best != null) {
        return new GrantChoice(best, null);
      }
      if (latestDead != null) {
        return new GrantChoice(
            null,
            refused(grantReason(latestDeadReason), "the covering grant is " + latestDeadReason));
      }
      return new GrantChoice(
          null, refused(PullRefusal.NO_GRANT, "no grant to this requester covers this material"));
    }

    private MaterialOutcome withGrant(IdentifiedGrant grant, TreeSet<String> wanted) {
      List<LicenseRecord> licenses =
          LicenseState.licensesOf(views.license(), holder, material.getLicenseTypeCode());
      if (licenses.isEmpty()) {
        return new Missing(material.getCode(), MissingReason.NOT_ON_CHAIN);
      }
      LicenseRecord license = choose(licenses);
      LicenseStatus status = LicenseStatuses.effective(license, request.nowMillis());
      if (status != LicenseStatus.LICENSE_VALID) {
        return refused(
            licenseReason(status),
            "licence " + license.getContent().getLicenseId() + " is " + status);
      }
      Optional<Department> issuer =
          IdentityState.department(views.identity(), license.getContent().getIssuerCode());
      if (issuer.isEmpty() || !verifier.verify(license)) {
        return refused(PullRefusal.ISSUER_SIGNATURE_INVALID, "the licence record does not verify");
      }
      TreeSet<String> released =
          new TreeSet<>(
              GrantRules.scopeFor(grant.record().getGrant(), material.getLicenseTypeCode())
                  .orElseThrow()
                  .getItemCodesList());
      released.retainAll(wanted);
      TreeSet<String> committed = new TreeSet<>();
      license.getContent().getItemsList().forEach(entry -> committed.add(entry.getItemCode()));
      released.retainAll(committed);
      if (released.isEmpty()) {
        return refused(PullRefusal.NO_GRANT, "the licence holds none of the granted items");
      }
      TreeSet<String> withheld = new TreeSet<>(material.getItemCodesList());
      withheld.removeAll(released);
      return new Found(
          material.getCode(),
          license,
          List.copyOf(released),
          List.copyOf(withheld),
          grant.id(),
          new VaultLocation(issuer.get().getCode(), issuer.get().getNodeId()));
    }

    private Refused refused(PullRefusal reason, String message) {
      return new Refused(material.getCode(), reason, message);
    }
  }

  /** Exactly one of a usable grant and the refusal saying why there is none. */
  private record GrantChoice(IdentifiedGrant grant, Refused refusal) {}

  /** The licence to use: a valid one if any (the latest issued), else the latest issued. */
  private LicenseRecord choose(List<LicenseRecord> licenses) {
    Comparator<LicenseRecord> latest =
        Comparator.comparingLong(LicenseRecord::getIssuedHeight)
            .thenComparing(record -> record.getContent().getLicenseId());
    LicenseRecord best = null;
    for (LicenseRecord license : licenses) {
      boolean valid = license.getStatus() == LicenseStatus.LICENSE_VALID;
      boolean bestValid = best != null && best.getStatus() == LicenseStatus.LICENSE_VALID;
      if (best == null
          || (valid && !bestValid)
          || (valid == bestValid && latest.compare(license, best) > 0)) {
        best = license;
      }
    }
    return best;
  }

  private static PullRefusal grantReason(RefusalCode code) {
    return switch (code) {
      case GRANT_REVOKED -> PullRefusal.GRANT_REVOKED;
      case GRANT_USED -> PullRefusal.GRANT_USED;
      default -> PullRefusal.GRANT_EXPIRED;
    };
  }

  private static PullRefusal licenseReason(LicenseStatus status) {
    return switch (status) {
      case LICENSE_SUSPENDED -> PullRefusal.LICENSE_SUSPENDED;
      case LICENSE_WITHDRAWN -> PullRefusal.LICENSE_WITHDRAWN;
      case LICENSE_CANCELLED -> PullRefusal.LICENSE_CANCELLED;
      case LICENSE_EXPIRED -> PullRefusal.LICENSE_EXPIRED;
      case LICENSE_TRANSFERRED_OUT -> PullRefusal.LICENSE_TRANSFERRED_OUT;
      case LICENSE_REVOKED -> PullRefusal.LICENSE_REVOKED;
      default -> PullRefusal.LICENSE_NOT_IN_FORCE;
    };
  }

  /** One release per (grant, licence), items merged, in the order of the item's materials. */
  private static Optional<RecordAccess> accessRecord(
      ServiceItem item, List<MaterialOutcome> outcomes) {
    Map<String, TreeSet<String>> items = new LinkedHashMap<>();
    Map<String, Found> first = new LinkedHashMap<>();
    for (MaterialOutcome outcome : outcomes) {
      if (outcome instanceof Found found) {
        String key = found.grantId().toHex() + "/" + found.licenseId();
        items.computeIfAbsent(key, unused -> new TreeSet<>()).addAll(found.releasedItems());
        first.putIfAbsent(key, found);
      }
    }
    if (items.isEmpty()) {
      return Optional.empty();
    }
    RecordAccess.Builder record = RecordAccess.newBuilder().setServiceItemCode(item.getCode());
    for (Map.Entry<String, Found> entry : first.entrySet()) {
      record.addReleases(
          AccessRelease.newBuilder()
              .setGrantId(ByteString.copyFrom(entry.getValue().grantId().toBytes()))
              .setLicenseId(entry.getValue().licenseId())
              .addAllItemCodes(items.get(entry.getKey())));
    }
    return Optional.of(record.build());
  }
}
