package org.govchain.pbft.sim;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * One simulation run, entirely determined by its seed: the cluster size and every fault level are
 * drawn from it (see {@link #draw}). Fields can also be set by hand for scenario tests.
 *
 * @param suite FAKE (fast keyed-hash signatures), INTL (Ed25519) or SM (SM2; signatures are
 *     randomized, so only the signature-free trace is replayable)
 * @param byzantine replicas 0..byzantine-1 are Byzantine (at most f)
 * @param lossPercent chance that a message is lost in the safety phase
 * @param duplicatePercent chance that a message is delivered twice
 * @param maxDelayTicks network delay is 1..maxDelayTicks
 * @param crashes whether honest replicas crash and restart in the safety phase
 * @param partitions whether symmetric and asymmetric partitions happen in the safety phase
 * @param safetyTicks length of the safety phase
 * @param transactions client transactions submitted over the safety phase
 */
public record SimOptions(
    long seed,
    int replicas,
    String suite,
    int byzantine,
    Set<Behavior> behaviors,
    int lossPercent,
    int duplicatePercent,
    int maxDelayTicks,
    boolean crashes,
    boolean partitions,
    long safetyTicks,
    int transactions,
    int checkpointInterval,
    int inFlightMax,
    int blockTransactionsMax) {

  public SimOptions {
    behaviors = behaviors.isEmpty() ? EnumSet.noneOf(Behavior.class) : EnumSet.copyOf(behaviors);
    if (byzantine > (replicas - 1) / 3) {
      throw new IllegalArgumentException("more Byzantine replicas than f");
    }
  }

  /** Draws a cluster and its fault levels from {@code seed}, for a given cluster size. */
  public static SimOptions draw(long seed, int replicas) {
    SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
    int f = (replicas - 1) / 3;
    int byzantine = f == 0 ? 0 : random.nextInt(f + 1);
    Set<Behavior> behaviors = EnumSet.noneOf(Behavior.class);
    if (byzantine > 0) {
      List<Behavior> all = new ArrayList<>(List.of(Behavior.values()));
      int count = 1 + random.nextInt(4);
      for (int i = 0; i < count; i++) {
        behaviors.add(all.get(random.nextInt(all.size())));
      }
    }
    int checkpointInterval = new int[] {2, 5, 10}[random.nextInt(3)];
    return new SimOptions(
        seed,
        replicas,
        "FAKE",
        byzantine,
        behaviors,
        random.nextInt(31),
        random.nextInt(51),
        1 + random.nextInt(12),
        random.nextInt(3) != 0,
        random.nextInt(2) == 0,
        1_500 + random.nextInt(2_500),
        10 + random.nextInt(50),
        checkpointInterval,
        1 + random.nextInt(Math.min(4, 2 * checkpointInterval)),
        1 + random.nextInt(8));
  }

  public SimOptions withSuite(String name) {
    return new SimOptions(
        seed,
        replicas,
        name,
        byzantine,
        behaviors,
        lossPercent,
        duplicatePercent,
        maxDelayTicks,
        crashes,
        partitions,
        safetyTicks,
        transactions,
        checkpointInterval,
        inFlightMax,
        blockTransactionsMax);
  }

  public SimOptions withBehaviors(Set<Behavior> chosen) {
    return new SimOptions(
        seed,
        replicas,
        suite,
        byzantine,
        chosen,
        lossPercent,
        duplicatePercent,
        maxDelayTicks,
        crashes,
        partitions,
        safetyTicks,
        transactions,
        checkpointInterval,
        inFlightMax,
        blockTransactionsMax);
  }

  public int faulty() {
    return (replicas - 1) / 3;
  }

  /** The command that replays this run. */
  public String replayCommand() {
    return "./mvnw -B -pl consensus-pbft -am test -Dtest=SimulationCampaignTest"
        + " -Dsurefire.failIfNoSpecifiedTests=false -Dpbft.seed="
        + seed
        + " -Dpbft.replicas="
        + replicas
        + " -Dpbft.suite="
        + suite;
  }
}
