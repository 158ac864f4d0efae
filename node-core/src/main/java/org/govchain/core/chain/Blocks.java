package org.govchain.core.chain;

import java.util.ArrayList;
import java.util.List;
import org.govchain.core.codec.Canonical;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.crypto.Hash;
import org.govchain.core.merkle.MerkleTree;
import org.govchain.core.proto.Block;
import org.govchain.core.proto.BlockHeader;
import org.govchain.core.proto.Genesis;
import org.govchain.core.proto.Transaction;

/** Hashes that identify blocks and chains. */
public final class Blocks {
  private Blocks() {}

  /** H("govchain/v1/block" || canonical header). The hash of the block. */
  public static Hash hash(CryptoSuite suite, BlockHeader header) {
    return Domain.BLOCK_HEADER
        .startHash(suite.newHasher())
        .update(Canonical.encode(header))
        .finish();
  }

  /** H("govchain/v1/genesis" || canonical genesis): the chain's identity. */
  public static Hash genesisHash(CryptoSuite suite, Genesis genesis) {
    return Domain.GENESIS.startHash(suite.newHasher()).update(Canonical.encode(genesis)).finish();
  }

  /** The ids of a block's transactions, in block order. */
  public static List<Hash> transactionIds(CryptoSuite suite, List<Transaction> transactions) {
    List<Hash> ids = new ArrayList<>(transactions.size());
    for (Transaction transaction : transactions) {
      ids.add(Transactions.id(suite, transaction.getBody()));
    }
    return ids;
  }

  /** The Merkle root over the ids of {@code block}'s transactions. */
  public static Hash transactionsRoot(CryptoSuite suite, Block block) {
    return MerkleTree.root(suite, transactionIds(suite, block.getTransactionsList()));
  }
}
