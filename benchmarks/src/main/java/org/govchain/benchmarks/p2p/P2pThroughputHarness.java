package org.govchain.benchmarks.p2p;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Throughput of the govchain transport against bare Netty TLS, in the same run: two endpoints in
 * one JVM on loopback, one event loop thread each, a closed loop of echoed frames with a fixed
 * window in flight. Runs alternate (baseline, transport, baseline, ...) so machine noise hits both;
 * medians and their ratio are printed.
 *
 * <p>The machine is shared and noisy, so runs are short and interleaved, and each slice also
 * records the JVM's CPU time: frames per CPU-second compares the work each stack does per frame,
 * which another process's load disturbs far less than wall-clock rates.
 *
 * <p>Arguments (all optional): {@code rounds=8 jitWarmupMillis=15000 warmupMillis=1000
 * measureMillis=2000 only=both|baseline|transport payloads=256,65536}. The figures and the command
 * are in docs/benchmarks.md.
 */
public final class P2pThroughputHarness {
  private record Size(int payloadBytes, int window) {}

  /** One measured slice: frames echoed per wall-clock second and per CPU second of the JVM. */
  private record Sample(double framesPerSecond, double framesPerCpuSecond) {}

  private static final List<Size> SIZES = List.of(new Size(256, 256), new Size(64 * 1024, 16));

  private P2pThroughputHarness() {}

  public static void main(String[] arguments) throws Exception {
    int rounds = argument(arguments, "rounds", 8);
    int jitWarmupMillis = argument(arguments, "jitWarmupMillis", 15_000);
    int warmupMillis = argument(arguments, "warmupMillis", 1000);
    int measureMillis = argument(arguments, "measureMillis", 2000);
    String only = textArgument(arguments, "only", "both");
    BenchmarkNetwork network = new BenchmarkNetwork();
    print(
        "govchain p2p echo throughput: %d ms JIT warm-up per stack and size, then %d rounds of"
            + " %d ms warm-up + %d ms measured; %d cores, %s",
        jitWarmupMillis,
        rounds,
        warmupMillis,
        measureMillis,
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.vm.version"));
    String payloads = textArgument(arguments, "payloads", "256,65536");
    for (Size size : SIZES) {
      if (!List.of(payloads.split(",")).contains(Integer.toString(size.payloadBytes()))) {
        continue;
      }
      // The JIT (and with it the AES-GCM intrinsics) needs many seconds on a busy 2-core machine:
      // each stack runs unmeasured first, so the rounds compare compiled code with compiled code.
      if (!only.equals("transport")) {
        try (EchoRun run = new NettyEchoRun(network, size.payloadBytes(), size.window())) {
          measure(run, jitWarmupMillis, 1);
        }
      }
      if (!only.equals("baseline")) {
        try (EchoRun run = new TransportEchoRun(network, size.payloadBytes(), size.window())) {
          measure(run, jitWarmupMillis, 1);
        }
      }
      List<Sample> baseline = new ArrayList<>();
      List<Sample> transport = new ArrayList<>();
      for (int round = 0; round < rounds; round++) {
        if (!only.equals("transport")) {
          try (EchoRun run = new NettyEchoRun(network, size.payloadBytes(), size.window())) {
            baseline.add(measure(run, warmupMillis, measureMillis));
            if (round == 0) {
              print("  cipher suite: %s", run.cipherSuite());
            }
          }
        }
        if (!only.equals("baseline")) {
          try (EchoRun run = new TransportEchoRun(network, size.payloadBytes(), size.window())) {
            transport.add(measure(run, warmupMillis, measureMillis));
          }
        }
        print(
            "  %6d B round %d: bare Netty %s, transport %s",
            size.payloadBytes(),
            round + 1,
            baseline.isEmpty() ? "-" : describe(baseline.get(baseline.size() - 1)),
            transport.isEmpty() ? "-" : describe(transport.get(transport.size() - 1)));
      }
      if (!baseline.isEmpty() && !transport.isEmpty()) {
        report(size, baseline, transport);
      }
    }
  }

  private static Sample measure(EchoRun run, int warmupMillis, int measureMillis)
      throws InterruptedException {
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    run.start();
    Thread.sleep(warmupMillis);
    long startCount = run.echoed();
    long startNanos = System.nanoTime();
    long startCpuNanos = os.getProcessCpuTime();
    Thread.sleep(measureMillis);
    long frames = run.echoed() - startCount;
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    double cpuSeconds = (os.getProcessCpuTime() - startCpuNanos) / 1e9;
    return new Sample(frames / seconds, frames / cpuSeconds);
  }

  private static String describe(Sample sample) {
    return String.format(
        Locale.ROOT,
        "%,.0f frames/s (%,.0f per CPU-s)",
        sample.framesPerSecond(),
        sample.framesPerCpuSecond());
  }

  private static void report(Size size, List<Sample> baseline, List<Sample> transport) {
    double megabytes = size.payloadBytes() / 1e6;
    double baseRate = median(baseline.stream().map(Sample::framesPerSecond).toList());
    double rate = median(transport.stream().map(Sample::framesPerSecond).toList());
    double baseCpu = median(baseline.stream().map(Sample::framesPerCpuSecond).toList());
    double cpu = median(transport.stream().map(Sample::framesPerCpuSecond).toList());
    print(
        "RESULT payload=%d window=%d | bare Netty %,.0f frames/s %.1f MB/s, %,.0f frames/CPU-s"
            + " | transport %,.0f frames/s %.1f MB/s, %,.0f frames/CPU-s"
            + " | ratio wall %.2f, per CPU %.2f",
        size.payloadBytes(),
        size.window(),
        baseRate,
        baseRate * megabytes,
        baseCpu,
        rate,
        rate * megabytes,
        cpu,
        rate / baseRate,
        cpu / baseCpu);
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(Double::compare);
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1
        ? sorted.get(middle)
        : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }

  private static int argument(String[] arguments, String name, int fallback) {
    return Integer.parseInt(textArgument(arguments, name, Integer.toString(fallback)));
  }

  private static String textArgument(String[] arguments, String name, String fallback) {
    for (String argument : arguments) {
      if (argument.startsWith(name + "=")) {
        return argument.substring(name.length() + 1);
      }
    }
    return fallback;
  }

  @SuppressWarnings("SystemOut") // a command-line harness: its output is the report
  private static void print(String format, Object... values) {
    System.out.println(String.format(Locale.ROOT, format, values));
  }
}
