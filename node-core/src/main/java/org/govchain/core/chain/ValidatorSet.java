package org.govchain.core.chain;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.govchain.core.MalformedInputException;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.crypto.Hash;
import org.govchain.core.crypto.PublicKey;
import org.govchain.core.proto.Validator;

/**
 * The ordered validators of one chain, as fixed in its genesis. A validator's index in this list is
 * how blocks and certificates refer to it.
 */
public final class ValidatorSet {
  /** More validators than any government network needs; bounds every per-validator structure. */
  public static final int MAX_VALIDATORS = 256;

  /** One validator: its index, name, consensus key and the SHA-256 of its TLS certificate. */
  public record Member(int index, NodeId nodeId, PublicKey publicKey, Hash tlsCertificateSha256) {}

  private final List<Member> members;
  private final Map<NodeId, Member> byNodeId;
  private final Map<PublicKey, Member> byKey;
  private final Quorum quorum;

  private ValidatorSet(List<Member> members) {
    this.members = List.copyOf(members);
    this.byNodeId = new HashMap<>();
    this.byKey = new HashMap<>();
    for (Member member : this.members) {
      byNodeId.put(member.nodeId(), member);
      byKey.put(member.publicKey(), member);
    }
    this.quorum = new Quorum(members.size());
  }

  /** Builds a set from members given by this program, indexed in order. */
  public static ValidatorSet of(List<Member> members) {
    for (int i = 0; i < members.size(); i++) {
      if (members.get(i).index() != i) {
        throw new IllegalArgumentException("member " + i + " has index " + members.get(i).index());
      }
    }
    try {
      checkShape(members);
    } catch (MalformedInputException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    return new ValidatorSet(members);
  }

  /** Decodes the validators of a genesis, refusing duplicates and keys of another suite. */
  public static ValidatorSet fromProto(List<Validator> validators, CryptoSuite suite)
      throws MalformedInputException {
    if (validators.size() > MAX_VALIDATORS) {
      throw new MalformedInputException(
          validators.size() + " validators; at most " + MAX_VALIDATORS + " are supported");
    }
    List<Member> members = new ArrayList<>(validators.size());
    for (int i = 0; i < validators.size(); i++) {
      Validator validator = validators.get(i);
      NodeId nodeId = NodeId.parse(validator.getNodeId());
      PublicKey key = suite.decodePublicKey(validator.getPublicKey().toByteArray());
      Hash tls =
          Hash.decode(
              validator.getTlsCertificateSha256(), "validator " + nodeId + " TLS certificate hash");
      members.add(new Member(i, nodeId, key, tls));
    }
    checkShape(members);
    return new ValidatorSet(members);
  }

  private static void checkShape(List<Member> members) throws MalformedInputException {
    if (members.isEmpty()) {
      throw new MalformedInputException("a validator set needs at least one validator");
    }
    if (members.size() > MAX_VALIDATORS) {
      throw new MalformedInputException(
          members.size() + " validators; at most " + MAX_VALIDATORS + " are supported");
    }
    Map<NodeId, Integer> names = new HashMap<>();
    Map<PublicKey, Integer> keys = new HashMap<>();
    Map<Hash, Integer> certificates = new HashMap<>();
    for (Member member : members) {
      Integer other = names.putIfAbsent(member.nodeId(), member.index());
      if (other != null) {
        throw new MalformedInputException(
            "validators " + other + " and " + member.index() + " share node id " + member.nodeId());
      }
      other = keys.putIfAbsent(member.publicKey(), member.index());
      if (other != null) {
        throw new MalformedInputException(
            "validators " + other + " and " + member.index() + " share a signing key");
      }
      other = certificates.putIfAbsent(member.tlsCertificateSha256(), member.index());
      if (other != null) {
        throw new MalformedInputException(
            "validators " + other + " and " + member.index() + " share a TLS certificate");
      }
    }
  }

  public List<Validator> toProto() {
    List<Validator> out = new ArrayList<>(members.size());
    for (Member member : members) {
      out.add(
          Validator.newBuilder()
              .setNodeId(member.nodeId().value())
              .setPublicKey(member.publicKey().toByteString())
              .setTlsCertificateSha256(ByteString.copyFrom(member.tlsCertificateSha256().toBytes()))
              .build());
    }
    return out;
  }

  public int size() {
    return members.size();
  }

  public Quorum quorum() {
    return quorum;
  }

  public List<Member> members() {
    return members;
  }

  /**
   * The member at {@code index}; a program error if out of range (check with {@link #contains}).
   */
  public Member member(int index) {
    return members.get(index);
  }

  public boolean contains(int index) {
    return index >= 0 && index < members.size();
  }

  public Optional<Member> byNodeId(NodeId nodeId) {
    return Optional.ofNullable(byNodeId.get(nodeId));
  }

  public Optional<Member> byPublicKey(PublicKey key) {
    return Optional.ofNullable(byKey.get(key));
  }
}
