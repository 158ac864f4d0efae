package org.govchain.pbft.sim;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.govchain.core.chain.Blocks;
import org.govchain.core.chain.CertificateCheck;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.crypto.Hash;
import org.govchain.core.proto.Block;
import org.govchain.core.proto.CommitCertificate;
import org.govchain.pbft.Signer;
import org.govchain.pbft.proto.PbftMessage;

/**
 * The invariants checked at every step of a run: agreement (no two honest replicas commit different
 * blocks at one height), validity (a committed block was proposed by some replica and carries a
 * commit certificate that node-core's verifier accepts), and no honest replica signing two
 * different blocks for one (view, sequence, phase) or one checkpoint, across its restarts.
 */
final class Checker {
  private final CryptoSuite suite;
  private final Signer verifier;
  private final TreeMap<Long, Hash> committed = new TreeMap<>();
  private final Set<Hash> proposed = new HashSet<>();
  private final Map<String, Hash> signed = new HashMap<>();
  private long checks;

  Checker(CryptoSuite suite, Signer verifier) {
    this.suite = suite;
    this.verifier = verifier;
  }

  void proposed(Hash blockHash) {
    proposed.add(blockHash);
  }

  void delivered(int replica, long height, Hash hash, Block block, CommitCertificate certificate) {
    checks++;
    if (!Blocks.hash(suite, block.getHeader()).equals(hash)
        || block.getHeader().getHeight() != height) {
      fail("replica " + replica + " delivered a block whose hash or height is not the one named");
    }
    if (!proposed.contains(hash)) {
      fail(
          "replica " + replica + " committed block " + hash + " at " + height + ", never proposed");
    }
    CertificateCheck check = verifier.verifyCertificate(certificate, height, hash);
    if (!check.accepted()) {
      fail(
          "replica "
              + replica
              + " delivered height "
              + height
              + " with a bad certificate: "
              + check.detail());
    }
    Hash first = committed.putIfAbsent(height, hash);
    if (first != null && !first.equals(hash)) {
      fail(
          "AGREEMENT: replica "
              + replica
              + " committed "
              + hash
              + " at height "
              + height
              + " where another honest replica committed "
              + first);
    }
  }

  /** An honest replica sent {@code message}: it must not contradict what it signed before. */
  void sent(int replica, PbftMessage message) {
    checks++;
    switch (message.getBodyCase()) {
      case PRE_PREPARE ->
          once(
              replica,
              "pre-prepare",
              message.getPrePrepare().getView(),
              message.getPrePrepare().getSequence(),
              message.getPrePrepare().getBlockHash().toByteArray());
      case PREPARE ->
          once(
              replica,
              "prepare",
              message.getPrepare().getView(),
              message.getPrepare().getSequence(),
              message.getPrepare().getBlockHash().toByteArray());
      case COMMIT ->
          once(
              replica,
              "commit",
              message.getCommit().getView(),
              message.getCommit().getSequence(),
              message.getCommit().getBlockHash().toByteArray());
      case CHECKPOINT ->
          once(
              replica,
              "checkpoint",
              0,
              message.getCheckpoint().getSequence(),
              message.getCheckpoint().getBlockHash().toByteArray());
      default -> {}
    }
  }

  private void once(int replica, String phase, long view, long sequence, byte[] hashBytes) {
    Hash hash = Hash.of(hashBytes);
    String key = replica + "/" + phase + "/" + view + "/" + sequence;
    Hash first = signed.putIfAbsent(key, hash);
    if (first != null && !first.equals(hash)) {
      fail(
          "EQUIVOCATION: honest replica "
              + replica
              + " signed "
              + phase
              + " for view "
              + view
              + " sequence "
              + sequence
              + " twice, for "
              + first
              + " and "
              + hash);
    }
  }

  TreeMap<Long, Hash> committed() {
    return committed;
  }

  long checks() {
    return checks;
  }

  private static void fail(String message) {
    throw new SimulationFailure(message);
  }
}
