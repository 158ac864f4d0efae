package org.govchain.benchmarks.network;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.govchain.core.chain.DecodedTransaction;
import org.govchain.core.chain.Transactions;
import org.govchain.core.crypto.CryptoSuite;

/**
 * The machine's all-core signature-verify rate: every core verifies the envelope signatures of real
 * signed transactions (the ones the load sends, so the message size is the transactions'), in this
 * process, while the network is down. The denominator of the harness's ratio.
 */
final class VerifyBaseline {
  /**
   * Verifications per wall-clock second (all cores) and per CPU-second of the verifying threads.
   */
  record Rate(double perSecond, double perCpuSecond) {}

  private VerifyBaseline() {}

  /** Verifications a warm-up performs at least, whatever the time it takes (the JIT needs them). */
  static final long WARMUP_VERIFICATIONS_MIN = 20_000;

  /**
   * The rates over {@code measureMillis}, after a warm-up of at least {@code warmupMillis} and
   * {@value #WARMUP_VERIFICATIONS_MIN} verifications, unmeasured.
   */
  static Rate rate(
      CryptoSuite suite, List<DecodedTransaction> samples, long warmupMillis, long measureMillis)
      throws InterruptedException {
    long warmed = run(suite, samples, warmupMillis, new AtomicLong());
    while (warmed < WARMUP_VERIFICATIONS_MIN) {
      warmed += run(suite, samples, 1_000, new AtomicLong());
    }
    AtomicLong cpuNanos = new AtomicLong();
    long count = run(suite, samples, measureMillis, cpuNanos);
    return new Rate(count * 1000.0 / measureMillis, count * 1e9 / Math.max(1, cpuNanos.get()));
  }

  private static long run(
      CryptoSuite suite, List<DecodedTransaction> samples, long millis, AtomicLong cpuNanos)
      throws InterruptedException {
    int threads = Runtime.getRuntime().availableProcessors();
    java.lang.management.ThreadMXBean cpu =
        java.lang.management.ManagementFactory.getThreadMXBean();
    AtomicLong total = new AtomicLong();
    long deadline = System.nanoTime() + millis * 1_000_000L;
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int offset = t * 7919;
      Thread worker =
          new Thread(
              () -> {
                long count = 0;
                int next = offset;
                long cpuStart = cpu.getCurrentThreadCpuTime();
                while (System.nanoTime() < deadline) {
                  DecodedTransaction transaction = samples.get(next++ % samples.size());
                  if (!Transactions.verifySignature(suite, transaction)) {
                    throw new IllegalStateException("a sample signature does not verify");
                  }
                  count++;
                }
                total.addAndGet(count);
                cpuNanos.addAndGet(cpu.getCurrentThreadCpuTime() - cpuStart);
              },
              "baseline-verify-" + t);
      workers.add(worker);
      worker.start();
    }
    for (Thread worker : workers) {
      worker.join();
    }
    return total.get();
  }
}
