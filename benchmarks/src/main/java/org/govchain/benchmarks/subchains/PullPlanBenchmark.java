package org.govchain.benchmarks.subchains;

import java.util.concurrent.TimeUnit;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.crypto.SuiteId;
import org.govchain.subchains.privacy.LicenseSignatures;
import org.govchain.subchains.proto.LicenseRecord;
import org.govchain.subchains.pull.MaterialOutcome;
import org.govchain.subchains.pull.MaterialsPull;
import org.govchain.subchains.pull.PullResult;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of one materials pull plan (pesticide business licence, first application: nine
 * materials, four on the chain) over in-memory views of the five chains with {@code licences}
 * licences on the licence chain. Baselines in the same run: the same plan with the issuer signature
 * checks left out (state reads and logic only), and one issuer-signature verification (the plan
 * makes four). The later gRPC pull is compared with {@link #pull}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms6g", "-Xmx6g"})
public class PullPlanBenchmark {

  /** The district's chains: built once per fork (minutes at a million licences). */
  @State(Scope.Benchmark)
  public static class World {
    @Param({"SM", "INTL"})
    public String suite;

    @Param({"1000000"})
    public int licences;

    @Param({"256"})
    public int applicants;

    PullWorld world;
    MaterialsPull verifying;
    MaterialsPull unverified;
    int next;

    @Setup(Level.Trial)
    public void build() throws Exception {
      CryptoSuite cryptoSuite = CryptoSuite.of(SuiteId.valueOf(suite));
      world = new PullWorld(cryptoSuite, licences, applicants);
      verifying = MaterialsPull.verifyingWith(cryptoSuite);
      unverified =
          new MaterialsPull(MaterialsPull.DEFAULT_MAX_VERIFICATION_AGE_MILLIS, record -> true);
      PullResult.Plan plan = (PullResult.Plan) verifying.plan(world.views(), world.requests.get(0));
      long found = plan.outcomes().stream().filter(MaterialOutcome.Found.class::isInstance).count();
      if (found != 4 || world.licenceRecords() < licences) {
        throw new IllegalStateException(
            "benchmark state is wrong: "
                + found
                + " found, "
                + world.licenceRecords()
                + " licences");
      }
    }

    PullResult pull(MaterialsPull pull) {
      next = (next + 1) % world.requests.size();
      return pull.plan(world.views(), world.requests.get(next));
    }
  }

  /** One licence record and its suite: the signature-check baseline. */
  @State(Scope.Benchmark)
  public static class OneLicence {
    @Param({"SM", "INTL"})
    public String suite;

    CryptoSuite cryptoSuite;
    LicenseRecord record;

    @Setup(Level.Trial)
    public void build() throws Exception {
      cryptoSuite = CryptoSuite.of(SuiteId.valueOf(suite));
      PullWorld world = new PullWorld(cryptoSuite, 4, 1);
      MaterialOutcome.Found found =
          (MaterialOutcome.Found)
              ((PullResult.Plan)
                      MaterialsPull.verifyingWith(cryptoSuite)
                          .plan(world.views(), world.requests.get(0)))
                  .outcomes()
                  .get(0);
      record = found.license();
    }
  }

  @Benchmark
  public PullResult pull(World world) {
    return world.pull(world.verifying);
  }

  @Benchmark
  public PullResult pullWithoutSignatureChecks(World world) {
    return world.pull(world.unverified);
  }

  @Benchmark
  public boolean verifyOneIssuerSignature(OneLicence licence) {
    return LicenseSignatures.verify(licence.cryptoSuite, licence.record);
  }
}
