package org.govchain.benchmarks.pbft;

import java.util.concurrent.TimeUnit;
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
 * Committed blocks per second through the pure PBFT core of a whole cluster in one thread, with
 * signing stubbed and no I/O: the protocol's own cost per block, all n replicas included. The
 * baseline, measured in the same run, is a one-replica cluster (no votes to exchange).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 10, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class PbftCoreBenchmark {
  @Param({"1", "4", "7"})
  public int replicas;

  @Param({"1", "100"})
  public int transactionsPerBlock;

  private InProcessCluster cluster;

  @Setup(Level.Trial)
  public void setUp() {
    cluster = new InProcessCluster(replicas, transactionsPerBlock);
  }

  @TearDown(Level.Trial)
  public void checkProgress() {
    if (cluster.height() == 0) {
      throw new IllegalStateException("the cluster committed nothing");
    }
  }

  /** One block, proposed, validated, prepared, committed and delivered at every replica. */
  @Benchmark
  public long commitBlock() {
    cluster.commitOneBlock(transactionsPerBlock);
    return cluster.height();
  }
}
