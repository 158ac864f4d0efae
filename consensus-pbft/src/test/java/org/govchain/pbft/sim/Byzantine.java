package org.govchain.pbft.sim;

import com.google.protobuf.ByteString;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.govchain.core.chain.Blocks;
import org.govchain.core.chain.ChainId;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.crypto.Hash;
import org.govchain.core.proto.Block;
import org.govchain.core.proto.Transaction;
import org.govchain.pbft.Signer;
import org.govchain.pbft.Statements;
import org.govchain.pbft.proto.CheckpointProof;
import org.govchain.pbft.proto.Commit;
import org.govchain.pbft.proto.PbftMessage;
import org.govchain.pbft.proto.PrePrepare;
import org.govchain.pbft.proto.Prepare;
import org.govchain.pbft.proto.ViewChange;

/**
 * The misbehaviour of one Byzantine replica: it runs the honest core, and rewrites, multiplies or
 * withholds what that core sends. It signs only with its own key.
 */
final class Byzantine {
  /** One message on its way to one replica. */
  record Packet(int to, PbftMessage message) {}

  private static final int SEEN_MAX = 64;
  private static final ChainId OTHER_CHAIN = new ChainId("other-chain");

  private final int self;
  private final int replicas;
  private final Set<Behavior> behaviors;
  private final SplittableRandom random;
  private final Signer signer;
  private final Statements statements;
  private final Statements otherChain;
  private final Executor executor;
  private final Checker checker;
  private final Hash genesisHash;
  private final CryptoSuite suite;
  private final String chainId;
  private final ArrayDeque<PbftMessage> seen = new ArrayDeque<>();
  private final Map<Long, PbftMessage> alternatives = new HashMap<>();
  private long injected;

  Byzantine(
      int self,
      int replicas,
      Set<Behavior> behaviors,
      SplittableRandom random,
      Signer signer,
      Statements statements,
      Statements otherChain,
      Executor executor,
      Checker checker,
      Hash genesisHash,
      CryptoSuite suite,
      String chainId) {
    this.self = self;
    this.replicas = replicas;
    this.behaviors = behaviors;
    this.random = random;
    this.signer = signer;
    this.statements = statements;
    this.otherChain = otherChain;
    this.executor = executor;
    this.checker = checker;
    this.genesisHash = genesisHash;
    this.suite = suite;
    this.chainId = chainId;
  }

  static ChainId otherChain() {
    return OTHER_CHAIN;
  }

  long injected() {
    return injected;
  }

  void observe(PbftMessage message) {
    if (seen.size() >= SEEN_MAX) {
      seen.pollFirst();
    }
    seen.addLast(message);
  }

  /** What actually leaves this replica when its core sends {@code message} to {@code to}. */
  List<Packet> rewrite(int to, PbftMessage message) {
    List<Packet> out = new ArrayList<>();
    if (behaviors.contains(Behavior.SILENT)) {
      return out;
    }
    observe(message);
    out.add(new Packet(to, equivocate(conflict(to, message), to)));
    if (behaviors.contains(Behavior.FORGE) && random.nextInt(5) == 0) {
      out.add(new Packet(to, forge(message)));
    }
    if (behaviors.contains(Behavior.REPLAY_OLD) && random.nextInt(3) == 0 && !seen.isEmpty()) {
      out.add(new Packet(to, List.copyOf(seen).get(random.nextInt(seen.size()))));
    }
    if (behaviors.contains(Behavior.OTHER_CHAIN) && random.nextInt(5) == 0) {
      out.add(new Packet(to, message.toBuilder().setChainId(OTHER_CHAIN.value()).build()));
      out.add(new Packet(to, signedForOtherChain(message)));
    }
    if (behaviors.contains(Behavior.HUGE_VIEW) && random.nextInt(10) == 0) {
      out.add(new Packet(to, hugeViewChange()));
      out.add(new Packet(to, hugeViewCommit(message)));
    }
    injected += out.size() - 1;
    return out;
  }

  private PbftMessage equivocate(PbftMessage message, int to) {
    if (!behaviors.contains(Behavior.EQUIVOCATE)
        || !message.hasPrePrepare()
        || !message.getPrePrepare().hasBlock()
        || to % 2 == 0) {
      return message;
    }
    PrePrepare original = message.getPrePrepare();
    long key = original.getView() * 1_000_003L + original.getSequence();
    PbftMessage alternative = alternatives.get(key);
    if (alternative == null) {
      alternative = alternativeOf(message);
      alternatives.put(key, alternative);
    }
    injected++;
    return alternative;
  }

  private PbftMessage alternativeOf(PbftMessage message) {
    PrePrepare original = message.getPrePrepare();
    Block block = original.getBlock();
    List<Transaction> reversed = new ArrayList<>(block.getTransactionsList());
    java.util.Collections.reverse(reversed);
    if (!reversed.isEmpty() && random.nextBoolean()) {
      reversed.remove(0);
    }
    Hash parent = Hash.of(block.getHeader().getPreviousHash().toByteArray());
    Block other;
    try {
      other =
          executor.build(
              original.getSequence(),
              parent,
              reversed,
              self,
              block.getHeader().getTimestampMillis() + 1);
    } catch (SimulationFailure e) {
      return message;
    }
    Hash hash = Blocks.hash(suite, other.getHeader());
    checker.proposed(hash);
    PrePrepare forged =
        PrePrepare.newBuilder()
            .setView(original.getView())
            .setSequence(original.getSequence())
            .setBlockHash(hash.toByteString())
            .setSignature(
                signer
                    .sign(
                        statements.prePrepare(
                            original.getView(), original.getSequence(), hash, self))
                    .toByteString())
            .setBlock(other)
            .build();
    return message.toBuilder().setPrePrepare(forged).build();
  }

  private PbftMessage conflict(int to, PbftMessage message) {
    if (!behaviors.contains(Behavior.CONFLICTING_VOTES) || to % 2 == 0) {
      return message;
    }
    Hash other = randomHash();
    if (message.hasPrepare()) {
      Prepare prepare = message.getPrepare();
      injected++;
      return message.toBuilder()
          .setPrepare(
              prepare.toBuilder()
                  .setBlockHash(other.toByteString())
                  .setSignature(
                      signer
                          .sign(
                              statements.prepare(
                                  prepare.getView(), prepare.getSequence(), other, self))
                          .toByteString()))
          .build();
    }
    if (message.hasCommit()) {
      Commit commit = message.getCommit();
      injected++;
      return message.toBuilder()
          .setCommit(
              commit.toBuilder()
                  .setBlockHash(other.toByteString())
                  .setSignature(
                      signer
                          .sign(statements.commit(commit.getView(), commit.getSequence(), other))
                          .toByteString()))
          .build();
    }
    return message;
  }

  private PbftMessage forge(PbftMessage message) {
    int victim = (self + 1 + random.nextInt(replicas - 1)) % replicas;
    if (message.hasPrepare() && random.nextBoolean()) {
      return message.toBuilder()
          .setPrepare(message.getPrepare().toBuilder().setReplica(victim))
          .build();
    }
    if (message.hasCommit() && random.nextBoolean()) {
      return message.toBuilder()
          .setCommit(message.getCommit().toBuilder().setReplica(victim))
          .build();
    }
    if (message.hasViewChange()) {
      return message.toBuilder()
          .setViewChange(message.getViewChange().toBuilder().setReplica(victim))
          .build();
    }
    if (message.hasPrepare()) {
      return message.toBuilder()
          .setPrepare(
              message.getPrepare().toBuilder()
                  .setSignature(flip(message.getPrepare().getSignature())))
          .build();
    }
    if (message.hasCommit()) {
      return message.toBuilder()
          .setCommit(
              message.getCommit().toBuilder()
                  .setSignature(flip(message.getCommit().getSignature())))
          .build();
    }
    if (message.hasPrePrepare()) {
      return message.toBuilder()
          .setPrePrepare(
              message.getPrePrepare().toBuilder()
                  .setSignature(flip(message.getPrePrepare().getSignature())))
          .build();
    }
    return message;
  }

  private static ByteString flip(ByteString signature) {
    byte[] bytes = signature.toByteArray();
    if (bytes.length > 0) {
      bytes[bytes.length / 2] ^= 0x5a;
    }
    return ByteString.copyFrom(bytes);
  }

  private PbftMessage signedForOtherChain(PbftMessage message) {
    if (message.hasPrepare()) {
      Prepare prepare = message.getPrepare();
      Hash hash = Hash.of(prepare.getBlockHash().toByteArray());
      return message.toBuilder()
          .setPrepare(
              prepare.toBuilder()
                  .setSignature(
                      signer
                          .sign(
                              otherChain.prepare(
                                  prepare.getView(), prepare.getSequence(), hash, self))
                          .toByteString()))
          .build();
    }
    if (message.hasCommit()) {
      Commit commit = message.getCommit();
      Hash hash = Hash.of(commit.getBlockHash().toByteArray());
      return message.toBuilder()
          .setCommit(
              commit.toBuilder()
                  .setSignature(
                      signer
                          .sign(otherChain.commit(commit.getView(), commit.getSequence(), hash))
                          .toByteString()))
          .build();
    }
    return message;
  }

  private PbftMessage hugeViewChange() {
    long view = 1L << (20 + random.nextInt(28));
    ViewChange unsigned =
        ViewChange.newBuilder()
            .setNewView(view + random.nextInt(1000))
            .setCheckpoint(
                CheckpointProof.newBuilder()
                    .setSequence(0)
                    .setBlockHash(genesisHash.toByteString()))
            .setReplica(self)
            .build();
    ViewChange signed =
        unsigned.toBuilder()
            .setSignature(signer.sign(statements.viewChange(unsigned)).toByteString())
            .build();
    return PbftMessage.newBuilder().setChainId(chainId).setViewChange(signed).build();
  }

  private PbftMessage hugeViewCommit(PbftMessage template) {
    long view = (1L << 47) + random.nextInt(1000);
    long sequence = 1 + random.nextInt(50);
    Hash hash = randomHash();
    Commit commit =
        Commit.newBuilder()
            .setView(view)
            .setSequence(sequence)
            .setBlockHash(hash.toByteString())
            .setReplica(self)
            .setSignature(signer.sign(statements.commit(view, sequence, hash)).toByteString())
            .build();
    return PbftMessage.newBuilder().setChainId(template.getChainId()).setCommit(commit).build();
  }

  private Hash randomHash() {
    byte[] bytes = new byte[Hash.BYTES];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) random.nextInt(256);
    }
    return Hash.of(bytes);
  }
}
