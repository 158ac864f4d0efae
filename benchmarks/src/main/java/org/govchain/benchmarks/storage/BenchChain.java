package org.govchain.benchmarks.storage;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.govchain.core.chain.Blocks;
import org.govchain.core.chain.ChainId;
import org.govchain.core.codec.Canonical;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.crypto.Hash;
import org.govchain.core.merkle.MerkleTree;
import org.govchain.core.proto.Block;
import org.govchain.core.proto.BlockHeader;
import org.govchain.core.proto.CommitCertificate;
import org.govchain.core.proto.CommitVote;
import org.govchain.core.proto.Transaction;
import org.govchain.core.proto.TransactionBody;
import org.govchain.storage.BlockCommit;
import org.govchain.storage.ChainSpec;
import org.govchain.storage.ChainStore;
import org.govchain.storage.ConsensusLogUpdate;
import org.govchain.storage.StateChanges;
import org.govchain.storage.StateOverlay;
import org.govchain.storage.StateView;
import org.govchain.storage.Store;
import org.govchain.storage.StoreOpenException;
import org.govchain.storage.StoreOptions;

/**
 * A licence-like chain for the storage benchmarks: 48-byte keys, 512-byte values, SM suite. Blocks
 * carry one transaction and a certificate of three 72-byte votes (storage checks a certificate's
 * block, not its signatures, so the votes are random bytes of a real signature's size).
 */
final class BenchChain {
  static final ChainId CHAIN = new ChainId("bench-license");
  static final CryptoSuite SUITE = CryptoSuite.sm();
  static final int KEY_BYTES = 48;
  static final int VALUE_BYTES = 512;

  private BenchChain() {}

  static ChainSpec spec() {
    return new ChainSpec(CHAIN, SUITE.id());
  }

  static Path benchDirectory(String name) {
    return Path.of(System.getProperty("govchain.bench.dir", "benchmarks/target/storage-bench"))
        .resolve(name);
  }

  static ByteString key(long index) {
    String text = String.format("licence/1.2.156.3005.2.%025d", index);
    return ByteString.copyFrom(text, StandardCharsets.US_ASCII).substring(0, KEY_BYTES);
  }

  static ByteString value(SplittableRandom random) {
    byte[] value = new byte[VALUE_BYTES];
    random.nextBytes(value);
    return ByteString.copyFrom(value);
  }

  static Block block(long height, Hash previous, Hash stateRoot, long nonce) {
    TransactionBody body =
        TransactionBody.newBuilder()
            .setChainId(CHAIN.value())
            .setType("license.issue")
            .setPayload(ByteString.copyFromUtf8("bench " + nonce))
            .setNonce(nonce)
            .build();
    Transaction transaction =
        Transaction.newBuilder()
            .setBody(ByteString.copyFrom(Canonical.encode(body)))
            .setSignature(ByteString.copyFrom(new byte[72]))
            .build();
    List<Hash> ids = Blocks.transactionIds(SUITE, List.of(transaction));
    BlockHeader header =
        BlockHeader.newBuilder()
            .setChainId(CHAIN.value())
            .setHeight(height)
            .setPreviousHash(previous.toByteString())
            .setTimestampMillis(1_700_000_000_000L + height)
            .setTransactionsRoot(MerkleTree.root(SUITE, ids).toByteString())
            .setStateRoot(stateRoot.toByteString())
            .setTransactionCount(1)
            .build();
    return Block.newBuilder().setHeader(header).addTransactions(transaction).build();
  }

  static CommitCertificate certificate(Block block, SplittableRandom random) {
    CommitCertificate.Builder certificate =
        CommitCertificate.newBuilder()
            .setChainId(CHAIN.value())
            .setHeight(block.getHeader().getHeight())
            .setBlockHash(Blocks.hash(SUITE, block.getHeader()).toByteString());
    for (int i = 0; i < 3; i++) {
      byte[] signature = new byte[72];
      random.nextBytes(signature);
      certificate.addVotes(
          CommitVote.newBuilder()
              .setValidatorIndex(i)
              .setSignature(ByteString.copyFrom(signature)));
    }
    return certificate.build();
  }

  static Hash previousHash(ChainStore chain) {
    long latest = chain.latestHeight();
    return latest < 0
        ? Hash.ZERO
        : Blocks.hash(SUITE, chain.block(latest).orElseThrow().getHeader());
  }

  /** The commit of {@code changes} as the next block, with its certificate. */
  /**
   * The changes of a next block: {@link BlockCommitBenchmark#WRITES} random writes over {@link
   * BlockCommitBenchmark#KEY_SPACE} keys, executed on an overlay of the chain's latest state.
   */
  static StateChanges randomBlockChanges(ChainStore chain, SplittableRandom random) {
    try (StateView base = chain.state()) {
      StateOverlay overlay = StateOverlay.over(base);
      for (int i = 0; i < BlockCommitBenchmark.WRITES; i++) {
        overlay.put(key(random.nextLong(BlockCommitBenchmark.KEY_SPACE)), value(random));
      }
      return overlay.changes();
    }
  }

  static BlockCommit nextCommit(ChainStore chain, StateChanges changes, SplittableRandom random) {
    long height = changes.baseHeight() + 1;
    Block block = block(height, previousHash(chain), changes.root(), random.nextLong());
    return height == 0
        ? BlockCommit.genesis(block, changes, ConsensusLogUpdate.empty())
        : BlockCommit.of(block, certificate(block, random), changes, ConsensusLogUpdate.empty());
  }

  /** Commits keys [from, to) with random values as one block. */
  static void commitRange(ChainStore chain, long from, long to, SplittableRandom random) {
    StateChanges changes;
    try (StateView base = chain.state()) {
      StateOverlay overlay = StateOverlay.over(base);
      for (long index = from; index < to; index++) {
        overlay.put(key(index), value(random));
      }
      changes = overlay.changes();
    }
    chain.commit(nextCommit(chain, changes, random));
  }

  /**
   * A store with {@code keys} keys committed in blocks of {@code blockKeys}, built once and reused
   * by later benchmark forks (a file READY marks it complete).
   */
  static Store filledStore(String name, long keys, int blockKeys) throws Exception {
    Path directory = benchDirectory(name);
    StoreOptions options = StoreOptions.defaults().withVerifyChecksumsOnOpen(false);
    if (Files.exists(directory.resolve("READY"))) {
      return Store.open(directory, options, List.of(spec()));
    }
    deleteTree(directory);
    Store store = create(directory, options);
    SplittableRandom random = new SplittableRandom(keys);
    ChainStore chain = store.chain(CHAIN);
    for (long from = 0; from < keys; from += blockKeys) {
      commitRange(chain, from, Math.min(keys, from + blockKeys), random);
    }
    store.flush();
    Files.writeString(directory.resolve("READY"), "complete\n");
    return store;
  }

  private static Store create(Path directory, StoreOptions options) throws StoreOpenException {
    return Store.create(directory, options, List.of(spec()));
  }

  static void deleteTree(Path directory) throws java.io.IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (var files = Files.walk(directory)) {
      for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }
}
