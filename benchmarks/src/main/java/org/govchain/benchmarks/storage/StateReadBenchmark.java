package org.govchain.benchmarks.storage;

import com.google.protobuf.ByteString;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.govchain.core.MalformedInputException;
import org.govchain.storage.ChainStore;
import org.govchain.storage.ProvenEntry;
import org.govchain.storage.StateProofs;
import org.govchain.storage.StateView;
import org.govchain.storage.Store;
import org.govchain.storage.proto.StateProof;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.rocksdb.RocksDBException;

/**
 * Point lookups of a licence-sized value (48-byte key, 512-byte value) among 1 M keys: raw RocksDB
 * get (the baseline) against the versioned state at the latest height, at an older height (history
 * seek), through a fresh snapshot per lookup; and proof generation and verification.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class StateReadBenchmark {
  private static final int PROOFS = 1024;

  private Store store;
  private ChainStore chain;
  private StateView latest;
  private StateView older;
  private RawRocks raw;
  private StateProof[] proofs;

  @Setup(Level.Trial)
  public void open() throws Exception {
    store = MillionKeys.store();
    chain = store.chain(BenchChain.CHAIN);
    latest = chain.state();
    older = chain.state(latest.height() - 1);
    raw = MillionKeys.raw();
    proofs = new StateProof[PROOFS];
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < PROOFS; i++) {
      proofs[i] = latest.prove(BenchChain.key(random.nextLong(MillionKeys.KEYS)));
    }
  }

  @TearDown(Level.Trial)
  public void close() {
    older.close();
    latest.close();
    store.close();
    raw.close();
  }

  /** Each thread draws its own keys. */
  @State(Scope.Thread)
  public static class Keys {
    private final SplittableRandom random = new SplittableRandom(11);
    private int proof;

    ByteString next() {
      return BenchChain.key(random.nextLong(MillionKeys.KEYS));
    }

    int nextProof() {
      proof = (proof + 1) % PROOFS;
      return proof;
    }
  }

  @Benchmark
  public byte[] rawGet(Keys keys) throws RocksDBException {
    return raw.db.get(keys.next().toByteArray());
  }

  @Benchmark
  public Optional<ByteString> versionedGet(Keys keys) {
    return latest.get(keys.next());
  }

  @Benchmark
  public Optional<ByteString> versionedGetOlderHeight(Keys keys) {
    return older.get(keys.next());
  }

  @Benchmark
  public Optional<ByteString> snapshotPerLookupGet(Keys keys) {
    try (StateView view = chain.state()) {
      return view.get(keys.next());
    }
  }

  @Benchmark
  public StateProof prove(Keys keys) {
    return latest.prove(keys.next());
  }

  @Benchmark
  public ProvenEntry verifyProof(Keys keys) throws MalformedInputException {
    return StateProofs.verify(BenchChain.SUITE, latest.root(), proofs[keys.nextProof()]);
  }
}
