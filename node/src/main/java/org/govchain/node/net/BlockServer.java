package org.govchain.node.net;

import com.google.protobuf.ByteString;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.govchain.core.MalformedInputException;
import org.govchain.core.chain.ChainId;
import org.govchain.core.chain.NodeId;
import org.govchain.core.codec.Canonical;
import org.govchain.core.proto.Block;
import org.govchain.node.chain.ChainSetup;
import org.govchain.node.chain.HostedChains;
import org.govchain.node.proto.CertifiedBlockMessage;
import org.govchain.node.proto.FetchBlocksRequest;
import org.govchain.node.proto.FetchBlocksResponse;
import org.govchain.p2p.RequestHandler;
import org.govchain.storage.ChainStore;
import org.govchain.storage.Store;

/**
 * Serves "blocks.fetch": committed blocks with their certificates for a peer that is catching up.
 * Reads happen on a worker pool, not on Netty threads; answers are bounded in blocks and bytes.
 */
public final class BlockServer implements RequestHandler {
  public static final int MAX_BLOCKS = 64;

  private final HostedChains chains;
  private final Store store;
  private final ExecutorService workers;
  private final int maxResponseBytes;

  public BlockServer(
      HostedChains chains, Store store, ExecutorService workers, int maxResponseBytes) {
    this.chains = chains;
    this.store = store;
    this.workers = workers;
    this.maxResponseBytes = maxResponseBytes;
  }

  @Override
  public CompletableFuture<ByteString> handle(NodeId from, ByteString request) {
    return CompletableFuture.supplyAsync(() -> serve(request), workers);
  }

  private ByteString serve(ByteString requestBytes) {
    FetchBlocksRequest request;
    ChainSetup chain;
    try {
      request = Canonical.decode(FetchBlocksRequest.parser(), requestBytes, 4096, "fetch request");
      chain = chains.get(ChainId.parse(request.getChainId())).orElse(null);
    } catch (MalformedInputException e) {
      throw new IllegalArgumentException(e.getMessage());
    }
    if (chain == null || !request.getGenesisHash().equals(chain.genesisHash().toByteString())) {
      throw new IllegalArgumentException(
          "chain " + request.getChainId() + " of that genesis is not hosted here");
    }
    ChainStore chainStore = store.chain(chain.id());
    long last = Math.min(request.getToHeight(), chainStore.latestHeight());
    FetchBlocksResponse.Builder response = FetchBlocksResponse.newBuilder();
    long bytes = 0;
    for (long height = Math.max(1, request.getFromHeight());
        height <= last && response.getBlocksCount() < MAX_BLOCKS;
        height++) {
      Block block = chainStore.block(height).orElseThrow();
      CertifiedBlockMessage entry =
          CertifiedBlockMessage.newBuilder()
              .setBlock(block)
              .setCertificate(chainStore.certificate(height).orElseThrow())
              .build();
      bytes += entry.getSerializedSize() + 8;
      if (bytes > maxResponseBytes && response.getBlocksCount() > 0) {
        break;
      }
      response.addBlocks(entry);
    }
    return response.build().toByteString();
  }
}
