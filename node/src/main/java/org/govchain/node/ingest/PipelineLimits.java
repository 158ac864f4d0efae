package org.govchain.node.ingest;

/**
 * Bounds of the verification pipeline: waiting transactions, how many a worker takes at once,
 * remembered outcomes, and worker threads (default: one per core).
 */
public record PipelineLimits(int queueCapacity, int batchSize, int cacheEntries, int threads) {
  public PipelineLimits {
    if (queueCapacity < 1 || batchSize < 1 || cacheEntries < 1 || threads < 1) {
      throw new IllegalArgumentException("pipeline limits must be positive: " + this);
    }
  }

  public static PipelineLimits defaults() {
    return new PipelineLimits(20_000, 64, 200_000, Runtime.getRuntime().availableProcessors());
  }
}
