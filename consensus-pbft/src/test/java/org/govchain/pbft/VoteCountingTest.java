package org.govchain.pbft;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.govchain.core.MalformedInputException;
import org.govchain.core.crypto.Hash;
import org.govchain.core.crypto.Signature;
import org.junit.jupiter.api.Test;

/**
 * The slot's vote bookkeeping (latest vote per replica, counted by (view, block)) against a
 * deliberately naive model over many random vote streams, including duplicates and equivocation.
 */
class VoteCountingTest {
  private record Cast(int replica, long view, int block) {}

  @Test
  void countsDistinctReplicasWhoseLatestVoteMatchesLikeTheNaiveModel() throws Exception {
    SplittableRandom random = new SplittableRandom(7);
    Hash[] blocks = {hash(1), hash(2), hash(3)};
    Signature signature = Signature.of(new byte[] {1});
    for (int round = 0; round < 2_000; round++) {
      int replicas = 1 + random.nextInt(10);
      List<Cast> casts = new ArrayList<>();
      for (int i = random.nextInt(40); i > 0; i--) {
        casts.add(new Cast(random.nextInt(replicas), random.nextInt(4), random.nextInt(3)));
      }
      TreeMap<Integer, Slot.VoteRecord> votes = new TreeMap<>();
      for (Cast cast : casts) {
        Slot.record(
            votes,
            cast.replica(),
            new Slot.VoteRecord(cast.view(), blocks[cast.block()], signature));
      }
      for (long view = 0; view < 4; view++) {
        for (int block = 0; block < 3; block++) {
          assertEquals(
              naive(casts, view, block),
              Slot.matching(votes, view, blocks[block]).size(),
              "round " + round + " view " + view + " block " + block);
        }
      }
    }
  }

  /** A replica counts for (view, block) if its first vote in its highest view was that. */
  private static int naive(List<Cast> casts, long view, int block) {
    Map<Integer, Cast> kept = new HashMap<>();
    for (Cast cast : casts) {
      Cast previous = kept.get(cast.replica());
      if (previous == null || previous.view() < cast.view()) {
        kept.put(cast.replica(), cast);
      }
    }
    Set<Integer> voters = new HashSet<>();
    for (Cast cast : kept.values()) {
      if (cast.view() == view && cast.block() == block) {
        voters.add(cast.replica());
      }
    }
    return voters.size();
  }

  @Test
  void aReplicaCannotChangeItsVoteWithinAView() throws MalformedInputException {
    TreeMap<Integer, Slot.VoteRecord> votes = new TreeMap<>();
    Signature signature = Signature.of(new byte[] {1});
    assertEquals(true, Slot.record(votes, 3, new Slot.VoteRecord(5, hash(1), signature)));
    assertEquals(false, Slot.record(votes, 3, new Slot.VoteRecord(5, hash(2), signature)));
    assertEquals(false, Slot.record(votes, 3, new Slot.VoteRecord(5, hash(1), signature)));
    assertEquals(1, Slot.matching(votes, 5, hash(1)).size());
    assertEquals(0, Slot.matching(votes, 5, hash(2)).size());
  }

  private static Hash hash(int value) {
    byte[] bytes = new byte[32];
    bytes[0] = (byte) value;
    return Hash.of(bytes);
  }
}
