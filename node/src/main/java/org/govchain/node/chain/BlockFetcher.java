package org.govchain.node.chain;

import com.google.protobuf.InvalidProtocolBufferException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.govchain.node.net.PeerLink;
import org.govchain.node.proto.CertifiedBlockMessage;
import org.govchain.node.proto.FetchBlocksRequest;
import org.govchain.node.proto.FetchBlocksResponse;
import org.govchain.pbft.Action;
import org.govchain.pbft.CertifiedBlock;
import org.govchain.pbft.Event;

/**
 * State transfer's network half: asks one peer for committed blocks with their certificates and
 * hands what came back (possibly nothing) to the replica, which checks every certificate.
 */
final class BlockFetcher {
  static final String METHOD = "blocks.fetch";
  static final Duration DEADLINE = Duration.ofSeconds(10);

  private BlockFetcher() {}

  static void fetch(
      ChainSetup chain,
      PeerLink peers,
      Action.FetchBlocks fetch,
      Consumer<Runnable> enqueue,
      Consumer<Event> step) {
    FetchBlocksRequest request =
        FetchBlocksRequest.newBuilder()
            .setChainId(chain.id().value())
            .setGenesisHash(chain.genesisHash().toByteString())
            .setFromHeight(fetch.fromHeight())
            .setToHeight(fetch.toHeight())
            .build();
    peers
        .call(
            chain.validators().member(fetch.peer()).nodeId(),
            METHOD,
            request.toByteString(),
            DEADLINE)
        .handle(
            (response, failure) -> {
              List<CertifiedBlock> blocks = failure == null ? decode(response) : List.of();
              enqueue.accept(() -> step.accept(new Event.BlocksFetched(fetch.peer(), blocks)));
              return null;
            });
  }

  private static List<CertifiedBlock> decode(com.google.protobuf.ByteString response) {
    try {
      FetchBlocksResponse decoded = FetchBlocksResponse.parseFrom(response);
      List<CertifiedBlock> blocks = new ArrayList<>();
      for (CertifiedBlockMessage message : decoded.getBlocksList()) {
        if (message.hasBlock() && message.hasCertificate()) {
          blocks.add(new CertifiedBlock(message.getBlock(), message.getCertificate()));
        }
      }
      return blocks;
    } catch (InvalidProtocolBufferException e) {
      return List.of();
    }
  }
}
