package org.govchain.pbft.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Long campaigns and single-seed replays, run by hand (see docs/consensus.md):
 *
 * <pre>
 * ./mvnw -B -pl consensus-pbft -am test -Dtest=SimulationCampaignTest \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dpbft.seeds=10000 [-Dpbft.firstSeed=1] \
 *     [-Dpbft.replicas=4] [-Dpbft.suite=FAKE]
 * ./mvnw ... -Dpbft.seed=1234 -Dpbft.replicas=4       # one seed, replayed exactly
 * </pre>
 *
 * Without those properties it runs one seed per cluster size, as a smoke test.
 */
class SimulationCampaignTest {
  @Test
  void campaign() {
    String one = System.getProperty("pbft.seed");
    String suite = System.getProperty("pbft.suite", "FAKE");
    if (one != null) {
      int replicas = Integer.getInteger("pbft.replicas", 4);
      SimOptions options = SimOptions.draw(Long.parseLong(one), replicas).withSuite(suite);
      String behaviors = System.getProperty("pbft.behaviors");
      if (behaviors != null) {
        java.util.Set<Behavior> chosen = java.util.EnumSet.noneOf(Behavior.class);
        for (String name : behaviors.split(",")) {
          if (!name.isBlank()) {
            chosen.add(Behavior.valueOf(name.trim()));
          }
        }
        options = options.withBehaviors(chosen);
      }
      Simulation.Result first = Simulation.run(options);
      Simulation.Result second = Simulation.run(options);
      assertEquals(first.trace(), second.trace(), "one seed, two traces");
      System.out.println(first);
      return;
    }
    long seeds = Long.getLong("pbft.seeds", 3);
    long firstSeed = Long.getLong("pbft.firstSeed", 1);
    String sizes = System.getProperty("pbft.replicas", "1,4,7");
    Campaign campaign = new Campaign();
    for (long seed = firstSeed; seed < firstSeed + seeds; seed++) {
      for (String size : sizes.split(",")) {
        campaign.add(
            Simulation.run(SimOptions.draw(seed, Integer.parseInt(size)).withSuite(suite)));
      }
    }
    System.out.println(campaign.summary());
  }
}
