package org.govchain.storage;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.govchain.core.chain.Blocks;
import org.govchain.core.chain.ChainId;
import org.govchain.core.chain.CommitCertificates;
import org.govchain.core.chain.Transactions;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.crypto.Hash;
import org.govchain.core.crypto.KeyPair;
import org.govchain.core.merkle.MerkleTree;
import org.govchain.core.proto.Block;
import org.govchain.core.proto.BlockHeader;
import org.govchain.core.proto.CommitCertificate;
import org.govchain.core.proto.CommitVote;
import org.govchain.core.proto.Transaction;
import org.govchain.core.proto.TransactionBody;
import org.govchain.core.testing.TestValidators;

/** Builds real blocks (signed transactions, real commit certificates) and commits them. */
final class ChainFixture {
  final ChainId chain;
  final CryptoSuite suite;
  private final KeyPair submitter;
  private final TestValidators validators;
  private long nonce;

  ChainFixture(ChainId chain, CryptoSuite suite) {
    this.chain = chain;
    this.suite = suite;
    this.submitter = suite.generateKeyPair(new SecureRandom());
    this.validators = TestValidators.create(suite, 4);
  }

  static ByteString bytes(String text) {
    return ByteString.copyFrom(text, StandardCharsets.UTF_8);
  }

  ChainSpec spec() {
    return new ChainSpec(chain, suite.id());
  }

  List<Transaction> transactions(int count) {
    List<Transaction> transactions = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      nonce++;
      TransactionBody body =
          TransactionBody.newBuilder()
              .setChainId(chain.value())
              .setType("test.put")
              .setPayload(bytes("payload " + nonce))
              .setSubmitter(submitter.publicKey().toByteString())
              .setNonce(nonce)
              .setTimestampMillis(1_700_000_000_000L + nonce)
              .build();
      transactions.add(Transactions.sign(suite, submitter.privateKey(), body));
    }
    return transactions;
  }

  Block block(long height, Hash previous, Hash stateRoot, List<Transaction> transactions) {
    List<Hash> ids = Blocks.transactionIds(suite, transactions);
    BlockHeader header =
        BlockHeader.newBuilder()
            .setChainId(chain.value())
            .setHeight(height)
            .setPreviousHash(previous.toByteString())
            .setTimestampMillis(1_700_000_000_000L + height)
            .setTransactionsRoot(MerkleTree.root(suite, ids).toByteString())
            .setStateRoot(stateRoot.toByteString())
            .setTransactionCount(transactions.size())
            .build();
    return Block.newBuilder().setHeader(header).addAllTransactions(transactions).build();
  }

  CommitCertificate certify(Block block) {
    Hash hash = Blocks.hash(suite, block.getHeader());
    long height = block.getHeader().getHeight();
    CommitCertificate.Builder certificate =
        CommitCertificate.newBuilder()
            .setChainId(chain.value())
            .setView(0)
            .setHeight(height)
            .setBlockHash(hash.toByteString());
    for (int i = 0; i < validators.set().quorum().commit(); i++) {
      certificate.addVotes(
          CommitVote.newBuilder()
              .setValidatorIndex(i)
              .setSignature(
                  CommitCertificates.signVote(suite, validators.key(i), chain, 0, height, hash)
                      .toByteString()));
    }
    return certificate.build();
  }

  static Hash previousHash(ChainStore store) {
    long latest = store.latestHeight();
    if (latest < 0) {
      return Hash.ZERO;
    }
    return Blocks.hash(store.suite(), store.block(latest).orElseThrow().getHeader());
  }

  /** Executes {@code writes} on an overlay of the latest state and commits them as a block. */
  Block commit(ChainStore store, Map<ByteString, Optional<ByteString>> writes, int transactions) {
    return commit(store, writes, transactions, ConsensusLogUpdate.empty());
  }

  Block commit(
      ChainStore store,
      Map<ByteString, Optional<ByteString>> writes,
      int transactions,
      ConsensusLogUpdate log) {
    try (StateView base = store.state()) {
      StateOverlay overlay = StateOverlay.over(base);
      writes.forEach(
          (key, value) -> {
            if (value.isPresent()) {
              overlay.put(key, value.get());
            } else {
              overlay.delete(key);
            }
          });
      StateChanges changes = overlay.changes();
      long height = base.height() + 1;
      Block block = block(height, previousHash(store), changes.root(), transactions(transactions));
      store.commit(
          height == 0
              ? BlockCommit.genesis(block, changes, log)
              : BlockCommit.of(block, certify(block), changes, log));
      return block;
    }
  }
}
