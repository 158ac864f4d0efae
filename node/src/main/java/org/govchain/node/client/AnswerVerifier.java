package org.govchain.node.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.govchain.api.v1.Anchor;
import org.govchain.api.v1.FindLicensesResponse;
import org.govchain.api.v1.LicenseAnswer;
import org.govchain.api.v1.LicenseVerification;
import org.govchain.api.v1.SavedAnswer;
import org.govchain.api.v1.StateAnswer;
import org.govchain.api.v1.TransactionAnswer;
import org.govchain.core.MalformedInputException;
import org.govchain.core.chain.Blocks;
import org.govchain.core.chain.CertificateCheck;
import org.govchain.core.chain.ChainId;
import org.govchain.core.chain.CommitCertificates;
import org.govchain.core.chain.DecodedTransaction;
import org.govchain.core.chain.Transactions;
import org.govchain.core.chain.ValidatorSet;
import org.govchain.core.codec.Canonical;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.crypto.Hash;
import org.govchain.core.crypto.SuiteId;
import org.govchain.core.merkle.MerkleTree;
import org.govchain.core.proto.Genesis;
import org.govchain.node.api.LicenseVerdicts;
import org.govchain.storage.ProvenEntry;
import org.govchain.storage.StateProofs;
import org.govchain.storage.proto.StateProof;
import org.govchain.subchains.license.LicenseState;
import org.govchain.subchains.proto.LicenseRecord;

/**
 * Checks a saved query answer offline, trusting nothing but the chains' genesis files: the anchor
 * block's header is certified by a quorum of the genesis validators, and every proof in the answer
 * leads to that header's roots. What the checker concludes is returned as lines of a report; the
 * first thing that does not hold is thrown with where and why.
 */
public final class AnswerVerifier {
  /** Why an answer does not check. */
  public static final class InvalidAnswerException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidAnswerException(String message) {
      super(message);
    }
  }

  private final Map<String, Genesis> genesisByChain = new TreeMap<>();

  public AnswerVerifier(List<Genesis> genesis) {
    for (Genesis one : genesis) {
      genesisByChain.put(one.getChainId(), one);
    }
  }

  public List<String> verify(SavedAnswer saved) throws InvalidAnswerException {
    List<String> report = new ArrayList<>();
    switch (saved.getAnswerCase()) {
      case TRANSACTION -> verifyTransaction(saved.getTransaction(), report);
      case STATE -> verifyState(saved.getState(), report);
      case LICENSE -> verifyLicense(saved.getLicense(), report);
      case VERIFICATION -> verifyVerification(saved.getVerification(), report);
      case LICENSES -> verifyLicenses(saved.getLicenses(), report);
      default -> throw new InvalidAnswerException("the file holds no answer");
    }
    return report;
  }

  /** The anchor's header is the one a quorum of the chain's genesis validators committed. */
  private CryptoSuite verifyAnchor(Anchor anchor, List<String> report)
      throws InvalidAnswerException {
    Genesis genesis = genesisByChain.get(anchor.getChainId());
    if (genesis == null) {
      throw new InvalidAnswerException(
          "the answer is about chain '"
              + anchor.getChainId()
              + "'; no genesis of it was given (given: "
              + genesisByChain.keySet()
              + ")");
    }
    if (!anchor.getHeader().getChainId().equals(anchor.getChainId())
        || anchor.getHeader().getHeight() != anchor.getHeight()) {
      throw new InvalidAnswerException("the anchor's header is not of its chain and height");
    }
    if (anchor.getHeight() == 0 || !anchor.hasCertificate()) {
      throw new InvalidAnswerException(
          anchor.getChainId()
              + " at height "
              + anchor.getHeight()
              + ": no commit certificate; an answer at the genesis block cannot be checked by"
              + " votes");
    }
    try {
      CryptoSuite suite = CryptoSuite.of(SuiteId.fromProto(genesis.getSuite()));
      ValidatorSet validators = ValidatorSet.fromProto(genesis.getValidatorsList(), suite);
      Hash blockHash = Blocks.hash(suite, anchor.getHeader());
      CertificateCheck check =
          CommitCertificates.verify(
              anchor.getCertificate(),
              ChainId.parse(anchor.getChainId()),
              anchor.getHeight(),
              blockHash,
              validators,
              suite);
      if (!check.accepted()) {
        throw new InvalidAnswerException(
            anchor.getChainId()
                + " height "
                + anchor.getHeight()
                + ": commit certificate refused: "
                + check.problem()
                + " ("
                + check.detail()
                + ")");
      }
      report.add(
          String.format(
              "block %s #%d %s is committed by %d of %d genesis validators",
              anchor.getChainId(),
              anchor.getHeight(),
              blockHash.shortHex(),
              anchor.getCertificate().getVotesCount(),
              validators.size()));
      return suite;
    } catch (MalformedInputException e) {
      throw new InvalidAnswerException("the anchor is malformed: " + e.getMessage());
    }
  }

  private ProvenEntry verifyProof(
      CryptoSuite suite, Anchor anchor, StateProof proof, List<String> report)
      throws InvalidAnswerException {
    try {
      Hash root = Hash.decode(anchor.getHeader().getStateRoot(), "state_root");
      ProvenEntry entry = StateProofs.verify(suite, root, proof);
      report.add(
          "state proof leads to the state root "
              + root.shortHex()
              + ": the key is "
              + (entry.present() ? "present" : "absent"));
      return entry;
    } catch (MalformedInputException e) {
      throw new InvalidAnswerException("state proof refused: " + e.getMessage());
    }
  }

  private void verifyTransaction(TransactionAnswer answer, List<String> report)
      throws InvalidAnswerException {
    CryptoSuite suite = verifyAnchor(answer.getAnchor(), report);
    try {
      DecodedTransaction transaction = Transactions.decode(suite, answer.getTransaction());
      if (!Transactions.verifySignature(suite, transaction)) {
        throw new InvalidAnswerException("the transaction's signature does not verify");
      }
      if (answer.getProof().getLeafIndex() != answer.getIndex()) {
        throw new InvalidAnswerException("the proof is for another index than the answer's");
      }
      MerkleTree.verify(
          suite,
          Hash.decode(answer.getAnchor().getHeader().getTransactionsRoot(), "transactions_root"),
          transaction.id(),
          answer.getProof());
      report.add(
          "transaction "
              + transaction.id().shortHex()
              + " ("
              + transaction.type()
              + ", signature valid) is number "
              + answer.getIndex()
              + " of the block");
    } catch (MalformedInputException e) {
      throw new InvalidAnswerException("transaction or its proof refused: " + e.getMessage());
    }
  }

  private void verifyState(StateAnswer answer, List<String> report) throws InvalidAnswerException {
    CryptoSuite suite = verifyAnchor(answer.getAnchor(), report);
    verifyProof(suite, answer.getAnchor(), answer.getProof(), report);
  }

  /** The proof is about the licence's key, and the record given is exactly the proven value. */
  private void verifyLicense(LicenseAnswer answer, List<String> report)
      throws InvalidAnswerException {
    Anchor anchor = answer.getState().getAnchor();
    CryptoSuite suite = verifyAnchor(anchor, report);
    ProvenEntry entry = verifyProof(suite, anchor, answer.getState().getProof(), report);
    if (answer.hasLicense() != entry.present()) {
      throw new InvalidAnswerException(
          "the answer "
              + (answer.hasLicense() ? "gives" : "omits")
              + " a licence record but the proof says it is "
              + (entry.present() ? "present" : "absent"));
    }
    if (entry.present()) {
      LicenseRecord proven = decodeRecord(entry);
      if (!proven.equals(answer.getLicense())) {
        throw new InvalidAnswerException("the licence record differs from the proven value");
      }
      String id = proven.getContent().getLicenseId();
      if (!entry.key().equals(LicenseState.licenseKey(id))) {
        throw new InvalidAnswerException("the proof is about another key than licence " + id);
      }
      report.add("licence " + id + " is on the chain with status " + proven.getStatus());
    } else {
      report.add("the licence is not on the chain (non-inclusion proven)");
    }
  }

  private void verifyVerification(LicenseVerification verification, List<String> report)
      throws InvalidAnswerException {
    verifyLicense(verification.getAnswer(), report);
    LicenseVerification.Verdict recomputed =
        LicenseVerdicts.verdict(verification.getAnswer(), verification.getAtMillis());
    if (recomputed != verification.getVerdict()) {
      throw new InvalidAnswerException(
          "the verdict "
              + verification.getVerdict()
              + " does not follow from the proven record (it gives "
              + recomputed
              + ")");
    }
    report.add(
        "verdict "
            + recomputed
            + " at "
            + java.time.Instant.ofEpochMilli(verification.getAtMillis()));
  }

  private void verifyLicenses(FindLicensesResponse answer, List<String> report)
      throws InvalidAnswerException {
    CryptoSuite suite = verifyAnchor(answer.getAnchor(), report);
    for (StateProof proof : answer.getLicensesList()) {
      ProvenEntry entry = verifyProof(suite, answer.getAnchor(), proof, report);
      if (!entry.present()) {
        throw new InvalidAnswerException("a listed licence is proven absent");
      }
      LicenseRecord record = decodeRecord(entry);
      if (!entry.key().equals(LicenseState.licenseKey(record.getContent().getLicenseId()))) {
        throw new InvalidAnswerException("a proof is about another key than its licence");
      }
      report.add("licence " + record.getContent().getLicenseId() + ": " + record.getStatus());
    }
    report.add(
        answer.getLicensesCount()
            + " licences proven (each is on the chain; completeness of the list is the serving"
            + " node's word)");
  }

  private static LicenseRecord decodeRecord(ProvenEntry entry) throws InvalidAnswerException {
    try {
      return Canonical.decode(
          LicenseRecord.parser(), entry.value().orElseThrow(), Integer.MAX_VALUE, "licence record");
    } catch (MalformedInputException e) {
      throw new InvalidAnswerException("the proven value is not a licence record");
    }
  }
}
