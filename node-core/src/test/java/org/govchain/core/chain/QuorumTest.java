package org.govchain.core.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QuorumTest {
  /** The naive definition: the smallest q such that any two q-sets of n share f+1 members. */
  private static int naiveCommitQuorum(int n) {
    int f = (n - 1) / 3;
    for (int q = 1; q <= n; q++) {
      if (2 * q - n >= f + 1) {
        return q;
      }
    }
    throw new AssertionError("no quorum for n=" + n);
  }

  @Test
  void commitQuorumMatchesTheNaiveDefinitionAndIsReachableWithoutTheFaulty() {
    for (int n = 1; n <= ValidatorSet.MAX_VALIDATORS; n++) {
      Quorum quorum = new Quorum(n);
      assertEquals(naiveCommitQuorum(n), quorum.commit(), "n=" + n);
      assertTrue(quorum.commit() <= n - quorum.faulty(), "live without f validators, n=" + n);
      assertEquals(quorum.faulty() + 1, quorum.weak());
    }
  }

  @Test
  void classicSizes() {
    assertEquals(1, new Quorum(1).commit());
    assertEquals(3, new Quorum(4).commit());
    assertEquals(4, new Quorum(5).commit(), "2f+1 = 3 would let two quorums meet in one validator");
    assertEquals(5, new Quorum(7).commit());
    assertEquals(2, new Quorum(7).faulty());
  }

  @Test
  void distinctVotersCountsEachValidatorOnceAgainstANaiveSet() {
    Random random = new Random(3);
    for (int round = 0; round < 1000; round++) {
      int n = 1 + random.nextInt(20);
      DistinctVoters voters = new DistinctVoters(n);
      Set<Integer> naive = new HashSet<>();
      for (int vote = 0; vote < 3 * n; vote++) {
        int index = random.nextInt(n);
        assertEquals(naive.add(index), voters.add(index));
        assertEquals(naive.size(), voters.count());
        assertEquals(
            naive.size() >= new Quorum(n).commit(), voters.reached(new Quorum(n).commit()));
      }
    }
  }

  @Test
  void aByzantineValidatorVotingTwiceIsStillOneVote() {
    DistinctVoters voters = new DistinctVoters(4);
    assertTrue(voters.add(2));
    assertFalse(voters.add(2));
    assertTrue(voters.add(1));
    assertFalse(voters.reached(new Quorum(4).commit()));
  }
}
