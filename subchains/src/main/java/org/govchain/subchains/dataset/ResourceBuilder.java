package org.govchain.subchains.dataset;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.govchain.subchains.dataset.DataSetFiles.LicenseTypeEntry;
import org.govchain.subchains.dataset.DataSetFiles.LicenseTypesFile;
import org.govchain.subchains.proto.DataItem;
import org.govchain.subchains.proto.DataResource;
import org.govchain.subchains.proto.LicenseType;
import org.govchain.subchains.proto.Material;
import org.govchain.subchains.proto.MaterialSource;
import org.govchain.subchains.proto.ServiceItem;
import org.govchain.subchains.proto.SharingType;

/**
 * One catalog resource per licence type (信息资源 "…电子证照"), provided by its first issuer and sharing
 * all its items. A conditionally shared type's consumers are its issuers, the data bureau (which
 * runs the service-hall terminals) and every department in charge of a service item that takes the
 * type as a material.
 */
final class ResourceBuilder {
  private final DataSetLoader.Registry registry;
  private final LicenseTypesFile file;
  private final Map<String, LicenseType> licenseTypes;

  ResourceBuilder(
      DataSetLoader.Registry registry, LicenseTypesFile file, Map<String, LicenseType> types) {
    this.registry = registry;
    this.file = file;
    this.licenseTypes = types;
  }

  List<DataResource> build(Collection<ServiceItem> items) throws DataSetException {
    Map<String, TreeSet<String>> consumers = new HashMap<>();
    for (ServiceItem item : items) {
      for (Material material : item.getMaterialsList()) {
        if (material.getSource() == MaterialSource.FROM_LICENSE) {
          consumers
              .computeIfAbsent(material.getLicenseTypeCode(), unused -> new TreeSet<>())
              .add(item.getDepartmentCode());
        }
      }
    }
    String dataBureau =
        registry.departmentList.stream()
            .filter(
                department ->
                    department.role() == org.govchain.subchains.proto.DepartmentRole.DATA_BUREAU)
            .findFirst()
            .orElseThrow()
            .code();
    List<DataResource> out = new ArrayList<>();
    int sequence = 1;
    for (LicenseTypeEntry entry : file.licenseTypes()) {
      LicenseType type = licenseTypes.get(entry.key());
      TreeSet<String> allowed = consumers.getOrDefault(type.getCode(), new TreeSet<>());
      allowed.add(dataBureau);
      allowed.addAll(type.getIssuerCodesList());
      out.add(resource(entry, type, sequence++, allowed));
    }
    return out;
  }

  private static DataResource resource(
      LicenseTypeEntry entry, LicenseType type, int sequence, TreeSet<String> consumers)
      throws DataSetException {
    SharingType sharing =
        entry.sharing() == null
            ? SharingType.CONDITIONAL
            : DataSetLoader.enumValue(
                SharingType.class, entry.sharing(), "licence type " + entry.key() + " sharing");
    DataResource.Builder resource =
        DataResource.newBuilder()
            .setCode(String.format("110108-ZZ-%04d", sequence))
            .setName(type.getName() + " (electronic licence)")
            .setNameZh(type.getNameZh() + "电子证照")
            .setProviderCode(type.getIssuerCodes(0))
            .setLicenseTypeCode(type.getCode())
            .addAllItemCodes(type.getItemsList().stream().map(DataItem::getCode).toList())
            .setSharingType(sharing)
            .setUpdateCycle("real-time / 实时")
            .setSummary("Face data of " + type.getName() + " / " + type.getNameZh() + "照面信息")
            .setVersion(1);
    if (sharing == SharingType.CONDITIONAL) {
      resource
          .addAllConsumerCodes(consumers)
          .setSharingConditions(
              "With the data subject's grant, for the service items of the consumer / 经数据主体授权，用于办理相关政务服务事项");
    }
    return resource.build();
  }
}
