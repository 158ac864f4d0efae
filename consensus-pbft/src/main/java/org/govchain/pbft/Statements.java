package org.govchain.pbft;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import org.govchain.core.chain.ChainId;
import org.govchain.core.chain.CommitCertificates;
import org.govchain.core.codec.Canonical;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.crypto.Hash;
import org.govchain.pbft.proto.NewView;
import org.govchain.pbft.proto.Statement;
import org.govchain.pbft.proto.ViewChange;

/**
 * The exact bytes each protocol message is signed over: a domain tag of its own (ASCII, then a zero
 * byte) followed by the canonical {@link Statement}. Commits are node-core commit votes. Public so
 * that tools (an auditor's checker, the simulator) can check or produce protocol messages.
 */
public final class Statements {
  public static final String PRE_PREPARE = "govchain/v1/pbft-pre-prepare";
  public static final String PREPARE = "govchain/v1/pbft-prepare";
  public static final String CHECKPOINT = "govchain/v1/pbft-checkpoint";
  public static final String VIEW_CHANGE = "govchain/v1/pbft-view-change";
  public static final String NEW_VIEW = "govchain/v1/pbft-new-view";
  public static final String BODY_DIGEST = "govchain/v1/pbft-body";

  private final ChainId chain;
  private final CryptoSuite suite;

  public Statements(ChainId chain, CryptoSuite suite) {
    this.chain = chain;
    this.suite = suite;
  }

  public byte[] prePrepare(long view, long sequence, Hash blockHash, int primary) {
    return preimage(PRE_PREPARE, view, sequence, blockHash, primary, null);
  }

  public byte[] prepare(long view, long sequence, Hash blockHash, int replica) {
    return preimage(PREPARE, view, sequence, blockHash, replica, null);
  }

  public byte[] commit(long view, long sequence, Hash blockHash) {
    return CommitCertificates.votePreimage(chain, view, sequence, blockHash);
  }

  public byte[] checkpoint(long sequence, Hash blockHash, int replica) {
    return preimage(CHECKPOINT, 0, sequence, blockHash, replica, null);
  }

  public byte[] viewChange(ViewChange unsigned) {
    Hash digest = bodyDigest(unsigned.toBuilder().clearSignature().build().toByteString());
    return preimage(VIEW_CHANGE, unsigned.getNewView(), 0, null, unsigned.getReplica(), digest);
  }

  public byte[] newView(NewView unsigned, int primary) {
    Hash digest = bodyDigest(unsigned.toBuilder().clearSignature().build().toByteString());
    return preimage(NEW_VIEW, unsigned.getView(), 0, null, primary, digest);
  }

  private Hash bodyDigest(ByteString canonicalBody) {
    return suite.newHasher().updateTag(BODY_DIGEST).update(canonicalBody).finish();
  }

  private byte[] preimage(
      String tag, long view, long sequence, Hash blockHash, int replica, Hash bodyDigest) {
    Statement.Builder statement =
        Statement.newBuilder()
            .setChainId(chain.value())
            .setView(view)
            .setSequence(sequence)
            .setReplica(replica);
    if (blockHash != null) {
      statement.setBlockHash(blockHash.toByteString());
    }
    if (bodyDigest != null) {
      statement.setBodyDigest(bodyDigest.toByteString());
    }
    byte[] tagBytes = tag.getBytes(StandardCharsets.US_ASCII);
    byte[] body = Canonical.encode(statement.build());
    byte[] out = new byte[tagBytes.length + 1 + body.length];
    System.arraycopy(tagBytes, 0, out, 0, tagBytes.length);
    System.arraycopy(body, 0, out, tagBytes.length + 1, body.length);
    return out;
  }
}
