package org.govchain.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.govchain.core.chain.ChainId;
import org.govchain.core.crypto.CryptoSuite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stores whose files were damaged after they were written: each either recovers to a consistent
 * state or refuses to open (or to read) with a message naming the damage; none serves wrong data.
 */
class DamagedStoreTest {
  @TempDir Path directory;
  private final ChainFixture fixture = new ChainFixture(new ChainId("damaged"), CryptoSuite.sm());

  private Store open(boolean verifyChecksums) throws StoreOpenException {
    return Store.open(
        directory,
        StoreOptions.defaults().withVerifyChecksumsOnOpen(verifyChecksums),
        List.of(fixture.spec()));
  }

  /** Commits {@code blocks} blocks of 300 writes each; flushes them to SST files if asked. */
  private void write(int blocks, boolean flush) throws StoreOpenException {
    Random random = new Random(blocks);
    try (Store store = Store.create(directory, StoreOptions.defaults(), List.of(fixture.spec()))) {
      for (int block = 0; block < blocks; block++) {
        Map<ByteString, Optional<ByteString>> writes = new LinkedHashMap<>();
        for (int i = 0; i < 300; i++) {
          byte[] value = new byte[200];
          random.nextBytes(value);
          writes.put(
              ChainFixture.bytes("key/" + random.nextInt(2_000)),
              Optional.of(ByteString.copyFrom(value)));
        }
        fixture.commit(store.chain(fixture.chain), writes, 2);
      }
      if (flush) {
        store.flush();
      }
    }
  }

  private Path largest(String suffix) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files
          .filter(file -> file.getFileName().toString().endsWith(suffix))
          .max(Comparator.comparingLong(DamagedStoreTest::size))
          .orElseThrow(() -> new AssertionError("no " + suffix + " file in " + directory));
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static void flipBytes(Path file, long offset, int count) throws IOException {
    try (RandomAccessFile data = new RandomAccessFile(file.toFile(), "rw")) {
      for (int i = 0; i < count; i++) {
        data.seek(offset + i);
        int b = data.read();
        data.seek(offset + i);
        data.write(b ^ 0x5a);
      }
    }
  }

  @Test
  void aTruncatedWalLosesOnlyItsTornLastBatch() throws Exception {
    write(4, false);
    Path wal = largest(".log");
    assertTrue(size(wal) > 100_000, "blocks are still in the WAL: " + size(wal));
    try (FileChannel channel = FileChannel.open(wal, StandardOpenOption.WRITE)) {
      channel.truncate(size(wal) - 64);
    }
    try (Store store = open(true)) {
      // The torn batch is the last block's: indistinguishable from a crash during its write.
      assertEquals(2, StoreAudit.auditChain(store.chain(fixture.chain)));
    }
  }

  @Test
  void aWalDamagedBeforeItsTailRefusesToOpenNamingTheWal() throws Exception {
    write(4, false);
    Path wal = largest(".log");
    flipBytes(wal, size(wal) / 3, 8);
    StoreOpenException refused = assertThrows(StoreOpenException.class, () -> open(true));
    assertTrue(refused.getMessage().contains("Corruption"), refused.getMessage());
    assertTrue(refused.getMessage().contains(wal.getFileName().toString()), refused.getMessage());
  }

  @Test
  void flippedSstBytesRefuseTheOpenAndAreCaughtOnReadWhenNotVerifiedAtOpen() throws Exception {
    write(6, true);
    Path sst = largest(".sst");
    flipBytes(sst, size(sst) / 2, 16);
    StoreOpenException refused = assertThrows(StoreOpenException.class, () -> open(true));
    assertTrue(refused.getMessage().contains(sst.getFileName().toString()), refused.getMessage());
    assertTrue(refused.getMessage().toLowerCase().contains("checksum"), refused.getMessage());

    try (Store store = open(false)) {
      StoreCorruptionException caught =
          assertThrows(
              StoreCorruptionException.class, () -> readEverything(store.chain(fixture.chain)));
      assertTrue(caught.getMessage().contains(sst.getFileName().toString()), caught.getMessage());
    }
  }

  /** Every block, every entry of every height's state, a proof of every key. */
  private static void readEverything(ChainStore chain) {
    StoreAudit.auditChain(chain);
    for (long height = 0; height <= chain.latestHeight(); height++) {
      try (StateView state = chain.state(height)) {
        for (ByteString key : StoreAudit.fullState(state).keySet()) {
          state.prove(key);
        }
      }
    }
  }

  @Test
  void aMissingSstRefusesToOpenNamingTheFile() throws Exception {
    write(3, true);
    Path sst = largest(".sst");
    Files.delete(sst);
    StoreOpenException refused = assertThrows(StoreOpenException.class, () -> open(false));
    String number = sst.getFileName().toString().replace(".sst", "");
    assertTrue(refused.getMessage().contains(number), refused.getMessage());
  }

  @Test
  void aMissingManifestOrCurrentFileRefusesToOpen() throws Exception {
    write(2, true);
    Path manifest;
    try (Stream<Path> files = Files.list(directory)) {
      manifest =
          files
              .filter(file -> file.getFileName().toString().startsWith("MANIFEST-"))
              .findFirst()
              .orElseThrow();
    }
    Files.delete(manifest);
    StoreOpenException noManifest = assertThrows(StoreOpenException.class, () -> open(false));
    assertTrue(noManifest.getMessage().contains("MANIFEST"), noManifest.getMessage());
    Files.delete(directory.resolve("CURRENT"));
    StoreOpenException noCurrent = assertThrows(StoreOpenException.class, () -> open(false));
    assertTrue(noCurrent.getMessage().contains("no CURRENT file"), noCurrent.getMessage());
  }
}
