package org.govchain.node.chain;

import org.govchain.core.chain.ChainId;
import org.govchain.core.chain.ValidatorSet;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.crypto.Hash;
import org.govchain.core.proto.Genesis;
import org.govchain.subchains.ChainKind;
import org.govchain.subchains.Ledger;

/**
 * One hosted chain as fixed by its genesis file.
 *
 * @param genesisHash the chain's identity: H("govchain/v1/genesis" || genesis); peers and blocks of
 *     another genesis are refused
 * @param selfIndex this node's index in the validator set
 */
public record ChainSetup(
    ChainId id,
    ChainKind kind,
    Genesis genesis,
    Hash genesisHash,
    CryptoSuite suite,
    ValidatorSet validators,
    int selfIndex,
    Ledger ledger) {

  /** Largest encoded transaction this chain accepts. */
  public int maxTransactionBytes() {
    int fromGenesis = genesis.getParams().getMaxTransactionBytes();
    return fromGenesis > 0 ? fromGenesis : 256 * 1024;
  }

  /** Most transactions in one block. */
  public int maxBlockTransactions() {
    int fromGenesis = genesis.getParams().getMaxBlockTransactions();
    return fromGenesis > 0 ? fromGenesis : 1_000;
  }

  public int checkpointInterval() {
    int fromGenesis = genesis.getParams().getCheckpointInterval();
    return fromGenesis > 0 ? fromGenesis : 64;
  }

  @Override
  public String toString() {
    return id + "@" + genesisHash.shortHex();
  }
}
