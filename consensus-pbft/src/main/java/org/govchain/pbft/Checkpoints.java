package org.govchain.pbft;

import java.util.Map;
import java.util.TreeMap;
import org.govchain.core.crypto.Hash;
import org.govchain.core.crypto.Signature;
import org.govchain.pbft.proto.CheckpointProof;
import org.govchain.pbft.proto.Vote;

/**
 * Checkpoint votes: per sequence inside the log window, one vote per replica; and each replica's
 * latest (highest) checkpoint anywhere, so a replica that fell far behind still recognises a stable
 * checkpoint ahead of its window. Memory is O(window / interval * n + n).
 */
final class Checkpoints {
  record CheckpointVote(long sequence, Hash blockHash, Signature signature) {}

  private final int quorum;
  private final TreeMap<Long, TreeMap<Integer, CheckpointVote>> inWindow = new TreeMap<>();
  private final TreeMap<Integer, CheckpointVote> latest = new TreeMap<>();

  Checkpoints(int quorum) {
    this.quorum = quorum;
  }

  /**
   * Records a verified vote; returns a stable-checkpoint proof if it completes one above {@code
   * stableSequence}, else null.
   */
  CheckpointProof add(int replica, CheckpointVote vote, long stableSequence, long windowEnd) {
    if (vote.sequence() <= stableSequence) {
      return null;
    }
    CheckpointVote previousLatest = latest.get(replica);
    if (previousLatest == null || previousLatest.sequence() < vote.sequence()) {
      latest.put(replica, vote);
    }
    if (vote.sequence() <= windowEnd) {
      inWindow.computeIfAbsent(vote.sequence(), s -> new TreeMap<>()).putIfAbsent(replica, vote);
      CheckpointProof proof = proofFrom(inWindow.get(vote.sequence()), vote);
      if (proof != null) {
        return proof;
      }
    }
    return proofFrom(latest, vote);
  }

  private CheckpointProof proofFrom(TreeMap<Integer, CheckpointVote> votes, CheckpointVote wanted) {
    CheckpointProof.Builder proof =
        CheckpointProof.newBuilder()
            .setSequence(wanted.sequence())
            .setBlockHash(wanted.blockHash().toByteString());
    for (Map.Entry<Integer, CheckpointVote> entry : votes.entrySet()) {
      CheckpointVote vote = entry.getValue();
      if (vote.sequence() == wanted.sequence() && vote.blockHash().equals(wanted.blockHash())) {
        proof.addVotes(
            Vote.newBuilder()
                .setReplica(entry.getKey())
                .setSignature(vote.signature().toByteString()));
      }
    }
    return proof.getVotesCount() >= quorum ? proof.build() : null;
  }

  /** Forgets votes at or below a new stable checkpoint. */
  void collect(long stableSequence) {
    inWindow.headMap(stableSequence, true).clear();
  }

  /**
   * The highest sequence that at least {@code weak} replicas claim to have reached: one of them is
   * honest, so it is worth fetching up to it.
   */
  long claimedByAtLeast(int weak) {
    long[] sequences = latest.values().stream().mapToLong(CheckpointVote::sequence).toArray();
    if (sequences.length < weak) {
      return 0;
    }
    java.util.Arrays.sort(sequences);
    return sequences[sequences.length - weak];
  }
}
