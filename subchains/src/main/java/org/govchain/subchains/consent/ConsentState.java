package org.govchain.subchains.consent;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.govchain.core.InvariantViolation;
import org.govchain.core.crypto.Hash;
import org.govchain.core.state.StateEntry;
import org.govchain.core.state.StateReader;
import org.govchain.core.state.StateWriter;
import org.govchain.subchains.proto.AccessRecord;
import org.govchain.subchains.proto.GrantRecord;
import org.govchain.subchains.state.StateKeys;
import org.govchain.subchains.state.Stored;

/** The consent chain's state layout and typed access. */
public final class ConsentState {
  /** A lookup reads at most this many of a subject's grants (oldest first). */
  public static final int MAX_GRANTS_PER_SUBJECT = 256;

  private ConsentState() {}

  public static ByteString grantKey(Hash grantId) {
    return StateKeys.table("grant").hash(grantId).build();
  }

  public static ByteString accessKey(Hash accessId) {
    return StateKeys.table("access").hash(accessId).build();
  }

  /** Index: a subject's grants, in the order they were granted. */
  public static ByteString subjectGrantsPrefix(Hash subject) {
    return StateKeys.table("ix-subject-grant").hash(subject).build();
  }

  static ByteString subjectGrantKey(Hash subject, long height, Hash grantId) {
    return StateKeys.table("ix-subject-grant").hash(subject).number(height).hash(grantId).build();
  }

  /** Index: the accesses made under a grant. */
  public static ByteString grantAccessesPrefix(Hash grantId) {
    return StateKeys.table("ix-grant-access").hash(grantId).build();
  }

  static ByteString grantAccessKey(Hash grantId, Hash accessId) {
    return StateKeys.table("ix-grant-access").hash(grantId).hash(accessId).build();
  }

  /** Index: the accesses to a subject's data, in time order (what a citizen is shown). */
  public static ByteString subjectAccessesPrefix(Hash subject) {
    return StateKeys.table("ix-subject-access").hash(subject).build();
  }

  static ByteString subjectAccessKey(Hash subject, long atMillis, Hash accessId) {
    return StateKeys.table("ix-subject-access")
        .hash(subject)
        .number(atMillis)
        .hash(accessId)
        .build();
  }

  public static Optional<GrantRecord> grant(StateReader state, Hash grantId) {
    return Stored.read(state, grantKey(grantId), GrantRecord.parser(), "grant");
  }

  public static Optional<AccessRecord> access(StateReader state, Hash accessId) {
    return Stored.read(state, accessKey(accessId), AccessRecord.parser(), "access record");
  }

  /** A grant with its id. */
  public record IdentifiedGrant(Hash id, GrantRecord record) {}

  /** A subject's grants, oldest first (at most {@link #MAX_GRANTS_PER_SUBJECT}). */
  public static List<IdentifiedGrant> grantsOf(StateReader state, Hash subject) {
    List<StateEntry> index =
        state.scan(subjectGrantsPrefix(subject), ByteString.EMPTY, MAX_GRANTS_PER_SUBJECT);
    List<IdentifiedGrant> out = new ArrayList<>(index.size());
    for (StateEntry entry : index) {
      Hash id = Hash.of(entry.value().toByteArray());
      out.add(
          new IdentifiedGrant(
              id,
              grant(state, id)
                  .orElseThrow(() -> new InvariantViolation("index names missing grant " + id))));
    }
    return out;
  }

  static void putNewGrant(StateWriter state, Hash grantId, GrantRecord record) {
    Stored.write(state, grantKey(grantId), record);
    Hash subject = Hash.of(record.getGrant().getSubject().toByteArray());
    state.put(subjectGrantKey(subject, record.getGrantedHeight(), grantId), grantId.toByteString());
  }

  static void putGrant(StateWriter state, Hash grantId, GrantRecord record) {
    Stored.write(state, grantKey(grantId), record);
  }
}
