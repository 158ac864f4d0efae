package org.govchain.benchmarks.network;

/**
 * One measured load phase.
 *
 * @param name what was run
 * @param offeredPerSecond the fixed offered rate, or 0 for the closed loop (every submitter keeps
 *     one transaction outstanding)
 * @param committedPerSecond transactions committed on every node per second
 * @param acknowledgedPerSecond commits acknowledged to the submitters per second
 * @param latencyP50Millis submit → commit seen by the submitter, median
 * @param latencyP99Millis the same, 99th percentile
 * @param latencyMaxMillis the same, maximum
 * @param transactionsPerBlock mean block size over the window
 * @param errors submissions that failed (other than "busy", which are sent again)
 * @param busy submissions refused as busy and sent again
 * @param missedOffers offers not sent because no submitter was idle (open loop only)
 * @param nodeCpuPerSecond CPU-seconds the node processes used per second (at most the cores)
 * @param committedPerNodeCpuSecond transactions committed on every node per CPU-second of all the
 *     node processes
 */
record PhaseResult(
    String name,
    double offeredPerSecond,
    double committedPerSecond,
    double acknowledgedPerSecond,
    double latencyP50Millis,
    double latencyP99Millis,
    double latencyMaxMillis,
    double transactionsPerBlock,
    long errors,
    long busy,
    long missedOffers,
    double nodeCpuPerSecond,
    double committedPerNodeCpuSecond) {}
