package org.govchain.node.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.govchain.core.state.StateEntry;
import org.govchain.core.state.StateReader;
import org.junit.jupiter.api.Test;

class RememberingReaderTest {
  /** A fixed state that counts the reads reaching it. */
  private static final class CountingState implements StateReader {
    final Map<ByteString, ByteString> entries = new HashMap<>();
    final List<ByteString> reads = new ArrayList<>();
    int scans;

    @Override
    public long height() {
      return 7;
    }

    @Override
    public Optional<ByteString> get(ByteString key) {
      reads.add(key);
      return Optional.ofNullable(entries.get(key));
    }

    @Override
    public List<StateEntry> scan(ByteString prefix, ByteString startAfter, int limit) {
      scans++;
      return List.of(new StateEntry(prefix, prefix));
    }
  }

  @Test
  void eachKeyPresentOrAbsentIsReadFromTheViewOnce() {
    CountingState state = new CountingState();
    state.entries.put(key("department/a"), key("A"));
    RememberingReader reader = new RememberingReader(state);

    for (int i = 0; i < 3; i++) {
      assertEquals(Optional.of(key("A")), reader.get(key("department/a")));
      assertEquals(Optional.empty(), reader.get(key("department/missing")));
    }
    assertEquals(List.of(key("department/a"), key("department/missing")), state.reads);
    assertEquals(7, reader.height());
  }

  @Test
  void scansAreReadThroughAndTheMemoryIsBounded() {
    CountingState state = new CountingState();
    RememberingReader reader = new RememberingReader(state);
    reader.scan(key("p"), ByteString.EMPTY, 10);
    reader.scan(key("p"), ByteString.EMPTY, 10);
    assertEquals(2, state.scans);

    for (int i = 0; i < RememberingReader.REMEMBERED_MAX + 10; i++) {
      reader.get(key("k/" + i));
    }
    int before = state.reads.size();
    reader.get(key("k/0"));
    reader.get(key("k/" + (RememberingReader.REMEMBERED_MAX + 5)));
    assertEquals(
        before + 1, state.reads.size(), "the first keys remembered, later ones read again");
  }

  private static ByteString key(String text) {
    return ByteString.copyFromUtf8(text);
  }
}
