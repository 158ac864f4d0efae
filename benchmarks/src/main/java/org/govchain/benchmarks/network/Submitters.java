package org.govchain.benchmarks.network;

import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.govchain.api.v1.SubmitRequest;
import org.govchain.api.v1.SubmitResponse;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.crypto.KeyPair;
import org.govchain.core.crypto.PrivateKey;
import org.govchain.core.proto.Transaction;
import org.govchain.node.client.Workload;
import org.govchain.subchains.ChainKind;
import org.govchain.subchains.dataset.DataSet;
import org.govchain.subchains.identity.IdentityLedger;
import org.govchain.subchains.proto.AssuranceLevel;
import org.govchain.subchains.proto.RecordVerification;
import org.govchain.subchains.proto.RegisterTerminal;
import org.govchain.subchains.proto.TerminalKind;
import org.govchain.subchains.proto.VerificationMethod;
import org.govchain.subchains.proto.VerificationResult;

/**
 * The load's submitters: terminals with fresh keys, registered on the identity chain by the
 * departments that operate them, each bound to one node, and the {@code
 * identity.record_verification} transactions they sign (one envelope signature each).
 */
final class Submitters {
  private final Workload workload;
  private final List<Submitter> all;
  private final AtomicLong subjects = new AtomicLong();

  private Submitters(Workload workload, List<Submitter> all) {
    this.workload = workload;
    this.all = List.copyOf(all);
  }

  /** {@code count} submitters with fresh keys, spread round-robin over {@code nodes} nodes. */
  static Submitters create(Workload workload, int count, int nodes) {
    SecureRandom random = new SecureRandom();
    long firstNonce = System.currentTimeMillis() * 1000;
    List<Submitter> all = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      KeyPair pair = workload.suite().generateKeyPair(random);
      all.add(
          new Submitter(String.format("load-%05d", i), pair.privateKey(), i % nodes, firstNonce));
    }
    return new Submitters(workload, all);
  }

  List<Submitter> all() {
    return all;
  }

  /**
   * Registers every submitter as a kiosk terminal: each department registers the terminals it
   * operates, one registration per department at a time (its nonces must reach the primary in
   * order), all departments in parallel, waiting for each round's commits.
   */
  void register(LoadNetwork network, String chainId) throws IOException, InterruptedException {
    List<DataSet.Department> departments = workload.data().departments();
    List<PrivateKey> keys = new ArrayList<>();
    for (DataSet.Department department : departments) {
      keys.add(workload.department(department.nodeId()));
    }
    for (int start = 0; start < all.size(); start += departments.size()) {
      List<CompletableFuture<SubmitResponse>> round = new ArrayList<>();
      for (int d = 0; d < departments.size() && start + d < all.size(); d++) {
        Submitter submitter = all.get(start + d);
        Transaction registration =
            workload.transaction(
                ChainKind.IDENTITY,
                IdentityLedger.REGISTER_TERMINAL,
                RegisterTerminal.newBuilder()
                    .setTerminalId(submitter.terminalId())
                    .setKind(TerminalKind.KIOSK)
                    .setOperatorCode(departments.get(d).code())
                    .setPublicKey(submitter.key().publicKey().toByteString())
                    .setLocation("load harness")
                    .build(),
                keys.get(d));
        round.add(submit(network, d % network.nodeIds().size(), chainId, registration));
      }
      for (CompletableFuture<SubmitResponse> registered : round) {
        try {
          SubmitResponse response = registered.get(60, TimeUnit.SECONDS);
          if (response.getState() != SubmitResponse.State.COMMITTED) {
            throw new IOException("a terminal registration did not commit: " + response);
          }
        } catch (java.util.concurrent.ExecutionException
            | java.util.concurrent.TimeoutException e) {
          throw new IOException("a terminal registration failed: " + e.getMessage(), e);
        }
      }
    }
  }

  private static CompletableFuture<SubmitResponse> submit(
      LoadNetwork network, int node, String chainId, Transaction transaction) {
    CompletableFuture<SubmitResponse> result = new CompletableFuture<>();
    network
        .asyncApi(node)
        .withDeadlineAfter(60, TimeUnit.SECONDS)
        .submit(
            SubmitRequest.newBuilder()
                .setChainId(chainId)
                .setTransaction(transaction)
                .setWaitForCommit(true)
                .build(),
            new StreamObserver<>() {
              @Override
              public void onNext(SubmitResponse response) {
                result.complete(response);
              }

              @Override
              public void onError(Throwable failure) {
                result.completeExceptionally(failure);
              }

              @Override
              public void onCompleted() {
                result.completeExceptionally(new IOException("no response"));
              }
            });
    return result;
  }

  /** Signs transactions until every submitter holds at least {@code perSubmitter}, on all cores. */
  void presign(int perSubmitter) {
    all.parallelStream()
        .forEach(
            submitter -> {
              while (submitter.signedCount() < perSubmitter) {
                submitter.addSigned(sign(submitter));
              }
            });
  }

  /** A fresh verification record of a (random) citizen by {@code submitter}, signed now. */
  Transaction sign(Submitter submitter) {
    long now = System.currentTimeMillis();
    byte[] seed =
        ("load subject " + subjects.incrementAndGet())
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return workload.transaction(
        ChainKind.IDENTITY,
        IdentityLedger.RECORD_VERIFICATION,
        RecordVerification.newBuilder()
            .setSubject(workload.suite().hash(seed).toByteString())
            .setMethod(VerificationMethod.ID_CARD_AND_FACE)
            .setAssurance(AssuranceLevel.HIGH)
            .setVerifiedAtMillis(now)
            .setResult(VerificationResult.PASSED)
            .build(),
        submitter.key(),
        submitter.nextNonce());
  }

  CryptoSuite suite() {
    return workload.suite();
  }
}
