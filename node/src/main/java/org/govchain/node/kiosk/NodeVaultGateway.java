package org.govchain.node.kiosk;

import com.google.protobuf.ByteString;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.govchain.api.v1.ReleasedItem;
import org.govchain.core.MalformedInputException;
import org.govchain.core.chain.NodeId;
import org.govchain.core.codec.Canonical;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.crypto.Hash;
import org.govchain.core.crypto.PublicKey;
import org.govchain.node.chain.HostedChains;
import org.govchain.node.net.PeerLink;
import org.govchain.node.proto.VaultReleaseRequest;
import org.govchain.node.proto.VaultReleaseResponse;
import org.govchain.node.vault.ReleaseResult;
import org.govchain.node.vault.ReleaseViews;
import org.govchain.node.vault.Vault;
import org.govchain.node.vault.VaultRefused;
import org.govchain.p2p.RequestHandler;
import org.govchain.storage.StateView;
import org.govchain.storage.Store;
import org.govchain.storage.StoreSnapshot;
import org.govchain.subchains.ChainKind;

/**
 * Releases from this node's vault, or asks the node that keeps the department's vault
 * ("vault.release" over p2p). Either way the releasing vault checks the committed access record on
 * its own node's chains, waiting briefly for its consent chain to reach the record's height.
 */
public final class NodeVaultGateway implements VaultGateway, RequestHandler {
  public static final String METHOD = "vault.release";
  static final Duration CALL_DEADLINE = Duration.ofSeconds(15);
  static final long CATCH_UP_WAIT_MILLIS = 10_000;
  static final long CATCH_UP_POLL_MILLIS = 20;
  static final int MAX_REQUEST_BYTES = 64 * 1024;

  private final NodeId self;
  private final Optional<Vault> vault;
  private final Map<String, NodeId> hosts;
  private final HostedChains chains;
  private final Store store;
  private final PeerLink peers;
  private final ExecutorService workers;
  private final LongSupplier clockMillis;

  public NodeVaultGateway(
      NodeId self,
      Optional<Vault> vault,
      Map<String, NodeId> hosts,
      HostedChains chains,
      Store store,
      PeerLink peers,
      ExecutorService workers,
      LongSupplier clockMillis) {
    this.self = self;
    this.vault = vault;
    this.hosts = Map.copyOf(hosts);
    this.chains = chains;
    this.store = store;
    this.peers = peers;
    this.workers = workers;
    this.clockMillis = clockMillis;
  }

  @Override
  public CompletableFuture<Released> release(VaultGateway.ReleaseRequest request) {
    if (vault.isPresent() && vault.get().departments().contains(request.departmentCode())) {
      return releaseLocally(
          request.departmentCode(),
          request.accessRecordId(),
          request.accessRecordHeight(),
          request.requester(),
          request.licenseId(),
          request.itemCodes());
    }
    NodeId host = hosts.get(request.departmentCode());
    if (host == null || host.equals(self)) {
      return CompletableFuture.completedFuture(
          new Released.Failed("no node keeps the vault of department " + request.departmentCode()));
    }
    VaultReleaseRequest message =
        VaultReleaseRequest.newBuilder()
            .setDepartmentCode(request.departmentCode())
            .setAccessRecordId(request.accessRecordId().toByteString())
            .setAccessRecordHeight(request.accessRecordHeight())
            .setRequester(request.requester().toByteString())
            .setLicenseId(request.licenseId())
            .addAllItemCodes(request.itemCodes())
            .build();
    return peers
        .call(host, METHOD, Canonical.encodeToByteString(message), CALL_DEADLINE)
        .handle(
            (bytes, failure) -> {
              if (failure != null) {
                return new Released.Failed(
                    "the vault node " + host + " did not answer: " + failure);
              }
              try {
                VaultReleaseResponse response = VaultReleaseResponse.parseFrom(bytes);
                if (!response.getRefusal().isEmpty()) {
                  return new Released.Failed(
                      "the vault of "
                          + host
                          + " refused: "
                          + response.getRefusal()
                          + " "
                          + response.getMessage());
                }
                return new Released.Items(response.getItemsList());
              } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                return new Released.Failed("the vault node " + host + " answered garbage");
              }
            });
  }

  /** Serves "vault.release" for a peer: the same checks as a local release. */
  @Override
  public CompletableFuture<ByteString> handle(NodeId from, ByteString bytes) {
    VaultReleaseRequest request;
    PublicKey requester;
    Hash accessId;
    try {
      request =
          Canonical.decode(VaultReleaseRequest.parser(), bytes, MAX_REQUEST_BYTES, "vault release");
      requester = suite().decodePublicKey(request.getRequester().toByteArray());
      accessId = Hash.decode(request.getAccessRecordId(), "access_record_id");
    } catch (MalformedInputException e) {
      return CompletableFuture.failedFuture(new IllegalArgumentException(e.getMessage()));
    }
    if (vault.isEmpty() || !vault.get().departments().contains(request.getDepartmentCode())) {
      return CompletableFuture.completedFuture(
          refusal("NOT_KEPT_HERE", "this node keeps no vault of " + request.getDepartmentCode()));
    }
    return releaseLocally(
            request.getDepartmentCode(),
            accessId,
            request.getAccessRecordHeight(),
            requester,
            request.getLicenseId(),
            request.getItemCodesList())
        .thenApply(
            released ->
                released instanceof Released.Items items
                    ? Canonical.encodeToByteString(
                        VaultReleaseResponse.newBuilder().addAllItems(items.items()).build())
                    : refusal("REFUSED", ((Released.Failed) released).reason()));
  }

  private static ByteString refusal(String reason, String message) {
    return Canonical.encodeToByteString(
        VaultReleaseResponse.newBuilder().setRefusal(reason).setMessage(message).build());
  }

  private CompletableFuture<Released> releaseLocally(
      String departmentCode,
      Hash accessId,
      long accessHeight,
      PublicKey requester,
      String licenseId,
      List<String> itemCodes) {
    long deadline = clockMillis.getAsLong() + CATCH_UP_WAIT_MILLIS;
    CompletableFuture<Released> result = new CompletableFuture<>();
    attempt(result, deadline, accessHeight, accessId, requester, licenseId, itemCodes);
    return result;
  }

  /** Releases once the consent chain has the record's height here; retries until the deadline. */
  private void attempt(
      CompletableFuture<Released> result,
      long deadline,
      long accessHeight,
      Hash accessId,
      PublicKey requester,
      String licenseId,
      List<String> itemCodes) {
    long consentHeight = store.chain(chains.of(ChainKind.CONSENT).id()).latestHeight();
    if (consentHeight < accessHeight) {
      if (clockMillis.getAsLong() >= deadline) {
        result.complete(
            new Released.Failed(
                "this node's consent chain is at "
                    + consentHeight
                    + ", below the access record's height "
                    + accessHeight));
        return;
      }
      Executor later =
          CompletableFuture.delayedExecutor(CATCH_UP_POLL_MILLIS, TimeUnit.MILLISECONDS, workers);
      later.execute(
          () -> attempt(result, deadline, accessHeight, accessId, requester, licenseId, itemCodes));
      return;
    }
    workers.execute(
        () -> {
          try {
            result.complete(readAndRelease(accessId, requester, licenseId, itemCodes));
          } catch (RuntimeException e) {
            result.completeExceptionally(e);
          }
        });
  }

  private Released readAndRelease(
      Hash accessId, PublicKey requester, String licenseId, List<String> itemCodes) {
    try (StoreSnapshot snapshot = store.snapshot();
        StateView identity = snapshot.state(chains.of(ChainKind.IDENTITY).id());
        StateView consent = snapshot.state(chains.of(ChainKind.CONSENT).id());
        StateView license = snapshot.state(chains.of(ChainKind.LICENSE).id())) {
      ReleaseResult outcome =
          vault
              .orElseThrow()
              .release(
                  new ReleaseViews(identity, consent, license),
                  new org.govchain.node.vault.ReleaseRequest(
                      accessId, requester, licenseId, itemCodes, clockMillis.getAsLong()));
      if (outcome instanceof VaultRefused refused) {
        return new Released.Failed(refused.reason() + ": " + refused.message());
      }
      List<ReleasedItem> items = new ArrayList<>();
      for (org.govchain.node.vault.ReleasedItem item : ((ReleaseResult.Released) outcome).items()) {
        items.add(
            ReleasedItem.newBuilder()
                .setItemCode(item.itemCode())
                .setValue(item.value())
                .setSalt(item.salt())
                .build());
      }
      return new Released.Items(items);
    }
  }

  private CryptoSuite suite() {
    return chains.of(ChainKind.LICENSE).suite();
  }
}
