package org.govchain.subchains;

import com.google.protobuf.Message;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.govchain.core.MalformedInputException;
import org.govchain.core.chain.ChainId;
import org.govchain.core.chain.DecodedTransaction;
import org.govchain.core.codec.Canonical;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.subchains.state.BufferedState;
import org.govchain.subchains.state.Nonces;

/** A ledger made of typed operations: the dispatch, decoding, nonce and atomicity for all five. */
public final class TypedLedger implements Ledger {
  /** Payloads are stored inside records of at most 64 KiB: keep them well under. */
  public static final int MAX_PAYLOAD_BYTES = 48 * 1024;

  private final ChainKind kind;
  private final ChainId chainId;
  private final CryptoSuite suite;
  private final Map<String, Operation<?>> operations;

  public TypedLedger(
      ChainKind kind, Network network, CryptoSuite suite, List<Operation<?>> operations) {
    this.kind = kind;
    this.chainId = network.chainId(kind);
    this.suite = suite;
    Map<String, Operation<?>> byType = new LinkedHashMap<>();
    for (Operation<?> operation : operations) {
      if (!operation.type().startsWith(kind.suffix() + ".")) {
        throw new IllegalArgumentException(operation.type() + " is not a " + kind + " operation");
      }
      if (byType.put(operation.type(), operation) != null) {
        throw new IllegalArgumentException("operation " + operation.type() + " defined twice");
      }
    }
    this.operations = Map.copyOf(byType);
  }

  @Override
  public ChainKind kind() {
    return kind;
  }

  public ChainId chainId() {
    return chainId;
  }

  @Override
  public Set<String> transactionTypes() {
    return operations.keySet();
  }

  @Override
  public Set<ChainKind> reads(String type) {
    Operation<?> operation = operations.get(type);
    return operation == null ? Set.of() : operation.reads();
  }

  @Override
  public java.util.Optional<com.google.protobuf.Message> payloadPrototype(String type) {
    Operation<?> operation = operations.get(type);
    if (operation == null) {
      return java.util.Optional.empty();
    }
    try {
      // The empty encoding parses to the default instance of the payload's message type.
      return java.util.Optional.of(
          operation.parser().parseFrom(com.google.protobuf.ByteString.EMPTY));
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new IllegalStateException("an empty payload did not parse for " + type, e);
    }
  }

  @Override
  public Verdict check(DecodedTransaction transaction) {
    try {
      decodeAndCheck(operation(transaction), transaction);
      return Verdict.ACCEPTED;
    } catch (Refusal refusal) {
      return refusal.verdict();
    }
  }

  @Override
  public Verdict execute(DecodedTransaction transaction, ExecutionContext context) {
    try {
      run(operation(transaction), transaction, context);
      return Verdict.ACCEPTED;
    } catch (Refusal refusal) {
      return refusal.verdict();
    }
  }

  /** {@link #execute} without repeating {@link #check}, which the caller says accepted it. */
  @Override
  public Verdict executeChecked(DecodedTransaction transaction, ExecutionContext context) {
    try {
      runChecked(operation(transaction), transaction, context);
      return Verdict.ACCEPTED;
    } catch (Refusal refusal) {
      return refusal.verdict();
    }
  }

  private <P extends Message> void run(
      Operation<P> operation, DecodedTransaction transaction, ExecutionContext context)
      throws Refusal {
    run(operation, transaction, context, decodeAndCheck(operation, transaction));
  }

  private <P extends Message> void runChecked(
      Operation<P> operation, DecodedTransaction transaction, ExecutionContext context)
      throws Refusal {
    run(operation, transaction, context, decode(operation, transaction));
  }

  private <P extends Message> void run(
      Operation<P> operation, DecodedTransaction transaction, ExecutionContext context, P payload)
      throws Refusal {
    BufferedState buffer = new BufferedState(context.state());
    Nonces.advance(buffer, transaction.submitter(), transaction.nonce());
    operation.apply(
        payload, new Execution(transaction, kind, suite, context, buffer, operation.reads()));
    buffer.flush();
  }

  private Operation<?> operation(DecodedTransaction transaction) throws Refusal {
    if (!transaction.chainId().equals(chainId)) {
      throw new Refusal(
          RefusalCode.WRONG_CHAIN,
          "transaction is for chain " + transaction.chainId() + ", this is " + chainId);
    }
    Operation<?> operation = operations.get(transaction.type());
    if (operation == null) {
      throw new Refusal(
          RefusalCode.UNKNOWN_TYPE,
          "'" + transaction.type() + "' is not an operation of the " + kind + " chain");
    }
    return operation;
  }

  private <P extends Message> P decodeAndCheck(
      Operation<P> operation, DecodedTransaction transaction) throws Refusal {
    P payload = decode(operation, transaction);
    operation.check(payload, transaction);
    return payload;
  }

  private static <P extends Message> P decode(
      Operation<P> operation, DecodedTransaction transaction) throws Refusal {
    try {
      return Canonical.decode(
          operation.parser(),
          transaction.payload(),
          MAX_PAYLOAD_BYTES,
          operation.type() + " payload");
    } catch (MalformedInputException e) {
      throw new Refusal(RefusalCode.MALFORMED_PAYLOAD, e.getMessage());
    }
  }
}
