package org.govchain.pbft;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.List;
import org.govchain.core.MalformedInputException;
import org.govchain.core.chain.Blocks;
import org.govchain.core.chain.CertificateCheck;
import org.govchain.core.crypto.Hash;
import org.govchain.core.crypto.Signature;
import org.govchain.core.proto.CommitCertificate;
import org.govchain.pbft.proto.CheckpointProof;
import org.govchain.pbft.proto.NewView;
import org.govchain.pbft.proto.NewViewEntry;
import org.govchain.pbft.proto.PreparedProof;
import org.govchain.pbft.proto.ViewChange;
import org.govchain.pbft.proto.Vote;

/**
 * Checks the evidence carried by view changes and new views, and computes the blocks a new view
 * must re-propose. Every check returns null when the evidence holds, or why it does not.
 */
final class Proofs {
  private final PbftConfig config;
  private final Statements statements;
  private final Signer signer;

  Proofs(PbftConfig config, Statements statements, Signer signer) {
    this.config = config;
    this.statements = statements;
    this.signer = signer;
  }

  /** What a new view starts from: a stable checkpoint and the blocks re-proposed above it. */
  record Selection(CheckpointProof checkpoint, List<PreparedProof> chosen) {
    List<NewViewEntry> entries() {
      List<NewViewEntry> out = new ArrayList<>(chosen.size());
      for (PreparedProof proof : chosen) {
        out.add(
            NewViewEntry.newBuilder()
                .setSequence(proof.getSequence())
                .setBlockHash(proof.getBlockHash())
                .build());
      }
      return out;
    }
  }

  String checkCheckpoint(CheckpointProof proof) {
    Hash hash = hash(proof.getBlockHash());
    if (hash == null) {
      return "checkpoint hash is not 32 bytes";
    }
    if (proof.getSequence() == 0) {
      return hash.equals(config.genesisHash()) && proof.getVotesCount() == 0
          ? null
          : "checkpoint 0 is not the genesis";
    }
    if (proof.getSequence() % config.checkpointInterval() != 0) {
      return "checkpoint " + proof.getSequence() + " is not a multiple of the interval";
    }
    return checkVotes(
        proof.getVotesList(),
        config.quorum(),
        -1,
        replica -> statements.checkpoint(proof.getSequence(), hash, replica));
  }

  String checkPrepared(PreparedProof proof) {
    Hash hash = hash(proof.getBlockHash());
    if (hash == null || !proof.hasHeader()) {
      return "prepared proof lacks a block hash or header";
    }
    if (!Blocks.hash(config.suite(), proof.getHeader()).equals(hash)
        || proof.getHeader().getHeight() != proof.getSequence()
        || !proof.getHeader().getChainId().equals(config.chain().value())) {
      return "prepared proof header does not match its hash, height or chain";
    }
    if (proof.getView() >= PbftConfig.VIEW_MAX) {
      return "prepared proof view too high";
    }
    if (proof.hasCommitCertificate()) {
      CommitCertificate certificate = proof.getCommitCertificate();
      CertificateCheck check = signer.verifyCertificate(certificate, proof.getSequence(), hash);
      if (!check.accepted() || certificate.getView() != proof.getView()) {
        return "commit certificate refused: " + check.detail();
      }
      return null;
    }
    int primary = config.primary(proof.getView());
    Signature prePrepare = signature(proof.getPrePrepareSignature());
    byte[] prePrepareImage =
        statements.prePrepare(proof.getView(), proof.getSequence(), hash, primary);
    if (prePrepare == null || !signer.verify(primary, prePrepareImage, prePrepare)) {
      return "prepared proof has a bad pre-prepare signature";
    }
    return checkVotes(
        proof.getPreparesList(),
        config.quorum() - 1,
        primary,
        replica -> statements.prepare(proof.getView(), proof.getSequence(), hash, replica));
  }

  private interface Preimage {
    byte[] of(int replica);
  }

  private String checkVotes(List<Vote> votes, int needed, int excluded, Preimage preimage) {
    if (votes.size() > config.replicas()) {
      return "more votes than replicas";
    }
    int previous = -1;
    for (Vote vote : votes) {
      int replica = vote.getReplica();
      if (replica <= previous || !config.validators().contains(replica) || replica == excluded) {
        return "votes unsorted, duplicated or from a non-member";
      }
      Signature signature = signature(vote.getSignature());
      if (signature == null || !signer.verify(replica, preimage.of(replica), signature)) {
        return "bad signature of replica " + replica;
      }
      previous = replica;
    }
    return votes.size() >= needed ? null : votes.size() + " votes, " + needed + " needed";
  }

  /** Checks a view change completely: its form, its evidence, its signature. */
  String checkViewChange(ViewChange change) {
    if (!config.validators().contains(change.getReplica())) {
      return "view change from a non-member";
    }
    if (change.getNewView() == 0 || change.getNewView() >= PbftConfig.VIEW_MAX) {
      return "view change to an impossible view " + change.getNewView();
    }
    String problem = checkCheckpoint(change.getCheckpoint());
    if (problem != null) {
      return problem;
    }
    long low = change.getCheckpoint().getSequence();
    long previous = low;
    for (PreparedProof proof : change.getPreparedList()) {
      if (proof.getSequence() <= previous || proof.getSequence() > low + config.logWindow()) {
        return "prepared proofs unsorted or outside the window";
      }
      if (proof.getView() >= change.getNewView()) {
        return "prepared proof from a view not before the new view";
      }
      problem = checkPrepared(proof);
      if (problem != null) {
        return problem;
      }
      previous = proof.getSequence();
    }
    Signature signature = signature(change.getSignature());
    if (signature == null
        || !signer.verify(change.getReplica(), statements.viewChange(change), signature)) {
      return "bad view-change signature";
    }
    return null;
  }

  /**
   * The new view's starting point, computed the same way by the primary and every backup: the
   * highest stable checkpoint among the view changes; then, height by height above it, the prepared
   * block of the highest view, for as long as each chosen block links to the one before. A height
   * with no prepared block, or whose best block does not link, ends the list: such a block was
   * never committed (see docs/consensus.md), and the primary proposes afresh from there.
   */
  Selection select(List<ViewChange> changes) {
    CheckpointProof checkpoint = changes.get(0).getCheckpoint();
    for (ViewChange change : changes) {
      if (change.getCheckpoint().getSequence() > checkpoint.getSequence()) {
        checkpoint = change.getCheckpoint();
      }
    }
    List<PreparedProof> chosen = new ArrayList<>();
    ByteString previousHash = checkpoint.getBlockHash();
    long limit = checkpoint.getSequence() + config.logWindow();
    for (long sequence = checkpoint.getSequence() + 1; sequence <= limit; sequence++) {
      PreparedProof best = best(changes, sequence);
      if (best == null || !best.getHeader().getPreviousHash().equals(previousHash)) {
        break;
      }
      chosen.add(best);
      previousHash = best.getBlockHash();
    }
    return new Selection(checkpoint, chosen);
  }

  private static PreparedProof best(List<ViewChange> changes, long sequence) {
    PreparedProof best = null;
    for (ViewChange change : changes) {
      for (PreparedProof proof : change.getPreparedList()) {
        if (proof.getSequence() != sequence) {
          continue;
        }
        if (best == null
            || proof.getView() > best.getView()
            || (proof.getView() == best.getView()
                && compare(proof.getBlockHash(), best.getBlockHash()) < 0)) {
          best = proof;
        }
      }
    }
    return best;
  }

  private static int compare(ByteString a, ByteString b) {
    return ByteString.unsignedLexicographicalComparator().compare(a, b);
  }

  /**
   * Checks a new view's form and evidence (not its signature): a quorum of valid view changes for
   * its view from distinct replicas in index order, and entries equal to what they select. {@code
   * known} lists view changes this replica already checked, to skip checking them twice.
   */
  String checkNewViewBody(NewView newView, List<ViewChange> known) {
    List<ViewChange> changes = newView.getViewChangesList();
    if (changes.size() < config.quorum() || changes.size() > config.replicas()) {
      return "new view carries " + changes.size() + " view changes";
    }
    int previous = -1;
    for (ViewChange change : changes) {
      if (change.getReplica() <= previous || change.getNewView() != newView.getView()) {
        return "new view's view changes unsorted, duplicated or for another view";
      }
      previous = change.getReplica();
      if (!known.contains(change)) {
        String problem = checkViewChange(change);
        if (problem != null) {
          return "new view carries a bad view change: " + problem;
        }
      }
    }
    if (!select(changes).entries().equals(newView.getEntriesList())) {
      return "new view entries differ from those its view changes select";
    }
    return null;
  }

  static Hash hash(ByteString bytes) {
    try {
      return Hash.decode(bytes, "hash");
    } catch (MalformedInputException e) {
      return null;
    }
  }

  static Signature signature(ByteString bytes) {
    try {
      return Signature.decode(bytes);
    } catch (MalformedInputException e) {
      return null;
    }
  }
}
