package org.govchain.subchains.genesis;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.govchain.core.MalformedInputException;
import org.govchain.core.chain.DecodedTransaction;
import org.govchain.core.chain.Transactions;
import org.govchain.core.proto.Transaction;
import org.govchain.core.state.StateReader;
import org.govchain.subchains.ChainKind;
import org.govchain.subchains.ExecutionContext;
import org.govchain.subchains.Subchains;
import org.govchain.subchains.Verdict;
import org.govchain.subchains.state.MemoryState;

/**
 * Executes genesis content into in-memory states, chain by chain in {@link
 * ChainKind#GENESIS_ORDER}, each reading the chains before it at height 0: the check that a
 * generated genesis is complete and consistent before a network is created from it.
 */
public final class GenesisExecution {
  private GenesisExecution() {}

  /** The state of each chain after its genesis block; fails naming the first refused entry. */
  public static Map<ChainKind, MemoryState> execute(
      Subchains subchains, Map<ChainKind, List<Transaction>> content, long timestampMillis)
      throws MalformedInputException {
    Map<ChainKind, MemoryState> states = new EnumMap<>(ChainKind.class);
    for (ChainKind kind : ChainKind.GENESIS_ORDER) {
      MemoryState state = new MemoryState();
      Map<ChainKind, StateReader> anchored = new EnumMap<>(ChainKind.class);
      states.forEach(anchored::put);
      ExecutionContext context = new ExecutionContext(0, timestampMillis, state, anchored);
      List<Transaction> transactions = content.getOrDefault(kind, List.of());
      for (int i = 0; i < transactions.size(); i++) {
        DecodedTransaction decoded = Transactions.decode(subchains.suite(), transactions.get(i));
        if (!Transactions.verifySignature(subchains.suite(), decoded)) {
          throw new MalformedInputException(kind + " genesis transaction " + i + " is not signed");
        }
        Verdict verdict = subchains.ledger(kind).execute(decoded, context);
        if (verdict instanceof Verdict.Refused refused) {
          throw new MalformedInputException(
              kind
                  + " genesis transaction "
                  + i
                  + " ("
                  + decoded.type()
                  + ") is refused: "
                  + refused.code()
                  + ": "
                  + refused.message());
        }
      }
      state.setHeight(0);
      states.put(kind, state);
    }
    return states;
  }
}
