package org.govchain.benchmarks.network;

import java.util.ArrayDeque;
import java.util.Deque;
import org.govchain.core.crypto.PrivateKey;
import org.govchain.core.proto.Transaction;

/**
 * One load submitter: a registered terminal with its own key, bound to one node, holding its
 * pre-signed transactions in nonce order. It has at most one transaction outstanding: nonces must
 * grow per submitter, and two of its transactions in flight at once could reach the primary out of
 * order (verification runs in parallel), making the lower one stale.
 */
final class Submitter {
  private final String terminalId;
  private final PrivateKey key;
  private final int node;
  private final Deque<Transaction> signed = new ArrayDeque<>();
  private long nonce;

  Submitter(String terminalId, PrivateKey key, int node, long firstNonce) {
    this.terminalId = terminalId;
    this.key = key;
    this.node = node;
    this.nonce = firstNonce;
  }

  String terminalId() {
    return terminalId;
  }

  PrivateKey key() {
    return key;
  }

  int node() {
    return node;
  }

  synchronized long nextNonce() {
    return ++nonce;
  }

  synchronized int signedCount() {
    return signed.size();
  }

  synchronized void addSigned(Transaction transaction) {
    signed.addLast(transaction);
  }

  /** The next pre-signed transaction, or null when none is left. */
  synchronized Transaction poll() {
    return signed.pollFirst();
  }

  /** Puts back a transaction the node refused for now (busy): it is sent again first. */
  synchronized void putBack(Transaction transaction) {
    signed.addFirst(transaction);
  }
}
