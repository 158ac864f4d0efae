package org.govchain.pbft.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The fixed seeds of the normal test suite: 424 simulated runs across cluster sizes (n = 3f+1 and
 * not) and crypto suites, each drawing its own faults from its seed (docs/consensus.md). A failing
 * seed's message names it and the command that replays it.
 */
class SimulationSeedsTest {
  @ParameterizedTest(name = "n={0}, suite {1}, seeds {2}..{3}")
  @CsvSource({
    "1, FAKE, 1, 40",
    "2, FAKE, 1, 20",
    "5, FAKE, 1, 30",
    "4, FAKE, 1, 100",
    "4, FAKE, 101, 200",
    "7, FAKE, 1, 60",
    "7, FAKE, 61, 120",
    "4, INTL, 1, 3",
    "7, INTL, 1, 1",
    "4, SM, 1, 2"
  })
  void everySeedKeepsSafetyAndLiveness(int replicas, String suite, long first, long last) {
    Campaign campaign = new Campaign();
    for (long seed = first; seed <= last; seed++) {
      Simulation.Result result = Simulation.run(SimOptions.draw(seed, replicas).withSuite(suite));
      campaign.add(result);
    }
    assertEquals(last - first + 1, campaign.runs());
    assertTrue(campaign.blocks() > 0, "the runs committed blocks at all");
  }

  @ParameterizedTest(name = "n={0}, suite {1}, seed {2}")
  @CsvSource({"4, FAKE, 3", "7, FAKE, 5", "4, INTL, 2", "4, SM, 1"})
  void oneSeedRunTwiceGivesTheSameTrace(int replicas, String suite, long seed) {
    SimOptions options = SimOptions.draw(seed, replicas).withSuite(suite);
    Simulation.Result first = Simulation.run(options);
    Simulation.Result second = Simulation.run(options);
    assertEquals(first.trace(), second.trace());
    assertEquals(first.committedHeight(), second.committedHeight());
    assertEquals(first.messagesSent(), second.messagesSent());
  }
}
