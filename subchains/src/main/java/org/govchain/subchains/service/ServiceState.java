package org.govchain.subchains.service;

import com.google.protobuf.ByteString;
import java.util.Optional;
import org.govchain.core.crypto.Hash;
import org.govchain.core.state.StateReader;
import org.govchain.core.state.StateWriter;
import org.govchain.subchains.proto.CaseRecord;
import org.govchain.subchains.proto.ServiceItem;
import org.govchain.subchains.state.StateKeys;
import org.govchain.subchains.state.Stored;

/** The service chain's state layout and typed access. */
public final class ServiceState {
  private ServiceState() {}

  public static ByteString itemKey(String code) {
    return StateKeys.table("item").text(code).build();
  }

  public static ByteString caseKey(Hash caseId) {
    return StateKeys.table("case").hash(caseId).build();
  }

  /** Index: an applicant's cases, in filing order. */
  public static ByteString applicantCasesPrefix(Hash applicant) {
    return StateKeys.table("ix-applicant-case").hash(applicant).build();
  }

  static ByteString applicantCaseKey(Hash applicant, long height, Hash caseId) {
    return StateKeys.table("ix-applicant-case").hash(applicant).number(height).hash(caseId).build();
  }

  /** Index: the cases filed against a service item, in filing order. */
  public static ByteString itemCasesPrefix(String itemCode) {
    return StateKeys.table("ix-item-case").text(itemCode).build();
  }

  static ByteString itemCaseKey(String itemCode, long height, Hash caseId) {
    return StateKeys.table("ix-item-case").text(itemCode).number(height).hash(caseId).build();
  }

  public static Optional<ServiceItem> item(StateReader state, String code) {
    return Stored.read(state, itemKey(code), ServiceItem.parser(), "service item");
  }

  public static Optional<CaseRecord> caseRecord(StateReader state, Hash caseId) {
    return Stored.read(state, caseKey(caseId), CaseRecord.parser(), "case");
  }

  static void putItem(StateWriter state, ServiceItem item) {
    Stored.write(state, itemKey(item.getCode()), item);
  }

  static void putNewCase(StateWriter state, Hash caseId, CaseRecord record) {
    Stored.write(state, caseKey(caseId), record);
    Hash applicant = Hash.of(record.getCase().getApplicant().toByteArray());
    state.put(applicantCaseKey(applicant, record.getFiledHeight(), caseId), caseId.toByteString());
    state.put(
        itemCaseKey(record.getCase().getServiceItemCode(), record.getFiledHeight(), caseId),
        caseId.toByteString());
  }

  static void putCase(StateWriter state, Hash caseId, CaseRecord record) {
    Stored.write(state, caseKey(caseId), record);
  }
}
