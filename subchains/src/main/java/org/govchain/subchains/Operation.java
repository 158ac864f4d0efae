package org.govchain.subchains;

import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import java.util.Set;
import org.govchain.core.chain.DecodedTransaction;

/**
 * One transaction type of a chain: its payload message, the chains it reads, its stateless check
 * and its state transition.
 */
public final class Operation<P extends Message> {
  /** Stateless checks of a decoded payload. */
  @FunctionalInterface
  public interface Check<P> {
    void check(P payload, DecodedTransaction transaction) throws Refusal;
  }

  /** Stateful checks, then the writes; throws before writing anything it refuses. */
  @FunctionalInterface
  public interface Apply<P> {
    void apply(P payload, Execution execution) throws Refusal;
  }

  private final String type;
  private final Parser<P> parser;
  private final Set<ChainKind> reads;
  private final Check<P> check;
  private final Apply<P> apply;

  public Operation(
      String type, Parser<P> parser, Set<ChainKind> reads, Check<P> check, Apply<P> apply) {
    this.type = type;
    this.parser = parser;
    this.reads = Set.copyOf(reads);
    this.check = check;
    this.apply = apply;
  }

  public String type() {
    return type;
  }

  public Parser<P> parser() {
    return parser;
  }

  public Set<ChainKind> reads() {
    return reads;
  }

  void check(P payload, DecodedTransaction transaction) throws Refusal {
    check.check(payload, transaction);
  }

  void apply(P payload, Execution execution) throws Refusal {
    apply.apply(payload, execution);
  }
}
