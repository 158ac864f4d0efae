package org.govchain.pbft.sim;

/**
 * Runs a campaign from the command line, outside Maven (see docs/consensus.md): {@code CampaignMain
 * <seeds> [firstSeed] [sizes, e.g. 1,4,7] [suite]}. Prints each failing seed with its replay
 * command and exits non-zero; prints the totals otherwise.
 */
public final class CampaignMain {
  private CampaignMain() {}

  public static void main(String[] args) {
    long seeds = Long.parseLong(args[0]);
    long firstSeed = args.length > 1 ? Long.parseLong(args[1]) : 1;
    String sizes = args.length > 2 ? args[2] : "1,4,7";
    String suite = args.length > 3 ? args[3] : "FAKE";
    Campaign campaign = new Campaign();
    int failures = 0;
    for (long seed = firstSeed; seed < firstSeed + seeds; seed++) {
      for (String size : sizes.split(",")) {
        SimOptions options = SimOptions.draw(seed, Integer.parseInt(size)).withSuite(suite);
        try {
          campaign.add(Simulation.run(options));
        } catch (SimulationFailure failure) {
          failures++;
          System.err.println("FAILED " + failure.getMessage());
        }
      }
    }
    System.out.println(campaign.summary().replace("violations=0", "violations=" + failures));
    System.exit(failures == 0 ? 0 : 1);
  }
}
