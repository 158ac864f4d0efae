package org.govchain.subchains.license;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.govchain.core.InvariantViolation;
import org.govchain.core.crypto.Hash;
import org.govchain.core.state.StateEntry;
import org.govchain.core.state.StateReader;
import org.govchain.core.state.StateWriter;
import org.govchain.subchains.proto.LicenseRecord;
import org.govchain.subchains.state.StateKeys;
import org.govchain.subchains.state.Stored;

/** The licence chain's state layout and typed access. */
public final class LicenseState {
  /** A holder has at most this many licences of one type read by a lookup (newest kept first). */
  public static final int MAX_LICENSES_PER_HOLDER_AND_TYPE = 64;

  private LicenseState() {}

  public static ByteString licenseKey(String licenseId) {
    return StateKeys.table("lic").text(licenseId).build();
  }

  /** Index: a holder's licences, by type. */
  public static ByteString holderPrefix(Hash holder) {
    return StateKeys.table("ix-holder").hash(holder).build();
  }

  public static ByteString holderTypePrefix(Hash holder, String typeCode) {
    return StateKeys.table("ix-holder").hash(holder).text(typeCode).build();
  }

  static ByteString holderIndexKey(Hash holder, String typeCode, String licenseId) {
    return StateKeys.table("ix-holder").hash(holder).text(typeCode).text(licenseId).build();
  }

  public static Optional<LicenseRecord> license(StateReader state, String licenseId) {
    return Stored.read(state, licenseKey(licenseId), LicenseRecord.parser(), "licence");
  }

  /** A holder's licences of one type (at most {@link #MAX_LICENSES_PER_HOLDER_AND_TYPE}). */
  public static List<LicenseRecord> licensesOf(StateReader state, Hash holder, String typeCode) {
    List<StateEntry> index =
        state.scan(
            holderTypePrefix(holder, typeCode), ByteString.EMPTY, MAX_LICENSES_PER_HOLDER_AND_TYPE);
    List<LicenseRecord> out = new ArrayList<>(index.size());
    for (StateEntry entry : index) {
      String licenseId = entry.value().toStringUtf8();
      out.add(
          license(state, licenseId)
              .orElseThrow(() -> new InvariantViolation("index names missing " + licenseId)));
    }
    return out;
  }

  /**
   * Writes a newly issued record and its holder index entry. Used by execution and by the
   * population loader, so both lay out state identically.
   */
  public static void putNew(StateWriter state, LicenseRecord record) {
    String licenseId = record.getContent().getLicenseId();
    Stored.write(state, licenseKey(licenseId), record);
    Hash holder = Hash.of(record.getContent().getHolder().toByteArray());
    state.put(
        holderIndexKey(holder, record.getContent().getTypeCode(), licenseId),
        ByteString.copyFromUtf8(licenseId));
  }

  static void put(StateWriter state, LicenseRecord record) {
    Stored.write(state, licenseKey(record.getContent().getLicenseId()), record);
  }
}
