package org.govchain.pbft.sim;

/** Totals over many runs, for the campaign report. */
final class Campaign {
  private long runs;
  private long ticks;
  private long heights;
  private long transactions;
  private long sent;
  private long dropped;
  private long duplicated;
  private long crashes;
  private long partitions;
  private long byzantineMessages;
  private long byzantineRuns;
  private long viewChanges;
  private long checks;

  void add(Simulation.Result result) {
    runs++;
    ticks += result.ticks();
    heights += result.committedHeight();
    transactions += result.transactionsCommitted();
    sent += result.messagesSent();
    dropped += result.messagesDropped();
    duplicated += result.messagesDuplicated();
    crashes += result.crashes();
    partitions += result.partitions();
    byzantineMessages += result.byzantineMessages();
    byzantineRuns += result.options().byzantine() > 0 ? 1 : 0;
    viewChanges += result.viewChanges();
    checks += result.invariantChecks();
  }

  long blocks() {
    return heights;
  }

  long runs() {
    return runs;
  }

  String summary() {
    return String.format(
        "runs=%d (with Byzantine replicas: %d) ticks=%d blocks=%d owed-transactions=%d"
            + " messages=%d dropped=%d duplicated=%d crashes=%d partitions=%d"
            + " byzantine-messages=%d view-change-messages=%d invariant-checks=%d violations=0",
        runs,
        byzantineRuns,
        ticks,
        heights,
        transactions,
        sent,
        dropped,
        duplicated,
        crashes,
        partitions,
        byzantineMessages,
        viewChanges,
        checks);
  }
}
