package org.govchain.benchmarks.crypto;

import java.security.SecureRandom;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.crypto.Hash;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The machine's crypto limit, per core: sign, verify and hash in both suites at 32 B, 256 B and 4
 * KiB. Later work (verification pipeline, replay) states its rates as a share of these.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CryptoBenchmark {
  @Param({"SM", "INTL"})
  public String suite;

  @Param({"32", "256", "4096"})
  public int messageBytes;

  private CryptoSuite cryptoSuite;
  private KeyPair keyPair;
  private byte[] message;
  private Signature signature;

  @Setup
  public void setUp() {
    cryptoSuite = CryptoSuite.of(SuiteId.valueOf(suite));
    keyPair = cryptoSuite.generateKeyPair(new SecureRandom());
    message = new byte[messageBytes];
    new SplittableRandom(1).nextBytes(message);
    signature = cryptoSuite.sign(keyPair.privateKey(), message);
  }

  @Benchmark
  public Signature sign() {
    return cryptoSuite.sign(keyPair.privateKey(), message);
  }

  @Benchmark
  public boolean verify() {
    return cryptoSuite.verify(keyPair.publicKey(), message, signature);
  }

  @Benchmark
  public Hash hash() {
    return cryptoSuite.hash(message);
  }
}
