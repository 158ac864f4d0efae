package org.govchain.subchains.dataset;

import static org.govchain.subchains.dataset.DataSetLoader.enumValue;
import static org.govchain.subchains.dataset.DataSetLoader.requireForm;
import static org.govchain.subchains.dataset.DataSetLoader.requireLength;
import static org.govchain.subchains.dataset.DataSetLoader.requireNames;
import static org.govchain.subchains.dataset.DataSetLoader.required;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.govchain.subchains.Fields;
import org.govchain.subchains.dataset.DataSetFiles.MaterialEntry;
import org.govchain.subchains.dataset.DataSetFiles.ServiceItemEntry;
import org.govchain.subchains.dataset.DataSetFiles.ServiceItemsFile;
import org.govchain.subchains.proto.ApplicantKind;
import org.govchain.subchains.proto.AssuranceLevel;
import org.govchain.subchains.proto.DataItem;
import org.govchain.subchains.proto.HolderKind;
import org.govchain.subchains.proto.HolderRole;
import org.govchain.subchains.proto.LicenseType;
import org.govchain.subchains.proto.Material;
import org.govchain.subchains.proto.MaterialSource;
import org.govchain.subchains.proto.ServiceItem;
import org.govchain.subchains.proto.ServiceItemType;
import org.govchain.subchains.proto.ServiceLevel;
import org.govchain.subchains.service.ServiceItemCodes;

/** Builds and checks the service items of the data set against its departments and catalog. */
final class ServiceItemBuilder {
  static final List<String> STAGES =
      List.of("Basic information / 基本信息", "Materials / 材料信息", "Submit / 提交办理");

  private final Map<String, DataSet.Department> departments;
  private final Map<String, LicenseType> licenseTypes;

  ServiceItemBuilder(
      Map<String, DataSet.Department> departments, Map<String, LicenseType> licenseTypes) {
    this.departments = departments;
    this.licenseTypes = licenseTypes;
  }

  Map<String, ServiceItem> build(ServiceItemsFile file) throws DataSetException {
    Map<String, ServiceItem> out = new LinkedHashMap<>();
    Set<String> codes = new HashSet<>();
    for (ServiceItemEntry entry : required(file.serviceItems(), "service_items")) {
      ServiceItem item = item(entry);
      if (!codes.add(item.getCode()) || out.put(entry.key(), item) != null) {
        throw new DataSetException(
            "service item " + entry.key() + " (" + item.getCode() + ") is listed twice");
      }
    }
    return out;
  }

  private ServiceItem item(ServiceItemEntry entry) throws DataSetException {
    String where = "service item " + entry.key();
    requireForm(entry.key(), "[a-z][a-z0-9_]{0,63}", where + " key");
    DataSet.Department department = departments.get(entry.department());
    if (department == null) {
      throw new DataSetException(where + ": no department " + entry.department());
    }
    ServiceItemType type = enumValue(ServiceItemType.class, entry.type(), where + " type");
    if (entry.sequence() == null || entry.sequence() < 1 || entry.sequence() > 99_999) {
      throw new DataSetException(where + ": sequence is 1..99999");
    }
    requireNames(entry.name(), entry.nameZh(), where);
    if (entry.legalBasis() == null || entry.legalBasis().isBlank()) {
      throw new DataSetException(where + ": legal_basis is required");
    }
    requireLength(entry.legalBasis(), Fields.MAX_TEXT_CHARS, where + " legal_basis");
    ApplicantKind applicant =
        enumValue(ApplicantKind.class, "applicant_" + entry.applicant(), where + " applicant");
    ServiceItem.Builder item =
        ServiceItem.newBuilder()
            .setCode(ServiceItemCodes.of(department.code(), type, entry.sequence()))
            .setName(entry.name())
            .setNameZh(entry.nameZh())
            .setDepartmentCode(department.code())
            .setImplementingBody(department.nameZh())
            .setLevel(enumValue(ServiceLevel.class, entry.level(), where + " level"))
            .setType(type)
            .setLegalBasis(entry.legalBasis())
            .setApplicantKind(applicant)
            .setMinAssurance(
                enumValue(AssuranceLevel.class, entry.minAssurance(), where + " min_assurance"))
            .addAllStages(STAGES)
            .setVersion(1);
    Set<String> materialCodes = new HashSet<>();
    for (MaterialEntry material : required(entry.materials(), where + " materials")) {
      if (!materialCodes.add(material.code())) {
        throw new DataSetException(where + ": material " + material.code() + " is listed twice");
      }
      item.addMaterials(material(material, applicant, where + " material " + material.code()));
    }
    return item.build();
  }

  private Material material(MaterialEntry entry, ApplicantKind applicant, String where)
      throws DataSetException {
    requireForm(entry.code(), Fields.ITEM_CODE.pattern(), where);
    requireNames(entry.en(), entry.zh(), where);
    Material.Builder material =
        Material.newBuilder()
            .setCode(entry.code())
            .setName(entry.en())
            .setNameZh(entry.zh())
            .setMandatory(!Boolean.TRUE.equals(entry.optional()));
    boolean scan = Boolean.TRUE.equals(entry.scan());
    if (scan == (entry.license() != null)) {
      throw new DataSetException(where + ": a material is either `scan: true` or has `license:`");
    }
    if (scan) {
      if (entry.items() != null || entry.holder() != null) {
        throw new DataSetException(where + ": a scanned material names no items or holder");
      }
      return material.setSource(MaterialSource.UPLOAD_SCAN).build();
    }
    LicenseType type = licenseTypes.get(entry.license());
    if (type == null) {
      throw new DataSetException(where + ": no licence type " + entry.license());
    }
    HolderRole role = enumValue(HolderRole.class, "role_" + entry.holder(), where + " holder");
    HolderKind expected =
        role == HolderRole.ROLE_APPLICANT
            ? HolderKind.HOLDER_CITIZEN
            : HolderKind.HOLDER_ORGANIZATION;
    if (type.getHolderKind() != expected
        || (role == HolderRole.ROLE_ORGANIZATION
            && applicant != ApplicantKind.APPLICANT_ORGANIZATION)) {
      throw new DataSetException(where + ": holder " + entry.holder() + " does not fit the type");
    }
    Set<String> defined = new HashSet<>();
    type.getItemsList().stream().map(DataItem::getCode).forEach(defined::add);
    TreeSet<String> items = new TreeSet<>(required(entry.items(), where + " items"));
    for (String code : items) {
      if (!defined.contains(code)) {
        throw new DataSetException(where + ": " + code + " is not an item of " + entry.license());
      }
    }
    return material
        .setSource(MaterialSource.FROM_LICENSE)
        .setLicenseTypeCode(type.getCode())
        .addAllItemCodes(items)
        .setHolderRole(role)
        .build();
  }
}
