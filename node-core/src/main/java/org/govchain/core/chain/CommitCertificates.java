package org.govchain.core.chain;

import org.govchain.core.codec.Canonical;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.crypto.Hash;
import org.govchain.core.crypto.PrivateKey;
import org.govchain.core.crypto.Signature;
import org.govchain.core.proto.CommitCertificate;
import org.govchain.core.proto.CommitStatement;
import org.govchain.core.proto.CommitVote;

/**
 * Commit votes and the certificates made of them. A vote is a validator's signature over {@code
 * "govchain/v1/commit" || CommitStatement(chain, view, height, block hash)}; a certificate is a
 * quorum of such votes from distinct validators of the chain, checkable by anyone holding the
 * validator set.
 */
public final class CommitCertificates {
  private CommitCertificates() {}

  /**
   * The exact bytes a validator signs to commit {@code blockHash} at {@code height} in {@code
   * view}.
   */
  public static byte[] votePreimage(ChainId chain, long view, long height, Hash blockHash) {
    CommitStatement statement =
        CommitStatement.newBuilder()
            .setChainId(chain.value())
            .setView(view)
            .setHeight(height)
            .setBlockHash(blockHash.toByteString())
            .build();
    return Domain.COMMIT_VOTE.preimage(Canonical.encode(statement));
  }

  public static Signature signVote(
      CryptoSuite suite, PrivateKey key, ChainId chain, long view, long height, Hash blockHash) {
    return suite.sign(key, votePreimage(chain, view, height, blockHash));
  }

  /**
   * Checks that {@code certificate} certifies {@code blockHash} at {@code height} on {@code chain}:
   * votes sorted by validator index with none twice, every voter a validator, every signature
   * valid, and at least a commit quorum of them.
   */
  public static CertificateCheck verify(
      CommitCertificate certificate,
      ChainId chain,
      long height,
      Hash blockHash,
      ValidatorSet validators,
      CryptoSuite suite) {
    if (!certificate.getChainId().equals(chain.value())) {
      return CertificateCheck.refused(
          CertificateCheck.Problem.WRONG_CHAIN,
          "certificate is for chain '" + certificate.getChainId() + "', not " + chain);
    }
    if (certificate.getHeight() != height) {
      return CertificateCheck.refused(
          CertificateCheck.Problem.WRONG_HEIGHT,
          "certificate is for height " + certificate.getHeight() + ", not " + height);
    }
    if (!certificate.getBlockHash().equals(blockHash.toByteString())) {
      return CertificateCheck.refused(
          CertificateCheck.Problem.WRONG_BLOCK, "certificate is for another block hash");
    }
    if (certificate.getVotesCount() > validators.size()) {
      return CertificateCheck.refused(
          CertificateCheck.Problem.UNSORTED_OR_DUPLICATE_VOTE,
          certificate.getVotesCount() + " votes from " + validators.size() + " validators");
    }
    byte[] preimage = votePreimage(chain, certificate.getView(), height, blockHash);
    int previous = -1;
    for (CommitVote vote : certificate.getVotesList()) {
      CertificateCheck problem = checkVote(vote, previous, preimage, validators, suite);
      if (problem != null) {
        return problem;
      }
      previous = vote.getValidatorIndex();
    }
    int needed = validators.quorum().commit();
    if (certificate.getVotesCount() < needed) {
      return CertificateCheck.refused(
          CertificateCheck.Problem.TOO_FEW_VOTES,
          certificate.getVotesCount() + " valid votes, " + needed + " needed");
    }
    return CertificateCheck.ACCEPTED;
  }

  private static CertificateCheck checkVote(
      CommitVote vote, int previous, byte[] preimage, ValidatorSet validators, CryptoSuite suite) {
    int index = vote.getValidatorIndex();
    if (index < 0 || !validators.contains(index)) {
      return CertificateCheck.refused(
          CertificateCheck.Problem.UNKNOWN_VALIDATOR,
          "vote from unknown validator " + Integer.toUnsignedString(index));
    }
    if (index <= previous) {
      return CertificateCheck.refused(
          CertificateCheck.Problem.UNSORTED_OR_DUPLICATE_VOTE,
          "vote of validator " + index + " after validator " + previous);
    }
    ValidatorSet.Member member = validators.member(index);
    Signature signature;
    try {
      signature = Signature.decode(vote.getSignature());
    } catch (org.govchain.core.MalformedInputException e) {
      return CertificateCheck.refused(
          CertificateCheck.Problem.BAD_SIGNATURE,
          "validator " + member.nodeId() + ": " + e.getMessage());
    }
    if (!suite.verify(member.publicKey(), preimage, signature)) {
      return CertificateCheck.refused(
          CertificateCheck.Problem.BAD_SIGNATURE,
          "vote of validator " + index + " (" + member.nodeId() + ") has an invalid signature");
    }
    return null;
  }
}
