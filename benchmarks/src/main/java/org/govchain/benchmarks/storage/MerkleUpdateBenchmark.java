package org.govchain.benchmarks.storage;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.govchain.storage.StateChanges;
import org.govchain.storage.StateOverlay;
import org.govchain.storage.StateView;
import org.govchain.storage.Store;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The state tree at 1 M keys: executing a block of {@code updates} writes of existing keys on an
 * overlay and computing its new root (the work every validator does before it votes). Updates per
 * second = this rate times {@code updates}. Nothing is committed, so every call sees 1 M keys.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class MerkleUpdateBenchmark {
  @Param({"1000"})
  public int updates;

  private Store store;
  private StateView latest;
  private final SplittableRandom random = new SplittableRandom(5);

  @Setup(Level.Trial)
  public void open() throws Exception {
    store = MillionKeys.store();
    latest = store.chain(BenchChain.CHAIN).state();
  }

  @TearDown(Level.Trial)
  public void close() {
    latest.close();
    store.close();
  }

  @Benchmark
  public StateChanges executeAndComputeRoot() {
    StateOverlay overlay = StateOverlay.over(latest);
    for (int i = 0; i < updates; i++) {
      overlay.put(BenchChain.key(random.nextLong(MillionKeys.KEYS)), BenchChain.value(random));
    }
    return overlay.changes();
  }
}
