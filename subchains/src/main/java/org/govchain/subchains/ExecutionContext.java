package org.govchain.subchains;

import java.util.EnumMap;
import java.util.Map;
import org.govchain.core.state.StateReader;
import org.govchain.core.state.StateWriter;

/**
 * What a block's execution gives each of its transactions: the block's height and time, this
 * chain's state (writes made so far in the block visible), and read-only views of other chains
 * pinned at the block's anchored heights.
 */
public record ExecutionContext(
    long height, long blockTimeMillis, StateWriter state, Map<ChainKind, StateReader> anchored) {
  public ExecutionContext {
    if (height < 0) {
      throw new IllegalArgumentException("height must be non-negative");
    }
    anchored = anchored.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(anchored));
  }
}
