package org.govchain.subchains.license;

import static org.govchain.subchains.Fields.require;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.govchain.core.chain.DecodedTransaction;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.state.StateReader;
import org.govchain.core.state.StateWriter;
import org.govchain.subchains.ChainKind;
import org.govchain.subchains.Execution;
import org.govchain.subchains.Fields;
import org.govchain.subchains.Network;
import org.govchain.subchains.Operation;
import org.govchain.subchains.Refusal;
import org.govchain.subchains.RefusalCode;
import org.govchain.subchains.TypedLedger;
import org.govchain.subchains.catalog.CatalogState;
import org.govchain.subchains.identity.Principal;
import org.govchain.subchains.identity.Principals;
import org.govchain.subchains.ids.LicenseIdentifier;
import org.govchain.subchains.privacy.LicenseSignatures;
import org.govchain.subchains.proto.ChangeLicenseStatus;
import org.govchain.subchains.proto.DataItem;
import org.govchain.subchains.proto.HolderCodeType;
import org.govchain.subchains.proto.HolderKind;
import org.govchain.subchains.proto.ItemCommitment;
import org.govchain.subchains.proto.LicenseContent;
import org.govchain.subchains.proto.LicenseOperation;
import org.govchain.subchains.proto.LicenseRecord;
import org.govchain.subchains.proto.LicenseStatus;
import org.govchain.subchains.proto.LicenseType;
import org.govchain.subchains.proto.SignedLicense;

/** The licence chain (证照链): issue, change, renew and the status operations. */
public final class LicenseLedger {
  public static final String ISSUE = "license.issue";
  public static final String CHANGE = "license.change";
  public static final String RENEW = "license.renew";
  public static final String SUSPEND = "license.suspend";
  public static final String REINSTATE = "license.reinstate";
  public static final String WITHDRAW = "license.withdraw";
  public static final String CANCEL = "license.cancel";
  public static final String REVOKE = "license.revoke";

  public static final int MAX_REASON_CHARS = 256;

  private final CryptoSuite suite;

  private LicenseLedger(CryptoSuite suite) {
    this.suite = suite;
  }

  public static TypedLedger create(Network network, CryptoSuite suite) {
    LicenseLedger ledger = new LicenseLedger(suite);
    Set<ChainKind> issueReads = Set.of(ChainKind.IDENTITY, ChainKind.CATALOG);
    List<Operation<?>> operations = new ArrayList<>();
    for (LicenseOperation kind :
        List.of(LicenseOperation.NEW_ISSUE, LicenseOperation.CHANGE, LicenseOperation.RENEWAL)) {
      operations.add(
          new Operation<>(
              typeOf(kind),
              SignedLicense.parser(),
              issueReads,
              (payload, transaction) -> ledger.checkSigned(kind, payload, transaction),
              (payload, execution) -> issue(kind, payload, execution)));
    }
    for (StatusChange change : StatusChange.values()) {
      operations.add(
          new Operation<>(
              change.type,
              ChangeLicenseStatus.parser(),
              Set.of(ChainKind.IDENTITY),
              LicenseLedger::checkStatusChange,
              (payload, execution) -> changeStatus(change, payload, execution)));
    }
    return new TypedLedger(ChainKind.LICENSE, network, suite, operations);
  }

  static String typeOf(LicenseOperation kind) {
    return switch (kind) {
      case NEW_ISSUE -> ISSUE;
      case CHANGE -> CHANGE;
      case RENEWAL -> RENEW;
      case LICENSE_OPERATION_UNSPECIFIED, UNRECOGNIZED ->
          throw new IllegalArgumentException("no transaction type for " + kind);
    };
  }

  /** The status operations: the statuses they apply to and the status they set. */
  enum StatusChange {
    SUSPEND_LICENSE(
        SUSPEND, LicenseStatus.LICENSE_SUSPENDED, EnumSet.of(LicenseStatus.LICENSE_VALID)),
    REINSTATE_LICENSE(
        REINSTATE, LicenseStatus.LICENSE_VALID, EnumSet.of(LicenseStatus.LICENSE_SUSPENDED)),
    WITHDRAW_LICENSE(
        WITHDRAW,
        LicenseStatus.LICENSE_WITHDRAWN,
        EnumSet.of(LicenseStatus.LICENSE_VALID, LicenseStatus.LICENSE_SUSPENDED)),
    CANCEL_LICENSE(
        CANCEL,
        LicenseStatus.LICENSE_CANCELLED,
        EnumSet.of(
            LicenseStatus.LICENSE_VALID,
            LicenseStatus.LICENSE_SUSPENDED,
            LicenseStatus.LICENSE_EXPIRED)),
    REVOKE_LICENSE(
        REVOKE,
        LicenseStatus.LICENSE_REVOKED,
        EnumSet.of(LicenseStatus.LICENSE_VALID, LicenseStatus.LICENSE_SUSPENDED));

    final String type;
    final LicenseStatus target;
    final Set<LicenseStatus> from;

    StatusChange(String type, LicenseStatus target, Set<LicenseStatus> from) {
      this.type = type;
      this.target = target;
      this.from = from;
    }
  }

  // license.issue, license.change, license.renew: stateless checks.

  private void checkSigned(
      LicenseOperation kind, SignedLicense payload, DecodedTransaction transaction) throws Refusal {
    require(payload.hasContent(), "content is missing");
    LicenseContent content = payload.getContent();
    LicenseIdentifier id = Fields.licenseId(content.getLicenseId(), "license_id");
    require(id.typeCode().equals(content.getTypeCode()), "license_id names another type");
    require(id.issuerCode().equals(content.getIssuerCode()), "license_id names another issuer");
    require(content.getTypeVersion() >= 1, "type_version is missing");
    Fields.hash(content.getHolder(), "holder");
    Fields.known(content.getHolderCodeType(), "holder_code_type");
    Fields.nonNegative(content.getIssuedAtMillis(), "issued_at_millis");
    Fields.nonNegative(content.getValidFromMillis(), "valid_from_millis");
    require(
        content.getValidUntilMillis() == 0
            || content.getValidUntilMillis() > content.getValidFromMillis(),
        "valid_until_millis must be 0 (no end) or after valid_from_millis");
    checkCommitments(content);
    require(content.getOperation() == kind, "operation must be " + kind + " for " + typeOf(kind));
    if (kind == LicenseOperation.NEW_ISSUE) {
      require(content.getReplaces().isEmpty(), "a new issue replaces nothing");
    } else {
      Fields.licenseId(content.getReplaces(), "replaces");
      require(!content.getReplaces().equals(content.getLicenseId()), "a licence replaces another");
    }
    require(
        content.getIssuerPublicKey().equals(transaction.submitter().toByteString()),
        "issuer_public_key is not the submitter's key");
    if (!LicenseSignatures.verify(suite, content, payload.getIssuerSignature())) {
      throw new Refusal(
          RefusalCode.ISSUER_SIGNATURE_INVALID,
          "the issuer signature over licence " + content.getLicenseId() + " does not verify");
    }
  }

  private static void checkCommitments(LicenseContent content) throws Refusal {
    int count = content.getItemsCount();
    require(count > 0 && count <= 64, "a licence commits to 1..64 items");
    List<String> codes = new ArrayList<>(count);
    for (ItemCommitment item : content.getItemsList()) {
      Fields.matches(item.getItemCode(), Fields.ITEM_CODE, "item_code");
      Fields.hash(item.getCommitment(), "commitment of " + item.getItemCode());
      codes.add(item.getItemCode());
    }
    Fields.sortedDistinct(codes, "item codes");
  }

  // license.issue, license.change, license.renew: execution.

  private static void issue(LicenseOperation kind, SignedLicense payload, Execution execution)
      throws Refusal {
    LicenseContent content = payload.getContent();
    StateReader identity = execution.read(ChainKind.IDENTITY);
    Principal submitter = Principals.resolveActive(identity, execution.transaction().submitter());
    if (!submitter.isDepartment(content.getIssuerCode())) {
      throw new Refusal(
          RefusalCode.NOT_PERMITTED,
          submitter.describe() + " cannot issue in the name of " + content.getIssuerCode());
    }
    requireMatchesCatalog(execution.read(ChainKind.CATALOG), content);
    StateWriter state = execution.state();
    if (LicenseState.license(state, content.getLicenseId()).isPresent()) {
      throw new Refusal(
          RefusalCode.ALREADY_EXISTS, "licence " + content.getLicenseId() + " already exists");
    }
    if (kind != LicenseOperation.NEW_ISSUE) {
      replace(kind, content, execution);
    }
    LicenseState.putNew(
        state,
        LicenseRecord.newBuilder()
            .setContent(content)
            .setIssuerSignature(payload.getIssuerSignature())
            .setStatus(LicenseStatus.LICENSE_VALID)
            .setIssuedHeight(execution.height())
            .setStatusHeight(execution.height())
            .build());
  }

  private static void requireMatchesCatalog(StateReader catalog, LicenseContent content)
      throws Refusal {
    LicenseType type =
        CatalogState.licenseType(catalog, content.getTypeCode())
            .orElseThrow(
                () ->
                    new Refusal(
                        RefusalCode.UNKNOWN_LICENSE_TYPE,
                        "licence type " + content.getTypeCode() + " is not in the catalog"));
    if (!type.getIssuerCodesList().contains(content.getIssuerCode())) {
      throw new Refusal(
          RefusalCode.NOT_AN_ISSUER,
          content.getIssuerCode() + " is not a provider of licence type " + type.getCode());
    }
    if (type.getVersion() != content.getTypeVersion()) {
      throw mismatch("type version is " + type.getVersion() + ", not " + content.getTypeVersion());
    }
    HolderCodeType expected =
        type.getHolderKind() == HolderKind.HOLDER_CITIZEN
            ? HolderCodeType.CITIZEN_ID_NUMBER
            : HolderCodeType.UNIFIED_SOCIAL_CREDIT_CODE;
    if (content.getHolderCodeType() != expected) {
      throw mismatch("licences of type " + type.getCode() + " are held by " + expected);
    }
    Map<String, DataItem> items = new HashMap<>();
    type.getItemsList().forEach(item -> items.put(item.getCode(), item));
    for (ItemCommitment commitment : content.getItemsList()) {
      if (!items.containsKey(commitment.getItemCode())) {
        throw mismatch("item " + commitment.getItemCode() + " is not in the type's schema");
      }
    }
    Set<String> committed = new java.util.HashSet<>();
    content.getItemsList().forEach(item -> committed.add(item.getItemCode()));
    for (DataItem item : type.getItemsList()) {
      if (item.getRequired() && !committed.contains(item.getCode())) {
        throw mismatch("required item " + item.getCode() + " has no commitment");
      }
    }
  }

  private static Refusal mismatch(String message) {
    return new Refusal(RefusalCode.ITEMS_DO_NOT_MATCH_TYPE, message);
  }

  /** A change or renewal: checks the licence it replaces and marks that one replaced. */
  private static void replace(LicenseOperation kind, LicenseContent content, Execution execution)
      throws Refusal {
    StateWriter state = execution.state();
    LicenseRecord old =
        LicenseState.license(state, content.getReplaces())
            .orElseThrow(
                () ->
                    new Refusal(
                        RefusalCode.LICENSE_NOT_FOUND,
                        "licence " + content.getReplaces() + " does not exist"));
    LicenseContent previous = old.getContent();
    if (!previous.getHolder().equals(content.getHolder())
        || !previous.getTypeCode().equals(content.getTypeCode())
        || !previous.getIssuerCode().equals(content.getIssuerCode())
        || previous.getHolderCodeType() != content.getHolderCodeType()) {
      throw new Refusal(
          RefusalCode.REPLACEMENT_MISMATCH,
          "a " + kind + " keeps the holder, type and issuer of the licence it replaces");
    }
    LicenseStatus status = LicenseStatuses.effective(old, execution.blockTimeMillis());
    boolean allowed =
        kind == LicenseOperation.CHANGE
            ? status == LicenseStatus.LICENSE_VALID
            : old.getStatus() == LicenseStatus.LICENSE_VALID;
    if (!allowed || !old.getReplacedBy().isEmpty()) {
      throw new Refusal(
          RefusalCode.LICENSE_STATUS_CONFLICT,
          "licence " + content.getReplaces() + " is " + status + ": no " + kind);
    }
    if (kind == LicenseOperation.RENEWAL) {
      long oldEnd = previous.getValidUntilMillis();
      long newEnd = content.getValidUntilMillis();
      if (oldEnd == 0 || (newEnd != 0 && newEnd <= oldEnd)) {
        throw new Refusal(
            RefusalCode.REPLACEMENT_MISMATCH, "a renewal extends a licence's end of validity");
      }
    }
    LicenseState.put(
        state,
        old.toBuilder()
            .setStatus(LicenseStatus.LICENSE_CANCELLED)
            .setReplacedBy(content.getLicenseId())
            .setStatusReason(kind == LicenseOperation.CHANGE ? "changed" : "renewed")
            .setStatusHeight(execution.height())
            .build());
  }

  // Status operations.

  private static void checkStatusChange(ChangeLicenseStatus payload, DecodedTransaction transaction)
      throws Refusal {
    Fields.licenseId(payload.getLicenseId(), "license_id");
    Fields.text(payload.getReason(), "reason", MAX_REASON_CHARS);
  }

  private static void changeStatus(
      StatusChange change, ChangeLicenseStatus payload, Execution execution) throws Refusal {
    StateWriter state = execution.state();
    LicenseRecord record =
        LicenseState.license(state, payload.getLicenseId())
            .orElseThrow(
                () ->
                    new Refusal(
                        RefusalCode.LICENSE_NOT_FOUND,
                        "licence " + payload.getLicenseId() + " does not exist"));
    Principal submitter =
        Principals.resolveActive(
            execution.read(ChainKind.IDENTITY), execution.transaction().submitter());
    String issuer = record.getContent().getIssuerCode();
    if (!submitter.isDepartment(issuer)) {
      throw new Refusal(
          RefusalCode.NOT_PERMITTED,
          "only the issuer " + issuer + " changes this licence's status");
    }
    LicenseStatus current = LicenseStatuses.effective(record, execution.blockTimeMillis());
    if (!change.from.contains(current)) {
      throw new Refusal(
          RefusalCode.LICENSE_STATUS_CONFLICT,
          "licence "
              + payload.getLicenseId()
              + " is "
              + current
              + ": "
              + change.type
              + " applies to "
              + change.from);
    }
    LicenseState.put(
        state,
        record.toBuilder()
            .setStatus(change.target)
            .setStatusReason(payload.getReason())
            .setStatusHeight(execution.height())
            .build());
  }
}
