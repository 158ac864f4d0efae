package org.govchain.subchains.population;

import com.google.protobuf.ByteString;
import java.util.Map;
import java.util.TreeMap;
import org.govchain.subchains.proto.LicenseRecord;
import org.govchain.subchains.proto.LicenseStatus;
import org.govchain.subchains.proto.SignedLicense;

/**
 * A generated licence: the signed payload of its {@code license.issue} transaction, and what the
 * issuer's vault keeps — each item's value and salt (never on a chain).
 */
public record IssuedLicense(
    SignedLicense signed, Map<String, String> values, Map<String, ByteString> salts) {
  public IssuedLicense {
    values = java.util.Collections.unmodifiableMap(new TreeMap<>(values));
    salts = java.util.Collections.unmodifiableMap(new TreeMap<>(salts));
  }

  public String licenseId() {
    return signed.getContent().getLicenseId();
  }

  /** The record the licence chain stores once the issue executed at {@code height}. */
  public LicenseRecord record(long height) {
    return LicenseRecord.newBuilder()
        .setContent(signed.getContent())
        .setIssuerSignature(signed.getIssuerSignature())
        .setStatus(LicenseStatus.LICENSE_VALID)
        .setIssuedHeight(height)
        .setStatusHeight(height)
        .build();
  }
}
