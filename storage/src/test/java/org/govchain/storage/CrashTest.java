package org.govchain.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.protobuf.ByteString;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.govchain.core.crypto.Hash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a writer process with SIGKILL at random moments while it commits blocks, reopens the store
 * each time and checks durability and atomicity. {@code -Dgovchain.crash.kills=N} sets the number
 * of kills (24 in the normal suite); {@code -Dgovchain.crash.seed=S} replays a run.
 */
class CrashTest {
  @TempDir Path directory;

  @Test
  @Timeout(value = 4, unit = TimeUnit.HOURS)
  void everyAcknowledgedBlockSurvivesSigkillAndNoHalfBlockIsEverVisible() throws Exception {
    int kills = Integer.getInteger("govchain.crash.kills", 24);
    long seed = Long.getLong("govchain.crash.seed", System.nanoTime());
    Random random = new Random(seed);
    Path store = directory.resolve("store");
    Model model = new Model(seed);
    long acknowledgedMax = -1;
    for (int kill = 0; kill < kills; kill++) {
      String context = "seed " + seed + ", kill " + kill;
      long started = System.nanoTime();
      long acknowledged =
          runAndKill(store, seed, random.nextInt(4), 1 + random.nextInt(60), context);
      acknowledgedMax = Math.max(acknowledgedMax, acknowledged);
      long ran = System.nanoTime();
      verify(store, model, acknowledgedMax, context);
      System.err.printf(
          "%s: run %d ms, verify %d ms, acked %d%n",
          context,
          (ran - started) / 1_000_000,
          (System.nanoTime() - ran) / 1_000_000,
          acknowledgedMax);
    }
    assertTrue(acknowledgedMax >= kills, "the writer made progress: " + acknowledgedMax);
  }

  /**
   * Starts the writer; once it printed {@code linesBeforeKill} lines, lets it run on for {@code
   * delayMillis} (it never exits by itself: the wait is the random point in its work where it
   * dies), then kills it. Returns the last height it acknowledged.
   */
  private long runAndKill(
      Path store, long seed, int linesBeforeKill, int delayMillis, String context)
      throws IOException, InterruptedException {
    Path errors = directory.resolve("writer-errors.txt");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process writer =
        new ProcessBuilder(
                java,
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                CrashWriter.class.getName(),
                store.toString(),
                Long.toString(seed),
                "1000000")
            .redirectError(errors.toFile())
            .start();
    long acknowledged = -1;
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(writer.getInputStream(), StandardCharsets.US_ASCII))) {
      for (int read = 0; read <= linesBeforeKill; read++) {
        String line = lines.readLine();
        if (line == null) {
          fail(context + ": writer stopped by itself: " + Files.readString(errors));
        }
        acknowledged = Math.max(acknowledged, parse(line));
      }
      assertFalse(
          writer.waitFor(delayMillis, TimeUnit.MILLISECONDS),
          context + ": writer stopped by itself: " + Files.readString(errors));
      // SIGKILL: on Linux, destroyForcibly sends signal 9; the writer gets no chance to clean up.
      // Through the handle, so that the pipe stays open for the lines already written.
      writer.toHandle().destroyForcibly();
      assertTrue(writer.waitFor(60, TimeUnit.SECONDS), context + ": writer did not die");
      // Lines already printed were printed after their commit returned: they count too.
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        acknowledged = Math.max(acknowledged, parse(line));
      }
    }
    assertEquals(137, writer.exitValue(), context + ": writer was killed by SIGKILL");
    return acknowledged;
  }

  private static long parse(String line) {
    if (!line.startsWith("COMMITTED ")) {
      throw new AssertionError("unexpected writer output: " + line);
    }
    return Long.parseLong(line.substring("COMMITTED ".length()));
  }

  private void verify(Path path, Model model, long acknowledged, String context)
      throws StoreOpenException {
    try (Store store = Store.open(path, StoreOptions.defaults(), List.of(CrashWorkload.spec()))) {
      ChainStore chain = store.chain(CrashWorkload.CHAIN);
      long latest = StoreAudit.auditChain(chain);
      assertTrue(
          latest >= acknowledged, context + ": acknowledged " + acknowledged + ", found " + latest);
      assertTrue(latest <= acknowledged + 1, context + ": more blocks than were ever started");
      ConsensusLog log = chain.consensusLog();
      assertEquals(
          Optional.of(CrashWorkload.heightBytes(latest)),
          log.get(CrashWorkload.COMMITTED),
          context);
      long progress = Keys.readLong(log.get(CrashWorkload.PROGRESS).orElseThrow().toByteArray(), 0);
      assertTrue(progress == latest || progress == latest + 1, context + ": progress " + progress);
      try (StateView state = chain.state()) {
        assertEquals(
            model.at(latest), StoreAudit.fullState(state), context + ": state at " + latest);
        Hash headerRoot =
            Hash.of(chain.block(latest).orElseThrow().getHeader().getStateRoot().toByteArray());
        ByteString probe = CrashWorkload.key((int) (latest % CrashWorkload.KEY_SPACE));
        try {
          StateProofs.verify(chain.suite(), headerRoot, state.prove(probe));
        } catch (org.govchain.core.MalformedInputException e) {
          fail(context + ": proof at " + latest + ": " + e.getMessage());
        }
      }
    }
  }

  /** The expected state, advanced block by block as far as the checks need. */
  private static final class Model {
    private final long seed;
    private final TreeMap<ByteString, ByteString> state =
        new TreeMap<>(ByteString.unsignedLexicographicalComparator());
    private long height = -1;

    Model(long seed) {
      this.seed = seed;
    }

    Map<ByteString, ByteString> at(long target) {
      assertTrue(target >= height, "heights only grow");
      for (; height < target; ) {
        height++;
        CrashWorkload.writes(seed, height)
            .forEach(
                (key, value) -> {
                  if (value.isPresent()) {
                    state.put(key, value.get());
                  } else {
                    state.remove(key);
                  }
                });
      }
      return state;
    }
  }
}
