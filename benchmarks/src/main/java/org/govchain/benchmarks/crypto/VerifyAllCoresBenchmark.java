package org.govchain.benchmarks.crypto;

import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.crypto.KeyPair;
import org.govchain.core.crypto.Signature;
import org.govchain.core.crypto.SuiteId;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Signature verification on every core at once, for a transaction-sized (256 B) message: the
 * ceiling that the node's verification pipeline and the auditor's replay are measured against.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(Threads.MAX)
public class VerifyAllCoresBenchmark {
  @Param({"SM", "INTL"})
  public String suite;

  private CryptoSuite cryptoSuite;
  private KeyPair keyPair;
  private byte[] message;
  private Signature signature;

  @Setup
  public void setUp() {
    cryptoSuite = CryptoSuite.of(SuiteId.valueOf(suite));
    keyPair = cryptoSuite.generateKeyPair(new SecureRandom());
    message = new byte[256];
    signature = cryptoSuite.sign(keyPair.privateKey(), message);
  }

  @Benchmark
  public boolean verify() {
    return cryptoSuite.verify(keyPair.publicKey(), message, signature);
  }
}
