package org.govchain.subchains.dataset;

import java.util.List;

/** The YAML files' shapes, as Jackson reads them (snake_case keys). */
final class DataSetFiles {
  private DataSetFiles() {}

  record DepartmentsFile(
      List<AuthorityEntry> authorities,
      List<DepartmentEntry> departments,
      List<TerminalEntry> terminals) {}

  record AuthorityEntry(String key, String code, String name, String nameZh) {}

  record DepartmentEntry(String nodeId, String code, String role, String name, String nameZh) {}

  record TerminalEntry(String id, String kind, String operator, String location) {}

  record LicenseTypesFile(List<LicenseTypeEntry> licenseTypes) {}

  record LicenseTypeEntry(
      String key,
      String authority,
      Integer number,
      String name,
      String nameZh,
      String holder,
      List<String> issuers,
      String sharing,
      List<ItemEntry> items) {}

  record ItemEntry(String code, String en, String zh, String type, Boolean optional) {}

  record ServiceItemsFile(List<ServiceItemEntry> serviceItems) {}

  record ServiceItemEntry(
      String key,
      String department,
      String type,
      Integer sequence,
      String name,
      String nameZh,
      String applicant,
      String level,
      String minAssurance,
      String legalBasis,
      List<MaterialEntry> materials) {}

  record MaterialEntry(
      String code,
      String en,
      String zh,
      String license,
      String holder,
      List<String> items,
      Boolean scan,
      Boolean optional) {}
}
