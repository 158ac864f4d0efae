package org.govchain.pbft.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.govchain.core.chain.Blocks;
import org.govchain.core.crypto.Hash;
import org.govchain.core.proto.Block;
import org.govchain.core.proto.Transaction;
import org.govchain.pbft.Refusal;
import org.govchain.pbft.Statements;
import org.govchain.pbft.TimerKind;
import org.govchain.pbft.proto.PbftMessage;
import org.govchain.pbft.proto.PrePrepare;
import org.govchain.pbft.proto.Prepare;
import org.junit.jupiter.api.Test;

/** Scripted scenarios, one per bug that shipped in real PBFT implementations. */
class ScenarioTest {
  private static final int SETTLE = 100_000;

  /** Moves every replica that is up from view 0 to a view change by two request timeouts. */
  private static void suspectPrimary(Cluster cluster) {
    cluster.fireAll(TimerKind.REQUEST);
    cluster.settle(SETTLE);
    cluster.fireAll(TimerKind.REQUEST);
  }

  @Test
  void viewChangeQuorumCountsReplicasThatAlreadyAskForALaterView() {
    // Seven replicas, the primary of view 0 down. Replicas 5 and 6 see a quorum for view 1 and
    // move on to view 2; the four others never hear their view-1 messages. Counting only view-1
    // messages, those four would wait forever (4 < 5) and could not join view 2 either (2 < f+1).
    Cluster cluster = new Cluster(7, FakeSuite.INSTANCE, 5, 2);
    cluster.startAll();
    cluster.crash(0);
    cluster.submitToAll(cluster.transaction());
    Set<Integer> ahead = Set.of(5, 6);
    cluster.dropWhere(
        packet ->
            ahead.contains(packet.from())
                && !ahead.contains(packet.to())
                && packet.message().hasViewChange()
                && packet.message().getViewChange().getNewView() == 1);
    suspectPrimary(cluster);
    cluster.settle(SETTLE);
    for (int replica = 1; replica <= 4; replica++) {
      assertFalse(cluster.replica(replica).viewActive(), "no new view 1 without replicas 5, 6");
      assertFalse(cluster.timerSet(replica, TimerKind.VIEW_CHANGE));
    }
    cluster.healNetwork();
    assertTrue(cluster.fire(5, TimerKind.VIEW_CHANGE));
    assertTrue(cluster.fire(6, TimerKind.VIEW_CHANGE));
    cluster.settle(SETTLE);
    for (int replica = 1; replica <= 4; replica++) {
      assertTrue(
          cluster.timerSet(replica, TimerKind.VIEW_CHANGE),
          "replica " + replica + " must time out: a quorum has left view 0");
      assertTrue(cluster.fire(replica, TimerKind.VIEW_CHANGE));
    }
    cluster.settle(SETTLE);
    for (int replica = 1; replica <= 6; replica++) {
      assertEquals(2, cluster.replica(replica).view());
      assertTrue(cluster.replica(replica).viewActive());
      assertEquals(1, cluster.height(replica), "the pending transaction commits in view 2");
    }
  }

  @Test
  void viewChangesLostOnATransientLinkAreRetransmitted() {
    Cluster cluster = new Cluster(4, FakeSuite.INSTANCE, 5, 2);
    cluster.startAll();
    cluster.crash(0);
    cluster.submitToAll(cluster.transaction());
    cluster.dropWhere(packet -> packet.message().hasViewChange());
    suspectPrimary(cluster);
    cluster.settle(SETTLE);
    for (int replica = 1; replica <= 3; replica++) {
      assertFalse(cluster.replica(replica).viewActive());
      assertEquals(0, cluster.height(replica));
    }
    cluster.healNetwork();
    cluster.fireAll(TimerKind.RETRANSMIT);
    cluster.settle(SETTLE);
    for (int replica = 1; replica <= 3; replica++) {
      assertTrue(cluster.replica(replica).viewActive());
      assertEquals(1, cluster.replica(replica).view());
      assertEquals(1, cluster.height(replica));
    }
  }

  @Test
  void prePrepareAboveALaggingHighWatermarkIsKeptUntilTheCheckpointCatchesUp() {
    // Checkpoint interval 2, window 4: replica 3 hears no checkpoint, so its window stays (0, 4]
    // while the others move on. Pre-prepares above its high watermark must be held, not dropped.
    Cluster cluster = new Cluster(4, FakeSuite.INSTANCE, 2, 4);
    cluster.startAll();
    cluster.dropWhere(packet -> packet.to() == 3 && packet.message().hasCheckpoint());
    for (int i = 0; i < 7; i++) {
      cluster.submitToAll(cluster.transaction());
      cluster.settle(SETTLE);
    }
    assertEquals(7, cluster.height(0));
    assertEquals(0, cluster.replica(3).stableCheckpoint());
    assertEquals(4, cluster.height(3), "replica 3 commits up to its high watermark");
    assertTrue(cluster.replica(3).futureMessages() > 0, "what lies above it is held");
    cluster.healNetwork();
    // Round 1: the checkpoints reach replica 3 and its window jumps to the others' stable
    // checkpoint; the held messages above it are replayed. Round 2: state transfer fetches the
    // certified blocks below that checkpoint, which replica 3 no longer needs to vote on.
    cluster.fireAll(TimerKind.RETRANSMIT);
    cluster.settle(SETTLE);
    assertEquals(6, cluster.replica(3).stableCheckpoint());
    cluster.fireAll(TimerKind.RETRANSMIT);
    cluster.settle(SETTLE);
    assertEquals(7, cluster.height(3));
    assertEquals(0, cluster.replica(3).view(), "no view change was needed");
    assertFalse(cluster.replica(3).refusals().containsKey(Refusal.OUTSIDE_WATERMARKS));
  }

  @Test
  void duplicateVotesFromOneSenderAreCountedOnce() {
    Cluster cluster = new Cluster(7, FakeSuite.INSTANCE, 5, 2);
    cluster.startAll();
    // Replica 1 hears prepares only from replica 6 (and itself): 2 distinct backups of the 4 it
    // needs (2f = 4 for n = 7), however many copies replica 6 sends.
    cluster.dropWhere(
        packet ->
            packet.to() == 1
                && (packet.message().hasCommit()
                    || (packet.message().hasPrepare() && packet.from() != 6)));
    cluster.submitToAll(cluster.transaction());
    cluster.settle(SETTLE);
    PbftMessage prepareOfSix = firstPrepare(cluster.sentBy(6));
    for (int copy = 0; copy < 5; copy++) {
      cluster.inject(6, 1, prepareOfSix);
    }
    cluster.inject(6, 1, conflictingPrepare(cluster, 6, prepareOfSix));
    cluster.settle(SETTLE);
    assertTrue(cluster.sentBy(1).stream().noneMatch(PbftMessage::hasCommit), "not prepared");
    assertTrue(cluster.replica(1).refusals().getOrDefault(Refusal.DUPLICATE, 0L) >= 5);
    assertEquals(0, cluster.height(1));
    cluster.healNetwork();
    cluster.fireAll(TimerKind.RETRANSMIT);
    cluster.settle(SETTLE);
    assertEquals(1, cluster.height(1), "with the other prepares and commits it commits");
  }

  @Test
  void plainCrashesOfUpToFReplicasDoNotStopProgress() {
    Cluster cluster = new Cluster(4, FakeSuite.INSTANCE, 2, 2);
    cluster.startAll();
    cluster.submitToAll(cluster.transaction());
    cluster.settle(SETTLE);
    cluster.crash(0);
    cluster.submitToAll(cluster.transaction());
    suspectPrimary(cluster);
    cluster.settle(SETTLE);
    for (int replica = 1; replica <= 3; replica++) {
      assertEquals(
          2,
          cluster.height(replica),
          "replica "
              + replica
              + " view "
              + cluster.replica(replica).view()
              + " active "
              + cluster.replica(replica).viewActive()
              + " pending "
              + cluster.replica(replica).pendingTransactions()
              + " "
              + cluster.replica(replica).refusals());
    }
    cluster.restart(0);
    cluster.crash(2);
    for (int i = 0; i < 3; i++) {
      cluster.submitToAll(cluster.transaction());
      cluster.settle(SETTLE);
      cluster.fireAll(TimerKind.RETRANSMIT);
      cluster.settle(SETTLE);
    }
    assertEquals(5, cluster.height(1));
    assertEquals(5, cluster.height(3));
    assertEquals(5, cluster.height(0), "the restarted replica caught up and votes again");
  }

  @Test
  void restartedReplicaDoesNotVoteForAnotherBlockAtTheSameViewAndHeight() {
    Cluster cluster = new Cluster(4, FakeSuite.INSTANCE, 5, 2);
    cluster.startAll();
    cluster.dropWhere(packet -> !packet.message().hasPrePrepare());
    Transaction transaction = cluster.transaction();
    cluster.submitToAll(transaction);
    cluster.settle(SETTLE);
    PbftMessage prepared = firstPrepare(cluster.sentBy(1));
    cluster.crash(1);
    cluster.restart(1);
    // The primary equivocates: another block for view 0, height 1, properly signed.
    Block other = otherBlock(cluster, transaction);
    Hash otherHash = Blocks.hash(cluster.suite, other.getHeader());
    cluster.checker.proposed(otherHash);
    PrePrepare equivocation =
        PrePrepare.newBuilder()
            .setView(0)
            .setSequence(1)
            .setBlockHash(otherHash.toByteString())
            .setSignature(
                cluster
                    .signer(0)
                    .sign(
                        new Statements(cluster.chain, cluster.suite).prePrepare(0, 1, otherHash, 0))
                    .toByteString())
            .setBlock(other)
            .build();
    int sentBefore = cluster.sentBy(1).size();
    cluster.inject(
        0,
        1,
        PbftMessage.newBuilder()
            .setChainId(cluster.chain.value())
            .setPrePrepare(equivocation)
            .build());
    cluster.settle(SETTLE);
    assertTrue(
        cluster.replica(1).refusals().getOrDefault(Refusal.CONFLICTING_PRE_PREPARE, 0L) >= 1);
    for (PbftMessage sent : cluster.sentBy(1).subList(sentBefore, cluster.sentBy(1).size())) {
      assertFalse(
          sent.hasPrepare()
              && !sent.getPrepare().getBlockHash().equals(prepared.getPrepare().getBlockHash()),
          "the restarted replica voted for the other block");
    }
    cluster.healNetwork();
    cluster.fireAll(TimerKind.RETRANSMIT);
    cluster.settle(SETTLE);
    assertEquals(1, cluster.height(1), "and it still commits the block it prepared");
  }

  private static PbftMessage firstPrepare(List<PbftMessage> sent) {
    return sent.stream().filter(PbftMessage::hasPrepare).findFirst().orElseThrow();
  }

  private static PbftMessage conflictingPrepare(Cluster cluster, int replica, PbftMessage base) {
    Prepare prepare = base.getPrepare();
    Hash other = cluster.suite.hash(new byte[] {1, 2, 3});
    Prepare conflicting =
        prepare.toBuilder()
            .setBlockHash(other.toByteString())
            .setSignature(
                cluster
                    .signer(replica)
                    .sign(
                        new Statements(cluster.chain, cluster.suite)
                            .prepare(prepare.getView(), prepare.getSequence(), other, replica))
                    .toByteString())
            .build();
    return base.toBuilder().setPrepare(conflicting).build();
  }

  private static Block otherBlock(Cluster cluster, Transaction transaction) {
    Executor executor =
        new Executor(
            cluster.suite,
            cluster.chain,
            cluster.genesisHash,
            Executor.genesisStateRoot(cluster.suite));
    return executor.build(1, cluster.genesisHash, List.of(transaction), 0, 99);
  }
}
