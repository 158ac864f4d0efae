package org.govchain.node.mempool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.govchain.core.MalformedInputException;
import org.govchain.core.chain.DecodedTransaction;
import org.govchain.core.chain.Transactions;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.crypto.KeyPair;
import org.govchain.core.proto.TransactionBody;
import org.junit.jupiter.api.Test;

class MempoolTest {
  private static final CryptoSuite SUITE = CryptoSuite.intl();
  private static final SecureRandom RANDOM = new SecureRandom();

  private static DecodedTransaction tx(KeyPair submitter, long nonce, int payloadBytes) {
    TransactionBody body =
        TransactionBody.newBuilder()
            .setChainId("haidian-license")
            .setType("license.issue")
            .setPayload(ByteString.copyFrom(new byte[payloadBytes]))
            .setSubmitter(submitter.publicKey().toByteString())
            .setNonce(nonce)
            .setTimestampMillis(1)
            .build();
    try {
      return Transactions.decode(SUITE, Transactions.sign(SUITE, submitter.privateKey(), body));
    } catch (MalformedInputException e) {
      throw new AssertionError(e);
    }
  }

  private static KeyPair key() {
    return SUITE.generateKeyPair(RANDOM);
  }

  @Test
  void duplicatesAreRecognisedNotCountedTwice() {
    Mempool mempool = new Mempool(MempoolLimits.defaults());
    DecodedTransaction t = tx(key(), 1, 10);
    assertEquals(Admission.ADDED, mempool.add(t));
    assertEquals(Admission.DUPLICATE, mempool.add(t));
    assertEquals(1, mempool.size());
  }

  @Test
  void boundsInCountBytesAndPerSubmitterAreEnforcedWithoutSideEffects() {
    Mempool mempool = new Mempool(new MempoolLimits(3, 10_000, 2, 2_000));
    KeyPair a = key();
    assertEquals(Admission.ADDED, mempool.add(tx(a, 1, 10)));
    assertEquals(Admission.ADDED, mempool.add(tx(a, 2, 10)));
    assertEquals(Admission.SUBMITTER_QUOTA, mempool.add(tx(a, 3, 10)));
    assertEquals(Admission.ADDED, mempool.add(tx(key(), 1, 10)));
    long bytesBefore = mempool.bytes();
    assertEquals(Admission.FULL, mempool.add(tx(key(), 1, 10)));
    assertEquals(
        Admission.TOO_LARGE, new Mempool(new MempoolLimits(3, 10_000, 2, 100)).add(tx(a, 9, 500)));
    assertEquals(3, mempool.size());
    assertEquals(bytesBefore, mempool.bytes());

    Mempool small = new Mempool(new MempoolLimits(100, 1_000, 100, 1_000));
    assertEquals(Admission.ADDED, small.add(tx(key(), 1, 600)));
    assertEquals(Admission.FULL, small.add(tx(key(), 1, 600)), "bytes bound");
  }

  @Test
  void nonceReuseAndStaleNoncesAreRefused() {
    Mempool mempool = new Mempool(MempoolLimits.defaults());
    KeyPair a = key();
    assertEquals(Admission.ADDED, mempool.add(tx(a, 5, 10)));
    assertEquals(Admission.NONCE_IN_USE, mempool.add(tx(a, 5, 11)));
    DecodedTransaction six = tx(a, 6, 10);
    assertEquals(Admission.ADDED, mempool.add(six));
    mempool.removeCommitted(List.of(six));
    assertEquals(0, mempool.size(), "nonce 5 can no longer commit after 6 did");
    assertEquals(Admission.STALE_NONCE, mempool.add(tx(a, 4, 10)));
    assertEquals(Admission.ADDED, mempool.add(tx(a, 7, 10)));
  }

  @Test
  void batchesServeSubmittersInTurnSoAFloodDelaysOnlyItsSender() {
    Mempool mempool = new Mempool(MempoolLimits.defaults());
    KeyPair flooder = key();
    for (int nonce = 1; nonce <= 500; nonce++) {
      mempool.add(tx(flooder, nonce, 10));
    }
    List<KeyPair> others = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      KeyPair other = key();
      others.add(other);
      mempool.add(tx(other, 1, 10));
    }
    List<DecodedTransaction> batch = mempool.nextBatch(10, Long.MAX_VALUE);
    assertEquals(10, batch.size());
    for (KeyPair other : others) {
      assertTrue(
          batch.stream().anyMatch(t -> t.submitter().equals(other.publicKey())),
          "every quiet submitter is in the first batch");
    }
    long flooderCount =
        batch.stream().filter(t -> t.submitter().equals(flooder.publicKey())).count();
    assertEquals(5, flooderCount);
  }

  @Test
  void aSubmittersTransactionsComeInNonceOrderAndStayUntilCommitted() {
    Mempool mempool = new Mempool(MempoolLimits.defaults());
    KeyPair a = key();
    mempool.add(tx(a, 3, 10));
    mempool.add(tx(a, 1, 10));
    mempool.add(tx(a, 2, 10));
    List<DecodedTransaction> batch = mempool.nextBatch(10, Long.MAX_VALUE);
    assertEquals(List.of(1L, 2L, 3L), batch.stream().map(DecodedTransaction::nonce).toList());
    assertEquals(3, mempool.size(), "a batch is not a removal");
    mempool.removeCommitted(batch.subList(0, 2));
    assertEquals(1, mempool.size());
    assertFalse(mempool.contains(batch.get(0).id()));
    assertTrue(mempool.contains(batch.get(2).id()));
  }

  @Test
  void batchRespectsByteLimitYetKeepsServingOthers() {
    Mempool mempool = new Mempool(MempoolLimits.defaults());
    KeyPair big = key();
    KeyPair small = key();
    mempool.add(tx(big, 1, 5_000));
    mempool.add(tx(small, 1, 10));
    List<DecodedTransaction> batch = mempool.nextBatch(10, 1_000);
    assertEquals(1, batch.size());
    assertEquals(small.publicKey(), batch.get(0).submitter());
  }

  @Test
  void randomOperationsKeepCountsConsistentWithANaiveModel() {
    java.util.Random random = new java.util.Random(11);
    Mempool mempool = new Mempool(new MempoolLimits(200, 1_000_000, 20, 10_000));
    List<KeyPair> keys = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      keys.add(key());
    }
    java.util.Map<org.govchain.core.crypto.Hash, DecodedTransaction> model =
        new java.util.HashMap<>();
    for (int step = 0; step < 2_000; step++) {
      if (random.nextInt(4) > 0) {
        DecodedTransaction t =
            tx(keys.get(random.nextInt(keys.size())), 1 + random.nextInt(40), random.nextInt(50));
        if (mempool.add(t) == Admission.ADDED) {
          model.put(t.id(), t);
        }
      } else {
        List<DecodedTransaction> batch = mempool.nextBatch(1 + random.nextInt(10), Long.MAX_VALUE);
        mempool.removeCommitted(batch);
        model.keySet().removeIf(id -> !mempool.contains(id));
      }
      assertEquals(model.size(), mempool.size());
      assertEquals(
          model.values().stream().mapToLong(t -> t.transaction().getSerializedSize()).sum(),
          mempool.bytes());
    }
  }
}
