package org.govchain.storage;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import org.govchain.core.state.StateEntry;
import org.govchain.core.state.StateReader;

/** One scan of an overlay: the base's entries merged with the overlay's writes, in key order. */
final class OverlayScan {
  private static final Comparator<ByteString> ORDER = StateOverlay.ORDER;

  private final StateReader base;
  private final ByteString prefix;
  private final int limit;
  private final Iterator<Map.Entry<ByteString, Optional<ByteString>>> written;
  private Map.Entry<ByteString, Optional<ByteString>> nextWritten;
  private List<StateEntry> basePage;
  private int basePosition;
  private ByteString baseCursor;

  OverlayScan(
      StateReader base,
      NavigableMap<ByteString, Optional<ByteString>> writes,
      ByteString prefix,
      ByteString startAfter,
      int limit) {
    this.base = base;
    this.prefix = prefix;
    this.limit = limit;
    boolean afterStart = !startAfter.isEmpty() && ORDER.compare(startAfter, prefix) >= 0;
    this.written =
        (afterStart ? writes.tailMap(startAfter, false) : writes.tailMap(prefix, true))
            .entrySet()
            .iterator();
    this.baseCursor = startAfter;
    this.basePage = base.scan(prefix, startAfter, limit);
    advanceWritten();
  }

  private void advanceWritten() {
    nextWritten = null;
    if (written.hasNext()) {
      Map.Entry<ByteString, Optional<ByteString>> entry = written.next();
      if (entry.getKey().startsWith(prefix)) {
        nextWritten = entry;
      }
    }
  }

  private StateEntry peekBase() {
    if (basePosition == basePage.size()) {
      if (basePage.size() < limit) {
        return null;
      }
      basePage = base.scan(prefix, baseCursor, limit);
      basePosition = 0;
      if (basePage.isEmpty()) {
        return null;
      }
    }
    return basePage.get(basePosition);
  }

  private void consumeBase() {
    baseCursor = basePage.get(basePosition).key();
    basePosition++;
  }

  List<StateEntry> run() {
    List<StateEntry> out = new ArrayList<>(Math.min(limit, 256));
    while (out.size() < limit) {
      StateEntry baseEntry = peekBase();
      if (nextWritten == null && baseEntry == null) {
        break;
      }
      int order =
          nextWritten == null
              ? 1
              : baseEntry == null ? -1 : ORDER.compare(nextWritten.getKey(), baseEntry.key());
      if (order <= 0) {
        if (order == 0) {
          consumeBase();
        }
        ByteString key = nextWritten.getKey();
        nextWritten.getValue().ifPresent(value -> out.add(new StateEntry(key, value)));
        advanceWritten();
      } else {
        out.add(baseEntry);
        consumeBase();
      }
    }
    return out;
  }
}
