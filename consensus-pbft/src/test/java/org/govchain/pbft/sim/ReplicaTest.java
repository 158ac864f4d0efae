package org.govchain.pbft.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.util.List;
import org.govchain.core.MalformedInputException;
import org.govchain.core.chain.CommitCertificates;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.crypto.Hash;
import org.govchain.core.proto.Block;
import org.govchain.core.proto.CommitCertificate;
import org.govchain.pbft.Action;
import org.govchain.pbft.Event;
import org.govchain.pbft.PbftConfig;
import org.govchain.pbft.PbftMessages;
import org.govchain.pbft.Ready;
import org.govchain.pbft.Refusal;
import org.govchain.pbft.Replica;
import org.govchain.pbft.Statements;
import org.govchain.pbft.proto.CheckpointProof;
import org.govchain.pbft.proto.PbftMessage;
import org.govchain.pbft.proto.PersistedState;
import org.govchain.pbft.proto.Prepare;
import org.govchain.pbft.proto.ViewChange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One replica's contract, event by event, with the real crypto suites where it matters. */
class ReplicaTest {
  private static CryptoSuite suite(String name) {
    return Simulation.suiteNamed(name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"INTL", "SM"})
  void committedBlocksCarryCertificatesNodeCoreAccepts(String suiteName) {
    for (int n : new int[] {1, 4}) {
      Cluster cluster = new Cluster(n, suite(suiteName), 2, 2);
      cluster.startAll();
      for (int i = 0; i < 3; i++) {
        cluster.submitToAll(cluster.transaction());
        cluster.settle(100_000);
      }
      for (int replica = 0; replica < n; replica++) {
        assertEquals(3, cluster.delivered(replica).size());
        for (Action.Deliver deliver : cluster.delivered(replica)) {
          CommitCertificate certificate = deliver.certificate();
          assertTrue(
              CommitCertificates.verify(
                      certificate,
                      cluster.chain,
                      deliver.height(),
                      deliver.blockHash(),
                      cluster.validators,
                      cluster.suite)
                  .accepted());
          assertTrue(certificate.getVotesCount() >= cluster.validators.quorum().commit());
        }
      }
    }
  }

  @Test
  void persistenceComesBeforeThePrePrepareItCovers() {
    Cluster cluster = new Cluster(4, FakeSuite.INSTANCE, 2, 2);
    Replica primary = Replica.create(cluster.config(0), cluster.signer(0));
    primary.step(new Event.Start());
    Ready asked = primary.step(new Event.TransactionsSubmitted(List.of(cluster.transaction())));
    Action.BuildProposal build =
        asked.actions().stream()
            .filter(Action.BuildProposal.class::isInstance)
            .map(Action.BuildProposal.class::cast)
            .findFirst()
            .orElseThrow();
    Executor executor =
        new Executor(
            cluster.suite,
            cluster.chain,
            cluster.genesisHash,
            Executor.genesisStateRoot(cluster.suite));
    Block block = executor.build(1, build.previousHash(), build.transactions(), 0, 0);
    List<Action> actions = primary.step(new Event.ProposalBuilt(0, 1, block)).actions();
    assertInstanceOf(Action.PersistBlock.class, actions.get(0));
    assertInstanceOf(Action.Persist.class, actions.get(1));
    Action.Broadcast prePrepare = assertInstanceOf(Action.Broadcast.class, actions.get(2));
    assertTrue(prePrepare.message().hasPrePrepare());
    PersistedState state = ((Action.Persist) actions.get(1)).state();
    assertEquals(1, state.getSlotsCount());
    assertEquals(
        prePrepare.message().getPrePrepare().getBlockHash(), state.getSlots(0).getAcceptedHash());
  }

  @Test
  void deliveriesComeBeforeTheStateThatDependsOnThem() {
    // One replica: the step that hands it its own block also prepares, commits and delivers it
    // (and at height 2 completes a checkpoint), so the order inside that one step is what matters.
    Cluster cluster = new Cluster(1, FakeSuite.INSTANCE, 2, 2);
    Replica replica = Replica.create(cluster.config(0), cluster.signer(0));
    replica.step(new Event.Start());
    Executor executor =
        new Executor(
            cluster.suite,
            cluster.chain,
            cluster.genesisHash,
            Executor.genesisStateRoot(cluster.suite));
    for (long height = 1; height <= 2; height++) {
      Ready asked = replica.step(new Event.TransactionsSubmitted(List.of(cluster.transaction())));
      Action.BuildProposal build =
          asked.actions().stream()
              .filter(Action.BuildProposal.class::isInstance)
              .map(Action.BuildProposal.class::cast)
              .findFirst()
              .orElseThrow();
      Block block = executor.build(height, build.previousHash(), build.transactions(), 0, 0);
      List<Action> actions = replica.step(new Event.ProposalBuilt(0, height, block)).actions();
      int deliver = indexOf(actions, Action.Deliver.class);
      int persist = indexOf(actions, Action.Persist.class);
      int firstSend = indexOf(actions, Action.Broadcast.class);
      assertTrue(indexOf(actions, Action.PersistBlock.class) < deliver);
      assertTrue(deliver < persist && persist < firstSend, actions.toString());
      Action.Deliver delivered = (Action.Deliver) actions.get(deliver);
      executor.apply(height, delivered.blockHash(), delivered.block(), delivered.certificate());
    }
    assertEquals(2, replica.stableCheckpoint(), "the second block completed a checkpoint");
  }

  private static int indexOf(List<Action> actions, Class<? extends Action> kind) {
    for (int i = 0; i < actions.size(); i++) {
      if (kind.isInstance(actions.get(i))) {
        return i;
      }
    }
    throw new AssertionError("no " + kind.getSimpleName() + " in " + actions);
  }

  @Test
  void badMessagesAreRefusedAndChangeNothing() {
    Cluster cluster = new Cluster(4, FakeSuite.INSTANCE, 2, 2);
    Replica replica = Replica.create(cluster.config(1), cluster.signer(1));
    replica.step(new Event.Start());
    Hash hash = cluster.suite.hash(new byte[] {9});
    Statements statements = new Statements(cluster.chain, cluster.suite);
    Prepare good =
        Prepare.newBuilder()
            .setView(0)
            .setSequence(1)
            .setBlockHash(hash.toByteString())
            .setReplica(2)
            .setSignature(cluster.signer(2).sign(statements.prepare(0, 1, hash, 2)).toByteString())
            .build();
    PbftMessage.Builder envelope = PbftMessage.newBuilder().setChainId(cluster.chain.value());
    assertRefused(
        replica,
        2,
        envelope.clone().setChainId("other-chain").setPrepare(good).build(),
        Refusal.WRONG_CHAIN);
    assertRefused(replica, 3, envelope.clone().setPrepare(good).build(), Refusal.SENDER_MISMATCH);
    assertRefused(
        replica,
        2,
        envelope
            .clone()
            .setPrepare(good.toBuilder().setSignature(ByteString.copyFrom(new byte[16])))
            .build(),
        Refusal.BAD_SIGNATURE);
    assertRefused(
        replica,
        2,
        envelope.clone().setPrepare(good.toBuilder().setView(PbftConfig.VIEW_MAX)).build(),
        Refusal.VIEW_TOO_HIGH);
    assertRefused(
        replica,
        2,
        envelope
            .clone()
            .setPrepare(good.toBuilder().setBlockHash(ByteString.copyFrom(new byte[5])))
            .build(),
        Refusal.MALFORMED);
    PbftMessage huge =
        envelope
            .clone()
            .setBlockReply(
                org.govchain.pbft.proto.BlockReply.newBuilder()
                    .setBlock(
                        Block.newBuilder()
                            .addTransactions(
                                org.govchain.core.proto.Transaction.newBuilder()
                                    .setBody(ByteString.copyFrom(new byte[5 * 1024 * 1024])))))
            .build();
    assertRefused(replica, 2, huge, Refusal.OVERSIZED);
    assertEquals(0, replica.logSize());
    assertEquals(0, replica.view());
  }

  private static void assertRefused(
      Replica replica, int sender, PbftMessage message, Refusal reason) {
    long before = replica.refusals().getOrDefault(reason, 0L);
    Ready ready = replica.step(new Event.MessageReceived(sender, message));
    assertTrue(ready.isEmpty(), "a refused message causes no action");
    assertEquals(before + 1, replica.refusals().getOrDefault(reason, 0L), reason.name());
  }

  @Test
  void oneReplicaAskingForAnAbsurdViewMovesNoOne() {
    Cluster cluster = new Cluster(4, FakeSuite.INSTANCE, 2, 2);
    Replica replica = Replica.create(cluster.config(1), cluster.signer(1));
    replica.step(new Event.Start());
    replica.step(new Event.MessageReceived(3, hugeViewChange(cluster, 3, 1L << 40)));
    assertEquals(0, replica.view());
    assertTrue(replica.viewActive());
    // f+1 = 2 replicas ask: one of them is honest, so the replica follows (to the lower view).
    replica.step(new Event.MessageReceived(2, hugeViewChange(cluster, 2, 1L << 41)));
    assertEquals(1L << 40, replica.view());
    assertFalse(replica.viewActive());
    Ready ready =
        replica.step(new Event.MessageReceived(3, hugeViewChange(cluster, 3, PbftConfig.VIEW_MAX)));
    assertTrue(ready.isEmpty());
    assertEquals(1L, replica.refusals().get(Refusal.VIEW_TOO_HIGH));
  }

  private static PbftMessage hugeViewChange(Cluster cluster, int sender, long view) {
    ViewChange unsigned =
        ViewChange.newBuilder()
            .setNewView(view)
            .setCheckpoint(
                CheckpointProof.newBuilder().setBlockHash(cluster.genesisHash.toByteString()))
            .setReplica(sender)
            .build();
    byte[] preimage = new Statements(cluster.chain, cluster.suite).viewChange(unsigned);
    return PbftMessage.newBuilder()
        .setChainId(cluster.chain.value())
        .setViewChange(
            unsigned.toBuilder().setSignature(cluster.signer(sender).sign(preimage).toByteString()))
        .build();
  }

  @Test
  void messagesForFutureViewsAreBufferedWithinAPerSenderBound() {
    Cluster cluster = new Cluster(4, FakeSuite.INSTANCE, 2, 2);
    Replica replica = Replica.create(cluster.config(1), cluster.signer(1));
    replica.step(new Event.Start());
    Statements statements = new Statements(cluster.chain, cluster.suite);
    for (int i = 0; i < 1_000; i++) {
      Hash hash = cluster.suite.hash(new byte[] {(byte) i, (byte) (i >> 8)});
      Prepare prepare =
          Prepare.newBuilder()
              .setView(5 + 4L * i)
              .setSequence(1)
              .setBlockHash(hash.toByteString())
              .setReplica(3)
              .setSignature(
                  cluster.signer(3).sign(statements.prepare(5 + 4L * i, 1, hash, 3)).toByteString())
              .build();
      replica.step(
          new Event.MessageReceived(
              3,
              PbftMessage.newBuilder()
                  .setChainId(cluster.chain.value())
                  .setPrepare(prepare)
                  .build()));
    }
    assertEquals(64, replica.futureMessages());
    assertEquals(1_000 - 64, replica.refusals().get(Refusal.FUTURE_BUFFER_FULL));
  }

  @Test
  void restoreRefusesTheStateOfAnotherChain() {
    Cluster cluster = new Cluster(4, FakeSuite.INSTANCE, 2, 2);
    PersistedState foreign =
        PersistedState.newBuilder()
            .setChainId("other-chain")
            .setViewActive(true)
            .setStableCheckpoint(
                CheckpointProof.newBuilder().setBlockHash(cluster.genesisHash.toByteString()))
            .build();
    assertThrows(
        MalformedInputException.class,
        () ->
            Replica.restore(
                cluster.config(1), cluster.signer(1), foreign, List.of(), 0, cluster.genesisHash));
    assertThrows(MalformedInputException.class, () -> PbftMessages.decodeState(new byte[] {8, 0}));
  }
}
