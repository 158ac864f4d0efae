package org.govchain.benchmarks.pbft;

import com.google.protobuf.ByteString;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.govchain.core.chain.Blocks;
import org.govchain.core.chain.CertificateCheck;
import org.govchain.core.chain.ChainId;
import org.govchain.core.chain.NodeId;
import org.govchain.core.chain.ValidatorSet;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.crypto.Hash;
import org.govchain.core.crypto.KeyPair;
import org.govchain.core.crypto.Signature;
import org.govchain.core.merkle.MerkleTree;
import org.govchain.core.proto.Block;
import org.govchain.core.proto.BlockHeader;
import org.govchain.core.proto.CommitCertificate;
import org.govchain.core.proto.Transaction;
import org.govchain.core.proto.TransactionBody;
import org.govchain.pbft.Action;
import org.govchain.pbft.Event;
import org.govchain.pbft.PbftConfig;
import org.govchain.pbft.Replica;
import org.govchain.pbft.Signer;

/**
 * n replicas of the pure PBFT core wired to each other in one thread: messages go through a FIFO
 * queue with no loss, signing is stubbed (a constant signature that always verifies), the node's
 * execution is a header built over the transaction ids. What remains is the protocol's own cost:
 * message construction, bookkeeping, certificate assembly, persistence snapshots.
 */
final class InProcessCluster {
  /** A signer that signs and verifies nothing: crypto is measured separately. */
  static final class StubSigner implements Signer {
    private final Signature constant;

    StubSigner() {
      try {
        constant = Signature.of(new byte[64]);
      } catch (org.govchain.core.MalformedInputException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public Signature sign(byte[] preimage) {
      return constant;
    }

    @Override
    public boolean verify(int replica, byte[] preimage, Signature signature) {
      return true;
    }

    @Override
    public CertificateCheck verifyCertificate(
        CommitCertificate certificate, long height, Hash blockHash) {
      return CertificateCheck.ACCEPTED;
    }
  }

  private record Message(int from, int to, Event event) {}

  private final CryptoSuite suite = CryptoSuite.intl();
  private final ChainId chain = new ChainId("bench-chain");
  private final Replica[] replicas;
  private final ArrayDeque<Message> queue = new ArrayDeque<>();
  private long nonce;
  private long persistedBytes;

  InProcessCluster(int n, int blockTransactionsMax) {
    List<ValidatorSet.Member> members = new ArrayList<>();
    SecureRandom random = new SecureRandom();
    for (int i = 0; i < n; i++) {
      KeyPair pair = suite.generateKeyPair(random);
      members.add(
          new ValidatorSet.Member(
              i,
              new NodeId("department-" + i),
              pair.publicKey(),
              suite.hash(new byte[] {(byte) i})));
    }
    ValidatorSet validators = ValidatorSet.of(members);
    Hash genesis = suite.hash(new byte[] {0});
    replicas = new Replica[n];
    for (int i = 0; i < n; i++) {
      PbftConfig config =
          new PbftConfig(
              chain,
              validators,
              i,
              suite,
              genesis,
              100,
              200,
              1,
              blockTransactionsMax,
              100_000,
              100_000,
              1_000_000,
              1_000_000,
              1_000_000,
              1_000_000,
              64,
              64 * 1024 * 1024,
              16);
      replicas[i] = Replica.create(config, new StubSigner());
      run(i, new Event.Start());
    }
  }

  /** Submits {@code count} new transactions to every replica and runs until all is delivered. */
  void commitOneBlock(int count) {
    List<Transaction> transactions = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      transactions.add(transaction());
    }
    for (int i = 0; i < replicas.length; i++) {
      run(i, new Event.TransactionsSubmitted(transactions));
    }
    while (!queue.isEmpty()) {
      Message message = queue.pollFirst();
      run(message.to(), message.event());
    }
  }

  long height() {
    return replicas[0].executedHeight();
  }

  long persistedBytes() {
    return persistedBytes;
  }

  private Transaction transaction() {
    TransactionBody body =
        TransactionBody.newBuilder()
            .setChainId(chain.value())
            .setType("bench.op")
            .setPayload(ByteString.copyFromUtf8("payload-" + nonce))
            .setSubmitter(ByteString.copyFrom(new byte[32]))
            .setNonce(++nonce)
            .build();
    return Transaction.newBuilder()
        .setBody(body.toByteString())
        .setSignature(ByteString.copyFrom(new byte[64]))
        .build();
  }

  private void run(int replica, Event event) {
    for (Action action : replicas[replica].step(event).actions()) {
      carryOut(replica, action);
    }
  }

  private void carryOut(int replica, Action action) {
    if (action instanceof Action.Broadcast broadcast) {
      for (int peer = 0; peer < replicas.length; peer++) {
        if (peer != replica) {
          queue.addLast(
              new Message(replica, peer, new Event.MessageReceived(replica, broadcast.message())));
        }
      }
    } else if (action instanceof Action.Send send) {
      queue.addLast(
          new Message(replica, send.to(), new Event.MessageReceived(replica, send.message())));
    } else if (action instanceof Action.BuildProposal build) {
      Block block = build(build, replica);
      queue.addLast(
          new Message(
              replica, replica, new Event.ProposalBuilt(build.view(), build.height(), block)));
    } else if (action instanceof Action.ValidateBlock validate) {
      queue.addLast(
          new Message(
              replica,
              replica,
              new Event.BlockValidated(validate.height(), validate.blockHash(), true, "")));
    } else if (action instanceof Action.Persist persist) {
      persistedBytes += persist.state().getSerializedSize();
    }
  }

  private Block build(Action.BuildProposal build, int proposer) {
    List<Hash> ids = Blocks.transactionIds(suite, build.transactions());
    BlockHeader header =
        BlockHeader.newBuilder()
            .setChainId(chain.value())
            .setHeight(build.height())
            .setPreviousHash(build.previousHash().toByteString())
            .setTransactionsRoot(MerkleTree.root(suite, ids).toByteString())
            .setStateRoot(Hash.ZERO.toByteString())
            .setTransactionCount(ids.size())
            .setProposerIndex(proposer)
            .build();
    return Block.newBuilder().setHeader(header).addAllTransactions(build.transactions()).build();
  }
}
