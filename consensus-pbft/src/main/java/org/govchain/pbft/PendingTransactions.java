package org.govchain.pbft;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import org.govchain.core.chain.Transactions;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.crypto.Hash;
import org.govchain.core.proto.Transaction;

/**
 * Transactions waiting for a block, in arrival order, deduplicated by transaction id, bounded; and
 * a bounded memory of recently committed ids so that a late copy is not proposed again.
 */
final class PendingTransactions {
  private final CryptoSuite suite;
  private final int pendingMax;
  private final int recentMax;
  private final LinkedHashMap<Hash, Transaction> pending = new LinkedHashMap<>();
  // The ids of the pending transactions, by the transaction: a transaction is looked up by id
  // several times on its way (proposal, exclusion check, commit); an equal message has the same
  // body, so the same id, and a map look-up costs far less than hashing the body again.
  private final HashMap<Transaction, Hash> pendingIds = new HashMap<>();
  private final LinkedHashMap<Hash, Boolean> recentlyCommitted = new LinkedHashMap<>();

  PendingTransactions(CryptoSuite suite, int pendingMax, int recentMax) {
    this.suite = suite;
    this.pendingMax = pendingMax;
    this.recentMax = recentMax;
  }

  Hash id(Transaction transaction) {
    Hash known = pendingIds.get(transaction);
    return known != null ? known : Transactions.id(suite, transaction.getBody());
  }

  /** Adds a transaction; returns false if it is known, committed, or the pool is full. */
  boolean add(Transaction transaction) {
    Hash id = id(transaction);
    if (pending.containsKey(id) || recentlyCommitted.containsKey(id)) {
      return false;
    }
    if (pending.size() >= pendingMax) {
      return false;
    }
    pending.put(id, transaction);
    pendingIds.put(transaction, id);
    return true;
  }

  boolean full() {
    return pending.size() >= pendingMax;
  }

  /** Removes a committed block's transactions and remembers their ids. */
  void committed(List<Transaction> transactions) {
    for (Transaction transaction : transactions) {
      Hash id = id(transaction);
      remove(id);
      recentlyCommitted.put(id, Boolean.TRUE);
      if (recentlyCommitted.size() > recentMax) {
        Iterator<Hash> oldest = recentlyCommitted.keySet().iterator();
        oldest.next();
        oldest.remove();
      }
    }
  }

  /** Removes transactions the node refused to include; they may come back later. */
  void drop(List<Transaction> transactions) {
    for (Transaction transaction : transactions) {
      remove(id(transaction));
    }
  }

  private void remove(Hash id) {
    Transaction removed = pending.remove(id);
    if (removed != null) {
      pendingIds.remove(removed);
    }
  }

  /** Up to {@code max} pending transactions, oldest first, skipping ids in {@code exclude}. */
  List<Transaction> take(int max, Set<Hash> exclude) {
    List<Transaction> out = new ArrayList<>();
    for (var entry : pending.entrySet()) {
      if (out.size() >= max) {
        break;
      }
      if (!exclude.contains(entry.getKey())) {
        out.add(entry.getValue());
      }
    }
    return out;
  }

  boolean isEmpty() {
    return pending.isEmpty();
  }

  int size() {
    return pending.size();
  }
}
