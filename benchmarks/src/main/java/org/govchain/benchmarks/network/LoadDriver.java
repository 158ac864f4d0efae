package org.govchain.benchmarks.network;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.govchain.api.v1.SubmitRequest;
import org.govchain.api.v1.SubmitResponse;
import org.govchain.core.proto.Transaction;

/**
 * Drives one load phase through the nodes' gRPC APIs (asynchronous stubs): each submitter sends a
 * transaction to its node and waits for the commit (Submit with wait_for_commit), so at most one
 * per submitter — and at most the number of submitters in all — is in flight. Closed loop: a
 * submitter sends its next transaction as soon as the previous one commits. Open loop: a pacer
 * sends at a fixed rate, each send taken by an idle submitter (an offer with no idle submitter is
 * counted as missed, not queued). Latency is measured per transaction from the send to the commit
 * acknowledgement, for the sends inside the measured window.
 */
final class LoadDriver {
  private static final long SUBMIT_DEADLINE_SECONDS = 60;
  private static final long BUSY_RETRY_MILLIS = 5;
  private static final long DRAIN_MILLIS = 90_000;

  private final LoadNetwork network;
  private final String chainId;
  private final Submitters submitters;
  private final CommitCounter counter;
  private final ScheduledExecutorService retries =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "load-retry");
            thread.setDaemon(true);
            return thread;
          });

  LoadDriver(LoadNetwork network, String chainId, Submitters submitters, CommitCounter counter) {
    this.network = network;
    this.chainId = chainId;
    this.submitters = submitters;
    this.counter = counter;
  }

  /** Runs a phase: {@code offeredPerSecond} ≤ 0 is the closed loop over {@code active}. */
  PhaseResult run(
      String name,
      List<Submitter> active,
      double offeredPerSecond,
      long warmupMillis,
      long measureMillis)
      throws InterruptedException {
    Phase phase = new Phase();
    long start = System.nanoTime();
    phase.measureFrom = start + warmupMillis * 1_000_000L;
    phase.measureTo = phase.measureFrom + measureMillis * 1_000_000L;
    if (offeredPerSecond <= 0) {
      phase.closedLoop = true;
      for (Submitter submitter : active) {
        send(phase, submitter);
      }
      sleepUntil(phase.measureFrom);
    } else {
      phase.idle.addAll(active);
      pace(phase, offeredPerSecond, start, phase.measureFrom);
    }
    CommitCounter.Snapshot from = counter.snapshot();
    long cpuFrom = network.nodesCpuNanos();
    if (phase.closedLoop) {
      sleepUntil(phase.measureTo);
    } else {
      pace(phase, offeredPerSecond, start, phase.measureTo);
    }
    CommitCounter.Snapshot to = counter.snapshot();
    long cpuNanos = network.nodesCpuNanos() - cpuFrom;
    phase.stopping = true;
    drain(phase);
    double seconds = (to.nanos() - from.nanos()) / 1e9;
    long blocks = CommitCounter.blocks(from, to);
    long committed = CommitCounter.committedEverywhere(from, to);
    Histogram latency = phase.latency;
    return new PhaseResult(
        name,
        Math.max(0, offeredPerSecond),
        committed / seconds,
        phase.acknowledged.get() / (measureMillis / 1000.0),
        latency.getValueAtPercentile(50) / 1000.0,
        latency.getValueAtPercentile(99) / 1000.0,
        latency.getMaxValue() / 1000.0,
        blocks == 0 ? 0 : (double) (to.transactions()[0] - from.transactions()[0]) / blocks,
        phase.errors.values().stream().mapToLong(AtomicLong::get).sum(),
        phase.busy.get(),
        phase.missed.get(),
        cpuNanos / 1e9 / seconds,
        committed / Math.max(1e-9, cpuNanos / 1e9));
  }

  /** Offers sends at {@code rate} per second from {@code start} until {@code until}. */
  private void pace(Phase phase, double rate, long start, long until) {
    while (true) {
      long now = System.nanoTime();
      if (now >= until) {
        return;
      }
      long due = (long) (rate * (now - start) / 1e9);
      while (phase.offered < due) {
        Submitter submitter = phase.idle.poll();
        phase.offered++;
        if (submitter == null) {
          phase.missed.incrementAndGet();
        } else {
          send(phase, submitter);
        }
      }
      LockSupport.parkNanos(200_000);
    }
  }

  private void send(Phase phase, Submitter submitter) {
    Transaction transaction = submitter.poll();
    if (transaction == null) {
      phase.signedDuringRun.incrementAndGet();
      transaction = submitters.sign(submitter);
    }
    Transaction sent = transaction;
    long sendNanos = System.nanoTime();
    phase.inFlight.incrementAndGet();
    network
        .asyncApi(submitter.node())
        .withDeadlineAfter(SUBMIT_DEADLINE_SECONDS, TimeUnit.SECONDS)
        .submit(
            SubmitRequest.newBuilder()
                .setChainId(chainId)
                .setTransaction(sent)
                .setWaitForCommit(true)
                .build(),
            new StreamObserver<SubmitResponse>() {
              @Override
              public void onNext(SubmitResponse response) {
                if (response.getState() == SubmitResponse.State.COMMITTED) {
                  phase.committed(sendNanos, System.nanoTime());
                } else {
                  phase.error("not committed: " + response.getState());
                }
              }

              @Override
              public void onError(Throwable failure) {
                Status status = Status.fromThrowable(failure);
                if (status.getCode() == Status.Code.RESOURCE_EXHAUSTED) {
                  phase.busy.incrementAndGet();
                  submitter.putBack(sent);
                  phase.inFlight.decrementAndGet();
                  retries.schedule(
                      () -> next(phase, submitter), BUSY_RETRY_MILLIS, TimeUnit.MILLISECONDS);
                  return;
                }
                phase.error(status.getCode() + ": " + abbreviate(status.getDescription()));
                phase.inFlight.decrementAndGet();
                next(phase, submitter);
              }

              @Override
              public void onCompleted() {
                phase.inFlight.decrementAndGet();
                next(phase, submitter);
              }
            });
  }

  private void next(Phase phase, Submitter submitter) {
    if (phase.stopping) {
      return;
    }
    if (phase.closedLoop) {
      send(phase, submitter);
    } else {
      phase.idle.add(submitter);
    }
  }

  private static void drain(Phase phase) throws InterruptedException {
    long deadline = System.nanoTime() + DRAIN_MILLIS * 1_000_000L;
    while (phase.inFlight.get() > 0 && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(20);
    }
    if (phase.inFlight.get() > 0) {
      throw new IllegalStateException(
          phase.inFlight.get() + " submissions still outstanding after the phase");
    }
    if (!phase.errors.isEmpty()) {
      System.out.println("  errors: " + phase.errors);
    }
    if (phase.signedDuringRun.get() > 0) {
      System.out.println("  signed during the run: " + phase.signedDuringRun.get());
    }
  }

  private static String abbreviate(String description) {
    if (description == null) {
      return "";
    }
    return description.length() <= 60 ? description : description.substring(0, 60) + "...";
  }

  private static void sleepUntil(long nanos) throws InterruptedException {
    long left;
    while ((left = nanos - System.nanoTime()) > 0) {
      TimeUnit.NANOSECONDS.sleep(left);
    }
  }

  /** The mutable state of one phase, shared by the pacer and the gRPC callbacks. */
  private static final class Phase {
    final ConcurrentLinkedQueue<Submitter> idle = new ConcurrentLinkedQueue<>();
    final Histogram latency = new Histogram(TimeUnit.SECONDS.toMicros(120), 3);
    final AtomicLong inFlight = new AtomicLong();
    final AtomicLong acknowledged = new AtomicLong();
    final AtomicLong busy = new AtomicLong();
    final AtomicLong missed = new AtomicLong();
    final AtomicLong signedDuringRun = new AtomicLong();
    final Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
    volatile long measureFrom;
    volatile long measureTo;
    volatile boolean stopping;
    boolean closedLoop;
    long offered;

    void committed(long sendNanos, long nowNanos) {
      if (sendNanos >= measureFrom && sendNanos < measureTo) {
        synchronized (latency) {
          latency.recordValue(
              Math.min((nowNanos - sendNanos) / 1000, latency.getHighestTrackableValue()));
        }
      }
      if (nowNanos >= measureFrom && nowNanos < measureTo) {
        acknowledged.incrementAndGet();
      }
    }

    void error(String what) {
      errors.computeIfAbsent(what, key -> new AtomicLong()).incrementAndGet();
    }
  }
}
