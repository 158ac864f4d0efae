package org.govchain.node.kiosk;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.govchain.api.v1.DepositRequest;
import org.govchain.api.v1.DepositResponse;
import org.govchain.api.v1.ReleasedItem;
import org.govchain.api.v1.VaultServiceGrpc;
import org.govchain.core.chain.NodeId;
import org.govchain.node.api.CallerInterceptor;
import org.govchain.node.chain.HostedChains;
import org.govchain.node.vault.DepositResult;
import org.govchain.node.vault.ItemOpening;
import org.govchain.node.vault.Vault;
import org.govchain.node.vault.VaultRefused;
import org.govchain.storage.StateView;
import org.govchain.storage.Store;
import org.govchain.storage.StoreSnapshot;
import org.govchain.subchains.ChainKind;
import org.govchain.subchains.identity.IdentityState;
import org.govchain.subchains.license.LicenseState;
import org.govchain.subchains.proto.Department;
import org.govchain.subchains.proto.LicenseRecord;

/**
 * Deposits of licence item values by their issuing department: only the issuer (by its client
 * certificate), only for a committed licence, only at the node that keeps the issuer's vault.
 */
public final class VaultApiService extends VaultServiceGrpc.VaultServiceImplBase {
  public static final int MAX_ITEMS = 64;

  private final HostedChains chains;
  private final Store store;
  private final Optional<Vault> vault;
  private final Map<String, NodeId> hosts;

  public VaultApiService(
      HostedChains chains, Store store, Optional<Vault> vault, Map<String, NodeId> hosts) {
    this.chains = chains;
    this.store = store;
    this.vault = vault;
    this.hosts = Map.copyOf(hosts);
  }

  @Override
  public void deposit(DepositRequest request, StreamObserver<DepositResponse> responses) {
    try {
      responses.onNext(depositChecked(request));
      responses.onCompleted();
    } catch (StatusRuntimeException e) {
      responses.onError(e);
    }
  }

  private DepositResponse depositChecked(DepositRequest request) {
    if (request.getItemsCount() == 0 || request.getItemsCount() > MAX_ITEMS) {
      throw invalid("items: give 1.." + MAX_ITEMS + " items");
    }
    LicenseRecord record;
    Department issuer;
    try (StoreSnapshot snapshot = store.snapshot();
        StateView licenses = snapshot.state(chains.of(ChainKind.LICENSE).id());
        StateView identity = snapshot.state(chains.of(ChainKind.IDENTITY).id())) {
      record =
          LicenseState.license(licenses, request.getLicenseId())
              .orElseThrow(
                  () ->
                      Status.FAILED_PRECONDITION
                          .withDescription(
                              "licence "
                                  + request.getLicenseId()
                                  + " is not committed on the licence chain (yet)")
                          .asRuntimeException());
      String code = record.getContent().getIssuerCode();
      issuer =
          IdentityState.department(identity, code)
              .orElseThrow(
                  () ->
                      Status.FAILED_PRECONDITION
                          .withDescription("issuer " + code + " is not registered")
                          .asRuntimeException());
    }
    requireCaller(issuer);
    String code = issuer.getCode();
    if (vault.isEmpty() || !vault.get().departments().contains(code)) {
      NodeId host = hosts.get(code);
      throw Status.FAILED_PRECONDITION
          .withDescription(
              "this node keeps no vault of "
                  + code
                  + (host == null ? "" : "; deposit at node " + host.value()))
          .asRuntimeException();
    }
    Map<String, ItemOpening> openings = new LinkedHashMap<>();
    for (ReleasedItem item : request.getItemsList()) {
      if (openings.put(item.getItemCode(), new ItemOpening(item.getValue(), item.getSalt()))
          != null) {
        throw invalid("item " + item.getItemCode() + " is given twice");
      }
    }
    DepositResult result = vault.get().deposit(record, openings);
    if (result instanceof VaultRefused refused) {
      throw Status.FAILED_PRECONDITION
          .withDescription(refused.reason() + ": " + refused.message())
          .asRuntimeException();
    }
    DepositResult.Stored stored = (DepositResult.Stored) result;
    return DepositResponse.newBuilder()
        .setItems(stored.items())
        .setAlreadyStored(stored.alreadyPresent())
        .build();
  }

  private static void requireCaller(Department issuer) {
    String name =
        CallerInterceptor.callerName()
            .orElseThrow(
                () ->
                    Status.PERMISSION_DENIED
                        .withDescription("the client certificate names no principal")
                        .asRuntimeException());
    if (!name.equals(issuer.getNodeId())) {
      throw Status.PERMISSION_DENIED
          .withDescription(
              "only the issuing department ("
                  + issuer.getNodeId()
                  + ") deposits its licences' values; the caller is "
                  + name)
          .asRuntimeException();
    }
  }

  private static StatusRuntimeException invalid(String message) {
    return Status.INVALID_ARGUMENT.withDescription(message).asRuntimeException();
  }
}
