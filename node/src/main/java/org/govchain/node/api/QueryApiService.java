package org.govchain.node.api;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.function.Function;
import org.govchain.api.v1.Anchor;
import org.govchain.api.v1.CommittedBlock;
import org.govchain.api.v1.FindLicensesRequest;
import org.govchain.api.v1.FindLicensesResponse;
import org.govchain.api.v1.GetBlockRequest;
import org.govchain.api.v1.GetLicenseRequest;
import org.govchain.api.v1.GetStateRequest;
import org.govchain.api.v1.GetTransactionRequest;
import org.govchain.api.v1.LicenseAnswer;
import org.govchain.api.v1.LicenseVerification;
import org.govchain.api.v1.QueryServiceGrpc;
import org.govchain.api.v1.StateAnswer;
import org.govchain.api.v1.TransactionAnswer;
import org.govchain.api.v1.VerifyLicenseRequest;
import org.govchain.core.MalformedInputException;
import org.govchain.core.chain.ChainId;
import org.govchain.core.codec.Canonical;
import org.govchain.core.crypto.Hash;
import org.govchain.core.merkle.MerkleTree;
import org.govchain.core.proto.Block;
import org.govchain.core.state.StateEntry;
import org.govchain.node.chain.ChainSetup;
import org.govchain.node.chain.HostedChains;
import org.govchain.storage.StateView;
import org.govchain.storage.Store;
import org.govchain.storage.StoreSnapshot;
import org.govchain.storage.TransactionLocation;
import org.govchain.storage.proto.StateProof;
import org.govchain.subchains.ChainKind;
import org.govchain.subchains.license.LicenseState;
import org.govchain.subchains.proto.LicenseRecord;

/**
 * The query side of the API: provable reads. Each call opens one store snapshot, reads the chain at
 * the snapshot's latest committed height and answers with that block's header and certificate, so
 * the answer is consistent and checkable against the chain's genesis alone.
 */
public final class QueryApiService extends QueryServiceGrpc.QueryServiceImplBase {
  public static final int MAX_STATE_KEY_BYTES = 1024;
  public static final int MAX_LICENSE_ID_CHARS = 128;
  public static final int MAX_FIND_LIMIT = 64;

  private final HostedChains chains;
  private final Store store;
  private final AnchorCache anchors;

  public QueryApiService(HostedChains chains, Store store) {
    this(chains, store, new AnchorCache());
  }

  public QueryApiService(HostedChains chains, Store store, AnchorCache anchors) {
    this.chains = chains;
    this.store = store;
    this.anchors = anchors;
  }

  @Override
  public void getBlock(GetBlockRequest request, StreamObserver<CommittedBlock> responses) {
    answer(
        responses,
        () -> {
          ChainSetup chain = hosted(request.getChainId());
          if (request.getHeight() > store.chain(chain.id()).latestHeight()) {
            throw Status.NOT_FOUND
                .withDescription(
                    chain.id()
                        + " has no block "
                        + request.getHeight()
                        + " yet (height "
                        + store.chain(chain.id()).latestHeight()
                        + ")")
                .asRuntimeException();
          }
          return BlockStreams.committedBlock(store.chain(chain.id()), request.getHeight());
        });
  }

  @Override
  public void getTransaction(
      GetTransactionRequest request, StreamObserver<TransactionAnswer> responses) {
    answer(
        responses,
        () -> {
          ChainSetup chain = hosted(request.getChainId());
          Hash id = hash(request.getTransactionId(), "transaction_id");
          try (StoreSnapshot snapshot = store.snapshot()) {
            TransactionLocation location =
                store
                    .chain(chain.id())
                    .transaction(id)
                    .filter(at -> at.height() <= snapshot.latestHeight(chain.id()))
                    .orElseThrow(
                        () ->
                            Status.NOT_FOUND
                                .withDescription(
                                    "no committed transaction "
                                        + id.shortHex()
                                        + " on "
                                        + chain.id())
                                .asRuntimeException());
            Block block = snapshot.block(chain.id(), location.height()).orElseThrow();
            MerkleTree tree =
                MerkleTree.build(
                    chain.suite(),
                    org.govchain.core.chain.Blocks.transactionIds(
                        chain.suite(), block.getTransactionsList()));
            return TransactionAnswer.newBuilder()
                .setAnchor(anchors.anchor(snapshot, chain, location.height()))
                .setTransaction(block.getTransactions(location.index()))
                .setIndex(location.index())
                .setProof(tree.prove(location.index()))
                .build();
          }
        });
  }

  @Override
  public void getState(GetStateRequest request, StreamObserver<StateAnswer> responses) {
    answer(
        responses,
        () -> {
          ChainSetup chain = hosted(request.getChainId());
          if (request.getKey().isEmpty() || request.getKey().size() > MAX_STATE_KEY_BYTES) {
            throw invalid("key must be 1.." + MAX_STATE_KEY_BYTES + " bytes");
          }
          Anchored<StateProof> read = read(chain, view -> view.prove(request.getKey()));
          return StateAnswer.newBuilder().setAnchor(read.anchor()).setProof(read.value()).build();
        });
  }

  @Override
  public void getLicense(GetLicenseRequest request, StreamObserver<LicenseAnswer> responses) {
    answer(
        responses,
        () -> {
          Anchored<LicenseAnswer> read =
              read(licenseChain(), view -> license(view, request.getLicenseId()));
          return anchored(read.value(), read.anchor());
        });
  }

  @Override
  public void verifyLicense(
      VerifyLicenseRequest request, StreamObserver<LicenseVerification> responses) {
    answer(
        responses,
        () -> {
          Anchored<LicenseAnswer> read =
              read(licenseChain(), view -> license(view, request.getLicenseId()));
          LicenseAnswer answer = anchored(read.value(), read.anchor());
          long at =
              request.getAtMillis() != 0
                  ? request.getAtMillis()
                  : read.anchor().getHeader().getTimestampMillis();
          return LicenseVerification.newBuilder()
              .setVerdict(LicenseVerdicts.verdict(answer, at))
              .setAtMillis(at)
              .setAnswer(answer)
              .build();
        });
  }

  @Override
  public void findLicenses(
      FindLicensesRequest request, StreamObserver<FindLicensesResponse> responses) {
    answer(
        responses,
        () -> {
          Hash holder = hash(request.getHolder(), "holder");
          int limit = request.getLimit() == 0 ? MAX_FIND_LIMIT : request.getLimit();
          if (limit > MAX_FIND_LIMIT) {
            throw invalid("limit must be at most " + MAX_FIND_LIMIT);
          }
          ByteString prefix =
              request.getTypeCode().isEmpty()
                  ? LicenseState.holderPrefix(holder)
                  : LicenseState.holderTypePrefix(holder, request.getTypeCode());
          Anchored<FindLicensesResponse.Builder> read =
              read(
                  licenseChain(),
                  view -> {
                    List<StateEntry> entries = view.scan(prefix, ByteString.EMPTY, limit + 1);
                    FindLicensesResponse.Builder out =
                        FindLicensesResponse.newBuilder().setTruncated(entries.size() > limit);
                    for (StateEntry entry : entries.subList(0, Math.min(limit, entries.size()))) {
                      out.addLicenses(
                          view.prove(LicenseState.licenseKey(entry.value().toStringUtf8())));
                    }
                    return out;
                  });
          return read.value().setAnchor(read.anchor()).build();
        });
  }

  private LicenseAnswer license(StateView view, String licenseId) {
    if (licenseId.isEmpty() || licenseId.length() > MAX_LICENSE_ID_CHARS) {
      throw invalid("license_id must be 1.." + MAX_LICENSE_ID_CHARS + " characters");
    }
    StateProof proof = view.prove(LicenseState.licenseKey(licenseId));
    LicenseAnswer.Builder answer =
        LicenseAnswer.newBuilder().setState(StateAnswer.newBuilder().setProof(proof).build());
    if (proof.hasInclusion()) {
      try {
        answer.setLicense(
            Canonical.decode(
                LicenseRecord.parser(),
                proof.getInclusion().getValue(),
                Integer.MAX_VALUE,
                "licence record"));
      } catch (MalformedInputException e) {
        throw new IllegalStateException("a stored licence record does not decode", e);
      }
    }
    return answer.build();
  }

  /** A value read at one height, and the anchor of that height. */
  private record Anchored<T>(Anchor anchor, T value) {}

  /** Reads {@code chain} at the latest height of one snapshot, with that height's anchor. */
  private <T> Anchored<T> read(ChainSetup chain, Function<StateView, T> reader) {
    try (StoreSnapshot snapshot = store.snapshot()) {
      long height = snapshot.latestHeight(chain.id());
      try (StateView view = snapshot.state(chain.id(), height)) {
        return new Anchored<>(anchors.anchor(snapshot, chain, height), reader.apply(view));
      }
    }
  }

  private static LicenseAnswer anchored(LicenseAnswer answer, Anchor anchor) {
    return answer.toBuilder().setState(answer.getState().toBuilder().setAnchor(anchor)).build();
  }

  /** The anchor of {@code chain} at {@code height} in {@code snapshot}: header and certificate. */
  public static Anchor anchor(StoreSnapshot snapshot, ChainSetup chain, long height) {
    Block block = snapshot.block(chain.id(), height).orElseThrow();
    Anchor.Builder anchor =
        Anchor.newBuilder()
            .setChainId(chain.id().value())
            .setHeight(height)
            .setHeader(block.getHeader());
    snapshot.certificate(chain.id(), height).ifPresent(anchor::setCertificate);
    return anchor.build();
  }

  private ChainSetup licenseChain() {
    return chains.of(ChainKind.LICENSE);
  }

  private ChainSetup hosted(String text) {
    ChainId id;
    try {
      id = ChainId.parse(text);
    } catch (MalformedInputException e) {
      throw invalid("chain_id: " + e.getMessage());
    }
    return chains
        .get(id)
        .orElseThrow(
            () ->
                Status.NOT_FOUND
                    .withDescription("this node does not host chain " + id)
                    .asRuntimeException());
  }

  private static Hash hash(ByteString bytes, String field) {
    try {
      return Hash.decode(bytes, field);
    } catch (MalformedInputException e) {
      throw invalid(e.getMessage());
    }
  }

  private static StatusRuntimeException invalid(String message) {
    return Status.INVALID_ARGUMENT.withDescription(message).asRuntimeException();
  }

  private interface Answer<T> {
    T get();
  }

  private static <T> void answer(StreamObserver<T> responses, Answer<T> answer) {
    T value;
    try {
      value = answer.get();
    } catch (StatusRuntimeException e) {
      responses.onError(e);
      return;
    }
    responses.onNext(value);
    responses.onCompleted();
  }
}
