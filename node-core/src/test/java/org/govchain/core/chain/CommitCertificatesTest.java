package org.govchain.core.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.crypto.Hash;
import org.govchain.core.proto.CommitCertificate;
import org.govchain.core.proto.CommitVote;
import org.govchain.core.testing.TestValidators;
import org.junit.jupiter.api.Test;

class CommitCertificatesTest {
  private static final ChainId CHAIN = new ChainId("haidian-license");
  private static final TestValidators VALIDATORS = TestValidators.create(CryptoSuite.sm(), 4);
  private static final Hash BLOCK = CryptoSuite.sm().hash(new byte[] {1});

  private static CommitVote vote(int index, long view, Hash block) {
    return CommitVote.newBuilder()
        .setValidatorIndex(index)
        .setSignature(
            CommitCertificates.signVote(
                    VALIDATORS.suite(), VALIDATORS.key(index), CHAIN, view, 7, block)
                .toByteString())
        .build();
  }

  private static CommitCertificate.Builder certificate(int... voters) {
    CommitCertificate.Builder builder =
        CommitCertificate.newBuilder()
            .setChainId(CHAIN.value())
            .setView(2)
            .setHeight(7)
            .setBlockHash(BLOCK.toByteString());
    for (int voter : voters) {
      builder.addVotes(vote(voter, 2, BLOCK));
    }
    return builder;
  }

  private static CertificateCheck check(CommitCertificate certificate) {
    return CommitCertificates.verify(
        certificate, CHAIN, 7, BLOCK, VALIDATORS.set(), VALIDATORS.suite());
  }

  @Test
  void quorumOfDistinctValidVotesIsAccepted() {
    assertTrue(check(certificate(0, 1, 3).build()).accepted());
    assertTrue(check(certificate(0, 1, 2, 3).build()).accepted());
  }

  @Test
  void tooFewVotesAreRefused() {
    assertEquals(
        CertificateCheck.Problem.TOO_FEW_VOTES, check(certificate(0, 3).build()).problem());
  }

  @Test
  void aValidatorCountedTwiceIsRefused() {
    CommitCertificate twice = certificate(0, 1).addVotes(vote(1, 2, BLOCK)).build();
    assertEquals(CertificateCheck.Problem.UNSORTED_OR_DUPLICATE_VOTE, check(twice).problem());
  }

  @Test
  void unknownValidatorIsRefused() {
    CommitCertificate unknown =
        certificate(0, 1)
            .addVotes(
                CommitVote.newBuilder()
                    .setValidatorIndex(4)
                    .setSignature(ByteString.copyFrom(new byte[64])))
            .build();
    assertEquals(CertificateCheck.Problem.UNKNOWN_VALIDATOR, check(unknown).problem());
  }

  @Test
  void voteForAnotherViewOrBlockIsABadSignature() {
    CommitCertificate otherView = certificate(0, 1).addVotes(vote(2, 3, BLOCK)).build();
    assertEquals(CertificateCheck.Problem.BAD_SIGNATURE, check(otherView).problem());
    Hash otherBlock = CryptoSuite.sm().hash(new byte[] {2});
    CommitCertificate otherBlockVote = certificate(0, 1).addVotes(vote(2, 2, otherBlock)).build();
    assertEquals(CertificateCheck.Problem.BAD_SIGNATURE, check(otherBlockVote).problem());
  }

  @Test
  void certificateForAnotherChainHeightOrBlockIsRefused() {
    CommitCertificate good = certificate(0, 1, 2).build();
    assertEquals(
        CertificateCheck.Problem.WRONG_CHAIN,
        CommitCertificates.verify(
                good,
                new ChainId("haidian-consent"),
                7,
                BLOCK,
                VALIDATORS.set(),
                VALIDATORS.suite())
            .problem());
    assertEquals(
        CertificateCheck.Problem.WRONG_HEIGHT,
        CommitCertificates.verify(good, CHAIN, 8, BLOCK, VALIDATORS.set(), VALIDATORS.suite())
            .problem());
    assertEquals(
        CertificateCheck.Problem.WRONG_BLOCK,
        CommitCertificates.verify(good, CHAIN, 7, Hash.ZERO, VALIDATORS.set(), VALIDATORS.suite())
            .problem());
  }

  @Test
  void flippedVoteSignatureIsRefused() {
    CommitCertificate good = certificate(0, 1, 2).build();
    byte[] signature = good.getVotes(1).getSignature().toByteArray();
    signature[signature.length - 1] ^= 1;
    CommitCertificate flipped =
        good.toBuilder()
            .setVotes(1, good.getVotes(1).toBuilder().setSignature(ByteString.copyFrom(signature)))
            .build();
    assertEquals(CertificateCheck.Problem.BAD_SIGNATURE, check(flipped).problem());
  }
}
