package org.govchain.node.kiosk;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.govchain.api.v1.Anchor;
import org.govchain.api.v1.KioskServiceGrpc;
import org.govchain.api.v1.LicenseAnswer;
import org.govchain.api.v1.MaterialPlan;
import org.govchain.api.v1.MaterialState;
import org.govchain.api.v1.PullAnswer;
import org.govchain.api.v1.PullMaterialsRequest;
import org.govchain.api.v1.PullPlan;
import org.govchain.api.v1.PulledMaterial;
import org.govchain.api.v1.ReleasedItem;
import org.govchain.api.v1.StateAnswer;
import org.govchain.core.MalformedInputException;
import org.govchain.core.chain.DecodedTransaction;
import org.govchain.core.chain.Transactions;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.crypto.Hash;
import org.govchain.core.crypto.PublicKey;
import org.govchain.node.api.AnchorCache;
import org.govchain.node.api.CallerInterceptor;
import org.govchain.node.chain.ChainSetup;
import org.govchain.node.chain.HostedChains;
import org.govchain.node.ingest.CommitWaiters;
import org.govchain.node.ingest.TransactionIngest;
import org.govchain.storage.StateView;
import org.govchain.storage.Store;
import org.govchain.storage.StoreSnapshot;
import org.govchain.subchains.ChainKind;
import org.govchain.subchains.Refusal;
import org.govchain.subchains.consent.ConsentLedger;
import org.govchain.subchains.identity.Principal;
import org.govchain.subchains.identity.Principals;
import org.govchain.subchains.license.LicenseState;
import org.govchain.subchains.privacy.ItemCommitments;
import org.govchain.subchains.proto.ItemCommitment;
import org.govchain.subchains.proto.LicenseRecord;
import org.govchain.subchains.pull.ChainViews;
import org.govchain.subchains.pull.MaterialOutcome;
import org.govchain.subchains.pull.MaterialsPull;
import org.govchain.subchains.pull.PullResult;

/**
 * The one-click materials pull over gRPC (see kiosk.proto): plan on one snapshot of the five
 * chains; then commit the requester's signed access record and fetch the released items from the
 * issuing departments' vaults, each value checked against its on-chain commitment.
 */
public final class KioskApiService extends KioskServiceGrpc.KioskServiceImplBase {
  /** Longest the pull waits for its access record to commit. */
  public static final long ACCESS_COMMIT_WAIT_MILLIS = 30_000;

  /** Longest the pull waits for the vaults. */
  public static final long VAULT_WAIT_MILLIS = 20_000;

  private final HostedChains chains;
  private final Store store;
  private final TransactionIngest ingest;
  private final CommitWaiters waiters;
  private final VaultGateway vaults;
  private final LongSupplier clockMillis;
  private final MaterialsPull pull;
  private final AnchorCache anchorCache = new AnchorCache();

  public KioskApiService(
      HostedChains chains,
      Store store,
      TransactionIngest ingest,
      CommitWaiters waiters,
      VaultGateway vaults,
      LongSupplier clockMillis) {
    this.chains = chains;
    this.store = store;
    this.ingest = ingest;
    this.waiters = waiters;
    this.vaults = vaults;
    this.clockMillis = clockMillis;
    this.pull = MaterialsPull.verifyingWith(chains.of(ChainKind.LICENSE).suite());
  }

  /** A plan and the licence answers of what it found, read on one snapshot. */
  private record Planned(PullPlan plan, Map<String, LicenseAnswer> licenses) {}

  @Override
  public void planPull(
      org.govchain.api.v1.PullRequest request, StreamObserver<PullPlan> responses) {
    try {
      responses.onNext(plan(request).plan());
      responses.onCompleted();
    } catch (StatusRuntimeException e) {
      responses.onError(e);
    }
  }

  private Planned plan(org.govchain.api.v1.PullRequest request) {
    org.govchain.subchains.pull.PullRequest pullRequest =
        PullRequests.decode(request, suite(), clockMillis.getAsLong());
    try (StoreSnapshot snapshot = store.snapshot()) {
      Map<ChainKind, StateView> views = new EnumMap<>(ChainKind.class);
      List<Anchor> anchors = new ArrayList<>();
      try {
        for (ChainKind kind : ChainKind.GENESIS_ORDER) {
          ChainSetup chain = chains.of(kind);
          long height = snapshot.latestHeight(chain.id());
          views.put(kind, snapshot.state(chain.id(), height));
          anchors.add(anchorCache.anchor(snapshot, chain, height));
        }
        ChainViews chainViews =
            new ChainViews(
                views.get(ChainKind.LICENSE),
                views.get(ChainKind.IDENTITY),
                views.get(ChainKind.CONSENT),
                views.get(ChainKind.CATALOG),
                views.get(ChainKind.SERVICE));
        requireCallerIsRequester(chainViews, pullRequest.requester());
        PullResult result = pull.plan(chainViews, pullRequest);
        if (result instanceof PullResult.Rejected rejected) {
          throw Status.NOT_FOUND.withDescription(rejected.message()).asRuntimeException();
        }
        PullResult.Plan plan = (PullResult.Plan) result;
        Map<String, LicenseAnswer> licenses = new java.util.HashMap<>();
        Anchor licenseAnchor = anchors.get(ChainKind.GENESIS_ORDER.indexOf(ChainKind.LICENSE));
        for (MaterialOutcome outcome : plan.outcomes()) {
          if (outcome instanceof MaterialOutcome.Found found) {
            licenses.put(
                found.licenseId(),
                LicenseAnswer.newBuilder()
                    .setLicense(found.license())
                    .setState(
                        StateAnswer.newBuilder()
                            .setAnchor(licenseAnchor)
                            .setProof(
                                views
                                    .get(ChainKind.LICENSE)
                                    .prove(LicenseState.licenseKey(found.licenseId()))))
                    .build());
          }
        }
        return new Planned(PullPlans.toProto(plan, anchors, chains), licenses);
      } finally {
        views.values().forEach(StateView::close);
      }
    }
  }

  /** The caller's certificate must name the requester, which must be registered and active. */
  private static void requireCallerIsRequester(ChainViews views, PublicKey requester) {
    String callerName =
        CallerInterceptor.callerName()
            .orElseThrow(() -> denied("the client certificate names no principal"));
    Principal principal;
    try {
      principal = Principals.resolve(views.identity(), requester);
    } catch (Refusal refusal) {
      throw denied("the requester key is not registered on the identity chain");
    }
    String principalName =
        principal.terminal().isPresent()
            ? principal.terminal().get().getTerminalId()
            : principal.department().getNodeId();
    if (!principalName.equals(callerName)) {
      throw denied(
          "the caller ("
              + callerName
              + ") is not the requester ("
              + principal.describe()
              + "): a pull is made by the requester itself");
    }
    try {
      principal.requireActive();
    } catch (Refusal refusal) {
      throw denied(refusal.getMessage());
    }
  }

  @Override
  public void pullMaterials(PullMaterialsRequest request, StreamObserver<PullAnswer> responses) {
    Planned planned;
    DecodedTransaction access;
    try {
      planned = plan(request.getRequest());
      access = checkAccessRecord(planned.plan(), request);
    } catch (StatusRuntimeException e) {
      responses.onError(e);
      return;
    }
    ChainSetup consent = chains.of(ChainKind.CONSENT);
    CompletableFuture<CommitWaiters.Committed> commit = waiters.await(access.id());
    if (commit == null) {
      responses.onError(
          Status.RESOURCE_EXHAUSTED.withDescription("too many waits; retry").asRuntimeException());
      return;
    }
    ingest
        .submit(consent.id(), access.transaction())
        .thenCompose(
            outcome -> {
              if (outcome instanceof TransactionIngest.Outcome.Refused refused) {
                commit.cancel(false);
                throw Status.FAILED_PRECONDITION
                    .withDescription("the access record is refused: " + refused.message())
                    .asRuntimeException();
              }
              return commit.orTimeout(ACCESS_COMMIT_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            })
        .thenCompose(committed -> release(planned, access, committed))
        .whenComplete(
            (answer, failure) -> {
              if (failure == null) {
                responses.onNext(answer);
                responses.onCompleted();
              } else {
                responses.onError(asStatus(failure));
              }
            });
  }

  private DecodedTransaction checkAccessRecord(PullPlan plan, PullMaterialsRequest request) {
    if (plan.getAccessRecordPayload().isEmpty()) {
      throw Status.FAILED_PRECONDITION
          .withDescription("nothing to release: the plan found no material")
          .asRuntimeException();
    }
    DecodedTransaction access;
    try {
      access = Transactions.decode(suite(), request.getAccessRecord());
    } catch (MalformedInputException e) {
      throw invalid("access_record: " + e.getMessage());
    }
    if (!access.chainId().value().equals(plan.getConsentChainId())
        || !access.type().equals(ConsentLedger.RECORD_ACCESS)) {
      throw invalid("access_record must be a consent.record_access on " + plan.getConsentChainId());
    }
    if (!access.submitter().toByteString().equals(request.getRequest().getRequester())) {
      throw invalid("access_record must be signed by the requester");
    }
    if (!access.payload().equals(plan.getAccessRecordPayload())) {
      throw Status.FAILED_PRECONDITION
          .withDescription(
              "the signed access record is not this plan's draft (the chains changed since the"
                  + " plan): plan again")
          .asRuntimeException();
    }
    return access;
  }

  private CompletableFuture<PullAnswer> release(
      Planned planned, DecodedTransaction access, CommitWaiters.Committed committed) {
    PullAnswer.Builder answer =
        PullAnswer.newBuilder()
            .setPlan(planned.plan())
            .setAccessRecordId(access.id().toByteString())
            .setAccessRecordHeight(committed.height());
    List<CompletableFuture<PulledMaterial>> materials = new ArrayList<>();
    for (MaterialPlan material : planned.plan().getMaterialsList()) {
      if (material.getState() != MaterialState.FOUND) {
        materials.add(
            CompletableFuture.completedFuture(
                PulledMaterial.newBuilder().setPlan(material).build()));
        continue;
      }
      LicenseAnswer license = planned.licenses().get(material.getLicenseId());
      VaultGateway.ReleaseRequest request =
          new VaultGateway.ReleaseRequest(
              material.getVaultDepartmentCode(),
              access.id(),
              committed.height(),
              access.submitter(),
              material.getLicenseId(),
              material.getReleasedItemsList());
      materials.add(
          vaults
              .release(request)
              .completeOnTimeout(
                  new VaultGateway.Released.Failed("the vault did not answer in time"),
                  VAULT_WAIT_MILLIS,
                  TimeUnit.MILLISECONDS)
              .thenApply(released -> pulled(material, license, released)));
    }
    return CompletableFuture.allOf(materials.toArray(CompletableFuture[]::new))
        .thenApply(
            done -> {
              materials.forEach(future -> answer.addMaterials(future.join()));
              return answer.build();
            });
  }

  /** The material with its items, each checked against the licence's commitments. */
  private PulledMaterial pulled(
      MaterialPlan material, LicenseAnswer license, VaultGateway.Released released) {
    PulledMaterial.Builder out = PulledMaterial.newBuilder().setPlan(material).setLicense(license);
    if (released instanceof VaultGateway.Released.Failed failed) {
      return out.setVaultError(failed.reason()).build();
    }
    List<ReleasedItem> items = ((VaultGateway.Released.Items) released).items();
    LicenseRecord record = license.getLicense();
    for (ReleasedItem item : items) {
      Optional<Hash> commitment = commitmentOf(record, item.getItemCode());
      if (commitment.isEmpty()
          || !material.getReleasedItemsList().contains(item.getItemCode())
          || !ItemCommitments.opens(
              suite(),
              commitment.get(),
              material.getLicenseId(),
              item.getItemCode(),
              item.getSalt(),
              item.getValue())) {
        return PulledMaterial.newBuilder()
            .setPlan(material)
            .setLicense(license)
            .setVaultError(
                "the vault's value of item "
                    + item.getItemCode()
                    + " does not open its on-chain commitment; nothing of it is returned")
            .build();
      }
    }
    if (items.size() != material.getReleasedItemsCount()) {
      return out.setVaultError("the vault released another set of items than the plan").build();
    }
    return out.addAllItems(items).build();
  }

  private static Optional<Hash> commitmentOf(LicenseRecord record, String itemCode) {
    for (ItemCommitment item : record.getContent().getItemsList()) {
      if (item.getItemCode().equals(itemCode)) {
        return Optional.of(Hash.of(item.getCommitment().toByteArray()));
      }
    }
    return Optional.empty();
  }

  private CryptoSuite suite() {
    return chains.of(ChainKind.LICENSE).suite();
  }

  private static StatusRuntimeException asStatus(Throwable failure) {
    Throwable cause = failure;
    while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof StatusRuntimeException status) {
      return status;
    }
    if (cause instanceof java.util.concurrent.TimeoutException) {
      return Status.DEADLINE_EXCEEDED
          .withDescription("the access record did not commit in time; nothing was released")
          .asRuntimeException();
    }
    return Status.INTERNAL.withDescription(String.valueOf(cause)).asRuntimeException();
  }

  static StatusRuntimeException invalid(String message) {
    return Status.INVALID_ARGUMENT.withDescription(message).asRuntimeException();
  }

  private static StatusRuntimeException denied(String message) {
    return Status.PERMISSION_DENIED.withDescription(message).asRuntimeException();
  }
}
