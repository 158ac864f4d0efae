package org.govchain.node.it;

import com.google.protobuf.ByteString;
import org.govchain.api.v1.LicenseVerification;
import org.govchain.core.proto.CommitVote;
import org.govchain.storage.proto.StateProof;
import org.govchain.subchains.proto.LicenseStatus;

/**
 * Copies of a genuine licence verification with one thing changed, each of which must not check.
 */
final class JavaScriptTampering {
  private JavaScriptTampering() {}

  private static ByteString flipLastByte(ByteString bytes) {
    byte[] changed = bytes.toByteArray();
    changed[changed.length - 1] ^= 1;
    return ByteString.copyFrom(changed);
  }

  /** The proven value changed by one bit: the proof no longer leads to the state root. */
  static LicenseVerification provenValue(LicenseVerification genuine) {
    StateProof proof = genuine.getAnswer().getState().getProof();
    StateProof changed =
        proof.toBuilder()
            .setInclusion(
                proof.getInclusion().toBuilder()
                    .setValue(flipLastByte(proof.getInclusion().getValue())))
            .build();
    return genuine.toBuilder()
        .setAnswer(
            genuine.getAnswer().toBuilder()
                .setState(genuine.getAnswer().getState().toBuilder().setProof(changed)))
        .build();
  }

  /** The record shown says revoked; the proven value still says valid. */
  static LicenseVerification recordStatus(LicenseVerification genuine) {
    return genuine.toBuilder()
        .setAnswer(
            genuine.getAnswer().toBuilder()
                .setLicense(
                    genuine.getAnswer().getLicense().toBuilder()
                        .setStatus(LicenseStatus.LICENSE_REVOKED)))
        .setVerdict(LicenseVerification.Verdict.REVOKED)
        .build();
  }

  /** The header's state root changed: the header is no longer the certified block. */
  static LicenseVerification stateRoot(LicenseVerification genuine) {
    var state = genuine.getAnswer().getState();
    var header = state.getAnchor().getHeader();
    return genuine.toBuilder()
        .setAnswer(
            genuine.getAnswer().toBuilder()
                .setState(
                    state.toBuilder()
                        .setAnchor(
                            state.getAnchor().toBuilder()
                                .setHeader(
                                    header.toBuilder()
                                        .setStateRoot(flipLastByte(header.getStateRoot()))))))
        .build();
  }

  /** One commit vote's signature changed. */
  static LicenseVerification voteSignature(LicenseVerification genuine) {
    var state = genuine.getAnswer().getState();
    var certificate = state.getAnchor().getCertificate();
    CommitVote vote = certificate.getVotes(0);
    return genuine.toBuilder()
        .setAnswer(
            genuine.getAnswer().toBuilder()
                .setState(
                    state.toBuilder()
                        .setAnchor(
                            state.getAnchor().toBuilder()
                                .setCertificate(
                                    certificate.toBuilder()
                                        .setVotes(
                                            0,
                                            vote.toBuilder()
                                                .setSignature(
                                                    flipLastByte(vote.getSignature())))))))
        .build();
  }

  /** A verdict that does not follow from the proven record. */
  static LicenseVerification verdict(LicenseVerification genuine) {
    return genuine.toBuilder().setVerdict(LicenseVerification.Verdict.EXPIRED).build();
  }
}
