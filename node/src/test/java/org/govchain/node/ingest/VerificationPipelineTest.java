package org.govchain.node.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.govchain.core.chain.ChainId;
import org.govchain.core.chain.DecodedTransaction;
import org.govchain.core.chain.Transactions;
import org.govchain.core.codec.Canonical;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.crypto.KeyPair;
import org.govchain.core.proto.Transaction;
import org.govchain.core.proto.TransactionBody;
import org.govchain.node.ingest.IngestOutcome.Reason;
import org.govchain.node.ingest.IngestOutcome.Refused;
import org.govchain.node.ingest.IngestOutcome.Verified;
import org.junit.jupiter.api.Test;

class VerificationPipelineTest {
  private static final ChainId LICENSE = new ChainId("haidian-license");
  private static final CryptoSuite SUITE = CryptoSuite.sm();
  private static final KeyPair SUBMITTER = SUITE.generateKeyPair(new SecureRandom());

  private static ChainRules rules(ChainId chain, String forbiddenType) {
    return new ChainRules() {
      @Override
      public ChainId chainId() {
        return chain;
      }

      @Override
      public CryptoSuite suite() {
        return SUITE;
      }

      @Override
      public int maxTransactionBytes() {
        return 4096;
      }

      @Override
      public String statelessProblem(DecodedTransaction transaction) {
        return transaction.type().equals(forbiddenType) ? "type not allowed" : null;
      }
    };
  }

  private static Transaction signed(String chain, String type, long nonce) {
    TransactionBody body =
        TransactionBody.newBuilder()
            .setChainId(chain)
            .setType(type)
            .setPayload(ByteString.copyFromUtf8("payload"))
            .setSubmitter(SUBMITTER.publicKey().toByteString())
            .setNonce(nonce)
            .setTimestampMillis(1)
            .build();
    return Transactions.sign(SUITE, SUBMITTER.privateKey(), body);
  }

  private static IngestOutcome await(CompletableFuture<IngestOutcome> future) throws Exception {
    return future.get(30, TimeUnit.SECONDS);
  }

  private static VerificationPipeline pipeline(PipelineLimits limits) {
    return new VerificationPipeline(List.of(rules(LICENSE, "license.forbidden")), limits);
  }

  @Test
  void transactionsOfOneSubmitterShareOneDecodedKeySoItsPrecomputationIsReused() throws Exception {
    try (VerificationPipeline pipeline = pipeline(PipelineLimits.defaults())) {
      Verified first =
          (Verified)
              await(
                  pipeline.submit(
                      LICENSE, Canonical.encodeToByteString(signed(LICENSE.value(), "a.b", 1))));
      Verified second =
          (Verified)
              pipeline.verifyNow(
                  LICENSE, Canonical.encodeToByteString(signed(LICENSE.value(), "a.b", 2)));

      assertEquals(SUBMITTER.publicKey(), first.transaction().submitter());
      assertSame(first.transaction().submitter(), second.transaction().submitter());
    }
  }

  @Test
  void aCommittedTransactionIsTakenDecodedOnceAndOnlyIfItVerified() throws Exception {
    try (VerificationPipeline pipeline = pipeline(PipelineLimits.defaults())) {
      ByteString good = Canonical.encodeToByteString(signed(LICENSE.value(), "a.b", 1));
      ByteString forbidden =
          Canonical.encodeToByteString(signed(LICENSE.value(), "license.forbidden", 2));
      assertNull(pipeline.takeCommitted(LICENSE, good));
      pipeline.verifyNow(LICENSE, good);
      pipeline.verifyNow(LICENSE, forbidden);
      long verifications = pipeline.verifications();

      assertEquals(1, pipeline.takeCommitted(LICENSE, good).nonce());
      assertNull(pipeline.takeCommitted(LICENSE, good));
      assertNull(pipeline.takeCommitted(LICENSE, forbidden));
      assertEquals(verifications, pipeline.verifications());
    }
  }

  @Test
  void aTransactionBackAfterItsCommitIsDecodedAgainButNotVerifiedAgain() throws Exception {
    try (VerificationPipeline pipeline = pipeline(PipelineLimits.defaults())) {
      ByteString good = Canonical.encodeToByteString(signed(LICENSE.value(), "a.b", 3));
      assertInstanceOf(Verified.class, await(pipeline.submit(LICENSE, good)));
      pipeline.takeCommitted(LICENSE, good);

      Verified again = assertInstanceOf(Verified.class, await(pipeline.submit(LICENSE, good)));
      assertEquals(3, again.transaction().nonce());
      assertInstanceOf(Verified.class, pipeline.verifyNow(LICENSE, good));
      assertEquals(1, pipeline.verifications());
    }
  }

  @Test
  void aBadSignatureForgottenWholeIsStillNotVerifiedAgain() throws Exception {
    try (VerificationPipeline pipeline =
        new VerificationPipeline(
            List.of(rules(LICENSE, "license.forbidden")), new PipelineLimits(100, 8, 10, 1), 2)) {
      Transaction genuine = signed(LICENSE.value(), "license.issue", 4);
      byte[] signature = genuine.getSignature().toByteArray();
      signature[12] ^= 1;
      ByteString forged =
          Canonical.encodeToByteString(
              genuine.toBuilder().setSignature(ByteString.copyFrom(signature)).build());
      ByteString other = Canonical.encodeToByteString(signed(LICENSE.value(), "a.b", 5));
      assertEquals(Reason.BAD_SIGNATURE, reason(pipeline.verifyNow(LICENSE, forged)));
      // The whole-outcome memory holds two: these push the forged one's out.
      pipeline.verifyNow(LICENSE, other);
      pipeline.verifyNow(LICENSE, Canonical.encodeToByteString(signed(LICENSE.value(), "a.b", 6)));
      long verifications = pipeline.verifications();

      // Its verdict is one of the ten kept.
      assertEquals(Reason.BAD_SIGNATURE, reason(pipeline.verifyNow(LICENSE, forged)));
      assertEquals(verifications, pipeline.verifications());
    }
  }

  @Test
  void eachRefusalReasonAndTheGoodCase() throws Exception {
    try (VerificationPipeline pipeline = pipeline(PipelineLimits.defaults())) {
      Transaction good = signed(LICENSE.value(), "license.issue", 1);
      assertInstanceOf(
          Verified.class, await(pipeline.submit(LICENSE, Canonical.encodeToByteString(good))));

      Transaction otherChain = signed("haidian-consent", "consent.grant", 1);
      assertEquals(
          Reason.WRONG_CHAIN,
          reason(await(pipeline.submit(LICENSE, Canonical.encodeToByteString(otherChain)))));

      assertEquals(
          Reason.UNKNOWN_CHAIN,
          reason(
              await(
                  pipeline.submit(
                      new ChainId("haidian-consent"), Canonical.encodeToByteString(good)))));

      byte[] signature = good.getSignature().toByteArray();
      signature[signature.length - 1] ^= 1;
      Transaction forged = good.toBuilder().setSignature(ByteString.copyFrom(signature)).build();
      assertEquals(
          Reason.BAD_SIGNATURE,
          reason(await(pipeline.submit(LICENSE, Canonical.encodeToByteString(forged)))));

      assertEquals(
          Reason.MALFORMED,
          reason(await(pipeline.submit(LICENSE, ByteString.copyFromUtf8("garbage")))));
      assertEquals(
          Reason.MALFORMED,
          reason(await(pipeline.submit(LICENSE, ByteString.copyFrom(new byte[5000])))),
          "over the chain's size limit");
      Transaction forbidden = signed(LICENSE.value(), "license.forbidden", 2);
      assertEquals(
          Reason.MALFORMED,
          reason(await(pipeline.submit(LICENSE, Canonical.encodeToByteString(forbidden)))));
    }
  }

  @Test
  void aTransactionOfADecodedBlockIsCheckedInFullButNotRemembered() throws Exception {
    try (VerificationPipeline pipeline = pipeline(PipelineLimits.defaults())) {
      Transaction good = signed(LICENSE.value(), "license.issue", 11);
      Verified verified =
          assertInstanceOf(Verified.class, await(pipeline.submitUnremembered(LICENSE, good)));
      assertSame(good, verified.transaction().transaction(), "the block's own object, decoded");
      assertEquals(Transactions.id(SUITE, good.getBody()), verified.transaction().id());
      assertNull(
          pipeline.takeCommitted(LICENSE, Canonical.encodeToByteString(good)),
          "the caller keeps the outcome");
      assertInstanceOf(Verified.class, await(pipeline.submitUnremembered(LICENSE, good)));
      assertEquals(2, pipeline.verifications(), "nothing remembered, so nothing shared either");
      assertEquals(0, pipeline.cacheHits());

      byte[] signature = good.getSignature().toByteArray();
      signature[signature.length - 1] ^= 1;
      Transaction forged = good.toBuilder().setSignature(ByteString.copyFrom(signature)).build();
      assertEquals(
          Reason.BAD_SIGNATURE, reason(await(pipeline.submitUnremembered(LICENSE, forged))));
      Transaction forbidden = signed(LICENSE.value(), "license.forbidden", 12);
      assertEquals(
          Reason.MALFORMED, reason(await(pipeline.submitUnremembered(LICENSE, forbidden))));
      assertEquals(
          Reason.WRONG_CHAIN,
          reason(
              await(
                  pipeline.submitUnremembered(
                      LICENSE, signed("haidian-consent", "consent.grant", 1)))));
      Transaction oversized =
          good.toBuilder().setSignature(ByteString.copyFrom(new byte[5000])).build();
      assertEquals(
          Reason.MALFORMED, reason(await(pipeline.submitUnremembered(LICENSE, oversized))));
      assertEquals(
          Reason.UNKNOWN_CHAIN,
          reason(await(pipeline.submitUnremembered(new ChainId("haidian-consent"), good))));
    }
  }

  @Test
  void aTransactionSubmittedManyTimesIsVerifiedOnce() throws Exception {
    try (VerificationPipeline pipeline = pipeline(PipelineLimits.defaults())) {
      ByteString bytes = Canonical.encodeToByteString(signed(LICENSE.value(), "license.issue", 7));
      List<CompletableFuture<IngestOutcome>> results = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        results.add(pipeline.submit(LICENSE, bytes));
      }
      for (CompletableFuture<IngestOutcome> result : results) {
        assertInstanceOf(Verified.class, await(result));
      }
      assertEquals(1, pipeline.verifications());
      assertEquals(49, pipeline.cacheHits());
    }
  }

  @Test
  void aForgedCopyOfAValidBodyDoesNotPoisonTheGenuineOne() throws Exception {
    try (VerificationPipeline pipeline = pipeline(PipelineLimits.defaults())) {
      Transaction genuine = signed(LICENSE.value(), "license.issue", 9);
      byte[] signature = genuine.getSignature().toByteArray();
      signature[10] ^= 1;
      Transaction forged = genuine.toBuilder().setSignature(ByteString.copyFrom(signature)).build();
      assertEquals(
          Reason.BAD_SIGNATURE,
          reason(await(pipeline.submit(LICENSE, Canonical.encodeToByteString(forged)))));
      assertInstanceOf(
          Verified.class, await(pipeline.submit(LICENSE, Canonical.encodeToByteString(genuine))));
    }
  }

  @Test
  void aFullQueueRefusesAtOnceInsteadOfGrowing() throws Exception {
    CountDownLatch workerHeld = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ChainRules blocking =
        new ForwardingRules(rules(LICENSE, "none")) {
          @Override
          public String statelessProblem(DecodedTransaction transaction) {
            workerHeld.countDown();
            awaitQuietly(release);
            return null;
          }
        };
    try (VerificationPipeline pipeline =
        new VerificationPipeline(List.of(blocking), new PipelineLimits(1, 1, 10, 1))) {
      CompletableFuture<IngestOutcome> first = pipeline.submit(LICENSE, encoded(1));
      assertTrue(workerHeld.await(30, TimeUnit.SECONDS), "the only worker took the first job");
      CompletableFuture<IngestOutcome> queued = pipeline.submit(LICENSE, encoded(2));
      assertEquals(1, pipeline.queueDepth());
      IngestOutcome refused = await(pipeline.submit(LICENSE, encoded(3)));
      assertEquals(Reason.BUSY, reason(refused));
      assertTrue(((Refused) refused).detail().contains("queue is full"));
      release.countDown();
      assertInstanceOf(Verified.class, await(first));
      assertInstanceOf(Verified.class, await(queued));
      assertInstanceOf(
          Verified.class, await(pipeline.submit(LICENSE, encoded(3))), "BUSY is not cached");
    }
  }

  @Test
  void closingRefusesNewWork() throws Exception {
    VerificationPipeline pipeline = pipeline(PipelineLimits.defaults());
    pipeline.close();
    IngestOutcome outcome = await(pipeline.submit(LICENSE, encoded(1)));
    assertEquals(Reason.BUSY, reason(outcome));
    assertTrue(((Refused) outcome).detail().contains("shutting down"));
    Transaction transaction = signed(LICENSE.value(), "license.issue", 2);
    assertEquals(Reason.BUSY, reason(await(pipeline.submitUnremembered(LICENSE, transaction))));
  }

  private static ByteString encoded(long nonce) {
    return Canonical.encodeToByteString(signed(LICENSE.value(), "license.issue", nonce));
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Delegates everything; tests override one method. */
  private static class ForwardingRules implements ChainRules {
    private final ChainRules delegate;

    ForwardingRules(ChainRules delegate) {
      this.delegate = delegate;
    }

    @Override
    public ChainId chainId() {
      return delegate.chainId();
    }

    @Override
    public CryptoSuite suite() {
      return delegate.suite();
    }

    @Override
    public int maxTransactionBytes() {
      return delegate.maxTransactionBytes();
    }

    @Override
    public String statelessProblem(DecodedTransaction transaction) {
      return delegate.statelessProblem(transaction);
    }
  }

  private static Reason reason(IngestOutcome outcome) {
    assertInstanceOf(Refused.class, outcome, outcome.toString());
    return ((Refused) outcome).reason();
  }
}
