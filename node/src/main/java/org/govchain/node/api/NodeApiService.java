package org.govchain.node.api;

import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.govchain.api.v1.ChainStatus;
import org.govchain.api.v1.CommittedBlock;
import org.govchain.api.v1.GetStatusRequest;
import org.govchain.api.v1.NodeServiceGrpc;
import org.govchain.api.v1.NodeStatus;
import org.govchain.api.v1.PeerStatus;
import org.govchain.api.v1.StreamBlocksRequest;
import org.govchain.api.v1.SubmitRequest;
import org.govchain.api.v1.SubmitResponse;
import org.govchain.core.MalformedInputException;
import org.govchain.core.chain.ChainId;
import org.govchain.core.chain.Transactions;
import org.govchain.core.crypto.Hash;
import org.govchain.core.proto.Transaction;
import org.govchain.node.chain.ChainRuntime;
import org.govchain.node.chain.ChainSetup;
import org.govchain.node.chain.ChainView;
import org.govchain.node.chain.HostedChains;
import org.govchain.node.ingest.CommitWaiters;
import org.govchain.node.ingest.TransactionIngest;
import org.govchain.node.mempool.Mempool;
import org.govchain.storage.Store;
import org.govchain.storage.TransactionLocation;

/** The govchain.api.v1.NodeService: submit, stream blocks, status. */
public final class NodeApiService extends NodeServiceGrpc.NodeServiceImplBase {
  private final String nodeId;
  private final HostedChains chains;
  private final Store store;
  private final TransactionIngest ingest;
  private final CommitWaiters waiters;
  private final Map<ChainId, ChainRuntime> runtimes;
  private final Map<ChainId, Mempool> mempools;
  private final BlockStreams streams;
  private final Supplier<List<PeerStatus>> peers;
  private final long submitWaitMillis;

  public NodeApiService(
      String nodeId,
      HostedChains chains,
      Store store,
      TransactionIngest ingest,
      CommitWaiters waiters,
      Map<ChainId, ChainRuntime> runtimes,
      Map<ChainId, Mempool> mempools,
      BlockStreams streams,
      Supplier<List<PeerStatus>> peers,
      long submitWaitMillis) {
    this.nodeId = nodeId;
    this.chains = chains;
    this.store = store;
    this.ingest = ingest;
    this.waiters = waiters;
    this.runtimes = Map.copyOf(runtimes);
    this.mempools = Map.copyOf(mempools);
    this.streams = streams;
    this.peers = peers;
    this.submitWaitMillis = submitWaitMillis;
  }

  private ChainSetup hostedChain(String text) {
    ChainId id;
    try {
      id = ChainId.parse(text);
    } catch (MalformedInputException e) {
      throw Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException();
    }
    return chains
        .get(id)
        .orElseThrow(
            () ->
                Status.NOT_FOUND
                    .withDescription("this node does not host chain " + id)
                    .asRuntimeException());
  }

  @Override
  public void submit(SubmitRequest request, StreamObserver<SubmitResponse> responses) {
    ChainSetup chain;
    try {
      chain = hostedChain(request.getChainId());
    } catch (RuntimeException e) {
      responses.onError(e);
      return;
    }
    if (!request.hasTransaction()) {
      responses.onError(
          Status.INVALID_ARGUMENT.withDescription("transaction is required").asRuntimeException());
      return;
    }
    Transaction transaction = request.getTransaction();
    Hash id = Transactions.id(chain.suite(), transaction.getBody());
    Optional<TransactionLocation> already = store.chain(chain.id()).transaction(id);
    if (already.isPresent()) {
      responses.onNext(committedResponse(chain, id, already.get().height(), already.get().index()));
      responses.onCompleted();
      return;
    }
    CompletableFuture<CommitWaiters.Committed> commit =
        request.getWaitForCommit() ? waiters.await(id) : null;
    if (request.getWaitForCommit() && commit == null) {
      responses.onError(
          Status.RESOURCE_EXHAUSTED
              .withDescription("too many clients wait for commits; retry without waiting")
              .asRuntimeException());
      return;
    }
    if (commit != null) {
      // It may have committed between the look-up above and the registration of the wait.
      Optional<TransactionLocation> raced = store.chain(chain.id()).transaction(id);
      if (raced.isPresent()) {
        cancel(commit);
        responses.onNext(committedResponse(chain, id, raced.get().height(), raced.get().index()));
        responses.onCompleted();
        return;
      }
    }
    ingest
        .submit(chain.id(), transaction)
        .whenComplete(
            (outcome, failure) -> {
              if (failure != null) {
                cancel(commit);
                responses.onError(
                    Status.INTERNAL.withDescription(failure.toString()).asRuntimeException());
              } else if (outcome instanceof TransactionIngest.Outcome.Refused refused) {
                cancel(commit);
                responses.onError(statusOf(refused).asRuntimeException());
              } else if (commit == null) {
                responses.onNext(
                    SubmitResponse.newBuilder()
                        .setTransactionId(id.toByteString())
                        .setState(SubmitResponse.State.PENDING)
                        .build());
                responses.onCompleted();
              } else {
                waitForCommit(chain, id, commit, responses);
              }
            });
  }

  private void waitForCommit(
      ChainSetup chain,
      Hash id,
      CompletableFuture<CommitWaiters.Committed> commit,
      StreamObserver<SubmitResponse> responses) {
    long waitMillis = submitWaitMillis;
    Deadline deadline = Context.current().getDeadline();
    if (deadline != null) {
      waitMillis = Math.min(waitMillis, Math.max(1, deadline.timeRemaining(TimeUnit.MILLISECONDS)));
    }
    long limit = waitMillis;
    commit
        .orTimeout(limit, TimeUnit.MILLISECONDS)
        .whenComplete(
            (where, failure) -> {
              if (failure instanceof TimeoutException) {
                responses.onError(
                    Status.DEADLINE_EXCEEDED
                        .withDescription(
                            "transaction "
                                + id.shortHex()
                                + " is pending but not committed within "
                                + limit
                                + " ms")
                        .asRuntimeException());
              } else if (failure != null) {
                responses.onError(
                    Status.CANCELLED.withDescription("wait cancelled").asRuntimeException());
              } else {
                responses.onNext(committedResponse(chain, id, where.height(), where.index()));
                responses.onCompleted();
              }
            });
  }

  private SubmitResponse committedResponse(ChainSetup chain, Hash id, long height, int index) {
    return SubmitResponse.newBuilder()
        .setTransactionId(id.toByteString())
        .setState(SubmitResponse.State.COMMITTED)
        .setHeight(height)
        .setIndex(index)
        .setBlockHash(BlockStreams.committedBlock(store.chain(chain.id()), height).getBlockHash())
        .build();
  }

  private static void cancel(CompletableFuture<?> future) {
    if (future != null) {
      future.cancel(false);
    }
  }

  static Status statusOf(TransactionIngest.Outcome.Refused refused) {
    Status status =
        switch (refused.kind()) {
          case INVALID -> Status.INVALID_ARGUMENT;
          case REFUSED_BY_RULES -> Status.FAILED_PRECONDITION;
          case BUSY -> Status.RESOURCE_EXHAUSTED;
          case UNKNOWN_CHAIN -> Status.NOT_FOUND;
        };
    return status.withDescription(refused.message());
  }

  @Override
  public void streamBlocks(StreamBlocksRequest request, StreamObserver<CommittedBlock> responses) {
    ChainSetup chain;
    try {
      chain = hostedChain(request.getChainId());
    } catch (RuntimeException e) {
      responses.onError(e);
      return;
    }
    ServerCallStreamObserver<CommittedBlock> observer =
        (ServerCallStreamObserver<CommittedBlock>) responses;
    if (!streams.subscribe(chain.id(), request.getFromHeight(), observer)) {
      responses.onError(
          Status.RESOURCE_EXHAUSTED
              .withDescription("too many block streams on this node")
              .asRuntimeException());
    }
  }

  @Override
  public void getStatus(GetStatusRequest request, StreamObserver<NodeStatus> responses) {
    NodeStatus.Builder status =
        NodeStatus.newBuilder()
            .setNodeId(nodeId)
            .setNetwork(chains.network().name())
            .addAllPeers(peers.get());
    String version = NodeApiService.class.getPackage().getImplementationVersion();
    status.setVersion(version == null ? "development" : version);
    for (ChainSetup chain : chains.all()) {
      ChainView view = runtimes.get(chain.id()).view();
      status.addChains(
          ChainStatus.newBuilder()
              .setChainId(chain.id().value())
              .setGenesisHash(chain.genesisHash().toByteString())
              .setSuite(chain.suite().id().toProto())
              .setHeight(view.height())
              .setLastBlockHash(view.blockHash().toByteString())
              .setView(view.view())
              .setPrimaryIndex(view.primaryIndex())
              .setViewActive(view.viewActive())
              .setViewChanges(view.viewChanges())
              .setMempoolTransactions(mempools.get(chain.id()).size())
              .addAllValidators(
                  chain.validators().members().stream().map(m -> m.nodeId().value()).toList()));
    }
    responses.onNext(status.build());
    responses.onCompleted();
  }
}
