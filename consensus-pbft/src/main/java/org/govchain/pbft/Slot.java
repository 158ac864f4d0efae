package org.govchain.pbft;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.govchain.core.MalformedInputException;
import org.govchain.core.crypto.Hash;
import org.govchain.core.crypto.Signature;
import org.govchain.core.proto.Block;
import org.govchain.core.proto.CommitCertificate;
import org.govchain.pbft.proto.Commit;
import org.govchain.pbft.proto.PrePrepare;
import org.govchain.pbft.proto.Prepare;
import org.govchain.pbft.proto.PreparedProof;
import org.govchain.pbft.proto.SlotRecord;

/**
 * What one replica knows about one sequence number: the pre-prepare it accepted, the votes of each
 * peer (only the latest per peer, so a peer can never be counted twice and memory stays O(n)), the
 * blocks it has seen for this height and their validation verdicts, its best evidence.
 */
final class Slot {
  /** At most this many candidate blocks are kept per height (a primary may equivocate). */
  static final int KNOWN_BLOCKS_MAX = 4;

  enum Verdict {
    UNKNOWN,
    PENDING,
    VALID,
    INVALID
  }

  /** A block this replica holds for the height, with its validation state. */
  static final class KnownBlock {
    final Block block;
    Verdict verdict;

    KnownBlock(Block block, Verdict verdict) {
      this.block = block;
      this.verdict = verdict;
    }
  }

  /** A peer's latest vote (prepare or commit) for this sequence. */
  record VoteRecord(long view, Hash blockHash, Signature signature) {}

  final long sequence;
  long acceptedView = -1;
  Hash acceptedHash;
  Signature prePrepareSignature;
  boolean prepareSent;
  boolean commitSent;
  PreparedProof proof;
  CommitCertificate certificate;
  Hash committedHash;
  final TreeMap<Integer, VoteRecord> prepares = new TreeMap<>();
  final TreeMap<Integer, VoteRecord> commits = new TreeMap<>();
  private final LinkedHashMap<Hash, KnownBlock> blocks = new LinkedHashMap<>();

  Slot(long sequence) {
    this.sequence = sequence;
  }

  /** Accepts a pre-prepare for a new view; the per-view flags start over. */
  void accept(long view, Hash blockHash, Signature signature) {
    acceptedView = view;
    acceptedHash = blockHash;
    prePrepareSignature = signature;
    prepareSent = false;
    commitSent = false;
  }

  boolean acceptedIn(long view) {
    return acceptedView == view && acceptedHash != null;
  }

  /** Prepared in {@code view} for the accepted block, or committed with a certificate. */
  boolean preparedIn(long view) {
    return proof != null
        && proof.getView() == view
        && acceptedIn(view)
        && acceptedHash.toByteString().equals(proof.getBlockHash());
  }

  /** Remembers a block for this height; the oldest is dropped beyond {@link #KNOWN_BLOCKS_MAX}. */
  KnownBlock offerBlock(Hash hash, Block block, Verdict verdict) {
    KnownBlock known = blocks.get(hash);
    if (known != null) {
      if (verdict == Verdict.VALID) {
        known.verdict = Verdict.VALID;
      }
      return known;
    }
    if (blocks.size() >= KNOWN_BLOCKS_MAX) {
      Iterator<Map.Entry<Hash, KnownBlock>> oldest = blocks.entrySet().iterator();
      while (oldest.hasNext()) {
        Map.Entry<Hash, KnownBlock> entry = oldest.next();
        if (!entry.getKey().equals(acceptedHash) && !entry.getKey().equals(committedHash)) {
          oldest.remove();
          break;
        }
      }
    }
    KnownBlock added = new KnownBlock(block, verdict);
    blocks.put(hash, added);
    return added;
  }

  KnownBlock known(Hash hash) {
    return hash == null ? null : blocks.get(hash);
  }

  /** True if this height still waits for the block with {@code hash}. */
  boolean wants(Hash hash) {
    return (hash.equals(acceptedHash) || hash.equals(committedHash)) && !blocks.containsKey(hash);
  }

  /** Forgets validation verdicts still pending (after a restart the node lost the requests). */
  void forgetPendingVerdicts() {
    for (KnownBlock known : blocks.values()) {
      if (known.verdict == Verdict.PENDING) {
        known.verdict = Verdict.UNKNOWN;
      }
    }
  }

  /** This slot's pre-prepare as sent by its primary, with the block when this replica has it. */
  PrePrepare prePrepareMessage() {
    PrePrepare.Builder message =
        PrePrepare.newBuilder()
            .setView(acceptedView)
            .setSequence(sequence)
            .setBlockHash(acceptedHash.toByteString())
            .setSignature(prePrepareSignature.toByteString());
    KnownBlock known = known(acceptedHash);
    if (known != null) {
      message.setBlock(known.block);
    }
    return message.build();
  }

  static Prepare prepareMessage(long sequence, int replica, VoteRecord vote) {
    return Prepare.newBuilder()
        .setView(vote.view())
        .setSequence(sequence)
        .setBlockHash(vote.blockHash().toByteString())
        .setReplica(replica)
        .setSignature(vote.signature().toByteString())
        .build();
  }

  static Commit commitMessage(long sequence, int replica, VoteRecord vote) {
    return Commit.newBuilder()
        .setView(vote.view())
        .setSequence(sequence)
        .setBlockHash(vote.blockHash().toByteString())
        .setReplica(replica)
        .setSignature(vote.signature().toByteString())
        .build();
  }

  /** What must survive a restart: the accepted pre-prepare, the votes sent, the best proof. */
  SlotRecord toRecord() {
    SlotRecord.Builder record = SlotRecord.newBuilder().setSequence(sequence);
    if (acceptedHash != null) {
      record
          .setAcceptedView(acceptedView)
          .setAcceptedHash(acceptedHash.toByteString())
          .setPrePrepareSignature(prePrepareSignature.toByteString())
          .setPrepareSent(prepareSent)
          .setCommitSent(commitSent);
    }
    if (proof != null) {
      record.setProof(proof);
    }
    return record.build();
  }

  /** Restores what {@link #toRecord} saved; refuses a record whose hashes or signature are bad. */
  void load(SlotRecord record) throws MalformedInputException {
    if (!record.getAcceptedHash().isEmpty()) {
      Signature signature = Proofs.signature(record.getPrePrepareSignature());
      if (signature == null) {
        throw new MalformedInputException("persisted slot " + sequence + " lacks its signature");
      }
      accept(
          record.getAcceptedView(),
          Hash.decode(record.getAcceptedHash(), "persisted block hash"),
          signature);
      prepareSent = record.getPrepareSent();
      commitSent = record.getCommitSent();
    }
    if (record.hasProof()) {
      proof = record.getProof();
    }
  }

  /** Records a peer's vote, keeping only its latest; false if it adds nothing or conflicts. */
  static boolean record(TreeMap<Integer, VoteRecord> votes, int replica, VoteRecord vote) {
    VoteRecord previous = votes.get(replica);
    if (previous != null && previous.view() >= vote.view()) {
      return false;
    }
    votes.put(replica, vote);
    return true;
  }

  /** Replicas whose latest vote is for ({@code view}, {@code hash}), in index order. */
  static TreeMap<Integer, Signature> matching(
      TreeMap<Integer, VoteRecord> votes, long view, Hash hash) {
    TreeMap<Integer, Signature> out = new TreeMap<>();
    for (Map.Entry<Integer, VoteRecord> entry : votes.entrySet()) {
      VoteRecord vote = entry.getValue();
      if (vote.view() == view && vote.blockHash().equals(hash)) {
        out.put(entry.getKey(), vote.signature());
      }
    }
    return out;
  }
}
