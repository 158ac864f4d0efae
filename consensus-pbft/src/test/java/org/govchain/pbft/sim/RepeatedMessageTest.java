package org.govchain.pbft.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.govchain.core.chain.CertificateCheck;
import org.govchain.core.crypto.Hash;
import org.govchain.core.crypto.Signature;
import org.govchain.core.proto.CommitCertificate;
import org.govchain.pbft.Action;
import org.govchain.pbft.Event;
import org.govchain.pbft.Refusal;
import org.govchain.pbft.Replica;
import org.govchain.pbft.Signer;
import org.govchain.pbft.proto.PbftMessage;
import org.junit.jupiter.api.Test;

/**
 * Retransmitted copies of messages a replica already holds (the same signed statement) are refused
 * as duplicates without checking their signature again; any other message is still checked.
 */
class RepeatedMessageTest {
  /** Counts the signature checks of the signer it wraps. */
  private static final class CountingSigner implements Signer {
    final Signer inner;
    final AtomicInteger verifications = new AtomicInteger();

    CountingSigner(Signer inner) {
      this.inner = inner;
    }

    @Override
    public Signature sign(byte[] preimage) {
      return inner.sign(preimage);
    }

    @Override
    public boolean verify(int replica, byte[] preimage, Signature signature) {
      verifications.incrementAndGet();
      return inner.verify(replica, preimage, signature);
    }

    @Override
    public CertificateCheck verifyCertificate(
        CommitCertificate certificate, long height, Hash blockHash) {
      return inner.verifyCertificate(certificate, height, blockHash);
    }
  }

  @Test
  void aRepeatedPrePrepareOrVoteIsRefusedWithoutASecondSignatureCheck() {
    Cluster cluster = new Cluster(4, FakeSuite.INSTANCE, 10, 1);
    // No commit reaches anyone: height 1 stays live, its messages are all sent once.
    cluster.dropWhere(packet -> packet.message().hasCommit());
    cluster.startAll();
    cluster.submitToAll(cluster.transaction());
    cluster.settle(100_000);
    PbftMessage prePrepare = first(cluster.sentBy(0), PbftMessage::hasPrePrepare);
    PbftMessage prepare = first(cluster.sentBy(2), PbftMessage::hasPrepare);
    PbftMessage commit = first(cluster.sentBy(2), PbftMessage::hasCommit);

    CountingSigner signer = new CountingSigner(cluster.signer(1));
    Replica replica = Replica.create(cluster.config(1), signer);
    replica.step(new Event.Start());
    Action.ValidateBlock validate =
        replica.step(new Event.MessageReceived(0, prePrepare)).actions().stream()
            .filter(Action.ValidateBlock.class::isInstance)
            .map(Action.ValidateBlock.class::cast)
            .findFirst()
            .orElseThrow();
    replica.step(new Event.BlockValidated(1, validate.blockHash(), true, ""));
    assertEquals(1, signer.verifications.get());

    assertDuplicateWithoutCheck(replica, signer, 0, prePrepare);
    replica.step(new Event.MessageReceived(2, prepare));
    assertEquals(2, signer.verifications.get());
    assertDuplicateWithoutCheck(replica, signer, 2, prepare);
    replica.step(new Event.MessageReceived(2, commit));
    assertEquals(3, signer.verifications.get());
    assertDuplicateWithoutCheck(replica, signer, 2, commit);

    // The same vote with other signature bytes is not a copy: it is checked, and refused.
    PbftMessage forged =
        commit.toBuilder()
            .setCommit(
                commit.getCommit().toBuilder()
                    .setSignature(flipLastByte(commit.getCommit().getSignature())))
            .build();
    long badBefore = replica.refusals().getOrDefault(Refusal.BAD_SIGNATURE, 0L);
    replica.step(new Event.MessageReceived(2, forged));
    assertEquals(4, signer.verifications.get());
    assertEquals(badBefore + 1, replica.refusals().getOrDefault(Refusal.BAD_SIGNATURE, 0L));
  }

  private static void assertDuplicateWithoutCheck(
      Replica replica, CountingSigner signer, int sender, PbftMessage message) {
    int checks = signer.verifications.get();
    long duplicates = replica.refusals().getOrDefault(Refusal.DUPLICATE, 0L);
    assertTrue(replica.step(new Event.MessageReceived(sender, message)).isEmpty());
    assertEquals(checks, signer.verifications.get(), "no second signature check");
    assertEquals(duplicates + 1, replica.refusals().getOrDefault(Refusal.DUPLICATE, 0L));
  }

  private static PbftMessage first(List<PbftMessage> messages, Predicate<PbftMessage> kind) {
    return messages.stream().filter(kind).findFirst().orElseThrow();
  }

  private static ByteString flipLastByte(ByteString bytes) {
    byte[] copy = bytes.toByteArray();
    copy[copy.length - 1] ^= 1;
    return ByteString.copyFrom(copy);
  }
}
