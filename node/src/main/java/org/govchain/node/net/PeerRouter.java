package org.govchain.node.net;

import com.google.protobuf.ByteString;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.govchain.core.MalformedInputException;
import org.govchain.core.chain.ChainId;
import org.govchain.core.chain.NodeId;
import org.govchain.core.chain.ValidatorSet;
import org.govchain.core.codec.Canonical;
import org.govchain.node.chain.ChainRuntime;
import org.govchain.node.chain.ChainSetup;
import org.govchain.node.chain.HostedChains;
import org.govchain.node.ingest.TransactionIngest;
import org.govchain.node.proto.ConsensusEnvelope;
import org.govchain.node.proto.TransactionGossip;
import org.govchain.p2p.MessageChannel;
import org.govchain.p2p.MessageHandler;
import org.govchain.pbft.PbftMessages;
import org.govchain.pbft.proto.PbftMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes what peers send (already authenticated by mutual TLS) to the right chain: consensus
 * messages to the chain's replica queue, forwarded transactions to ingest. Runs on Netty threads:
 * it decodes, checks and enqueues, nothing more. A payload for an unknown chain, of another
 * genesis, from a node that is not the chain's validator, or that does not decode is dropped and
 * counted; a genesis mismatch is logged once per peer and chain.
 */
public final class PeerRouter implements MessageHandler {
  private static final Logger LOG = LoggerFactory.getLogger(PeerRouter.class);

  private final HostedChains chains;
  private final Map<ChainId, ChainRuntime> runtimes;
  private final TransactionIngest ingest;
  private final int messageBytesMax;
  private final AtomicLong dropped = new AtomicLong();
  private final Map<String, Boolean> reported = new ConcurrentHashMap<>();

  public PeerRouter(
      HostedChains chains,
      Map<ChainId, ChainRuntime> runtimes,
      TransactionIngest ingest,
      int messageBytesMax) {
    this.chains = chains;
    this.runtimes = Map.copyOf(runtimes);
    this.ingest = ingest;
    this.messageBytesMax = messageBytesMax;
  }

  /** Payloads dropped because they were malformed, unknown or from another genesis. */
  public long dropped() {
    return dropped.get();
  }

  @Override
  public void onMessage(NodeId from, MessageChannel channel, ByteString payload) {
    try {
      switch (channel) {
        case CONSENSUS -> consensus(from, payload);
        case TRANSACTIONS -> transactions(from, payload);
        case BLOCK_SYNC -> drop(from, "unsolicited block-sync message");
      }
    } catch (MalformedInputException e) {
      drop(from, e.getMessage());
    }
  }

  private void consensus(NodeId from, ByteString payload) throws MalformedInputException {
    ConsensusEnvelope envelope =
        Canonical.decode(
            ConsensusEnvelope.parser(), payload, messageBytesMax + 1024, "consensus envelope");
    ChainSetup chain = chainOf(from, envelope.getChainId(), envelope.getGenesisHash());
    if (chain == null) {
      return;
    }
    ValidatorSet.Member sender = chain.validators().byNodeId(from).orElse(null);
    if (sender == null) {
      drop(from, "not a validator of " + chain.id());
      return;
    }
    PbftMessage message = PbftMessages.decode(envelope.getMessage().toByteArray(), messageBytesMax);
    runtimes.get(chain.id()).offerMessage(sender.index(), message);
  }

  private void transactions(NodeId from, ByteString payload) throws MalformedInputException {
    TransactionGossip gossip =
        Canonical.decode(
            TransactionGossip.parser(), payload, messageBytesMax + 1024, "transaction gossip");
    ChainSetup chain = chainOf(from, gossip.getChainId(), gossip.getGenesisHash());
    if (chain != null) {
      ingest.fromPeer(chain, gossip.getTransactionsList());
    }
  }

  private ChainSetup chainOf(NodeId from, String chainId, ByteString genesisHash)
      throws MalformedInputException {
    ChainSetup chain = chains.get(ChainId.parse(chainId)).orElse(null);
    if (chain == null) {
      drop(from, "chain " + chainId + " is not hosted here");
      return null;
    }
    if (!genesisHash.equals(chain.genesisHash().toByteString())) {
      dropped.incrementAndGet();
      if (reported.putIfAbsent(from + "/" + chainId, Boolean.TRUE) == null) {
        LOG.warn(
            "peer {} runs chain {} from another genesis; its messages are refused (ours: {})",
            from,
            chainId,
            chain.genesisHash().shortHex());
      }
      return null;
    }
    return chain;
  }

  private void drop(NodeId from, String why) {
    dropped.incrementAndGet();
    LOG.debug("dropped a message from {}: {}", from, why);
  }
}
