package org.govchain.subchains.dataset;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.govchain.subchains.proto.DataResource;
import org.govchain.subchains.proto.DepartmentRole;
import org.govchain.subchains.proto.LicenseType;
import org.govchain.subchains.proto.ServiceItem;
import org.govchain.subchains.proto.TerminalKind;

/**
 * The government data set a network starts from: departments and terminals (identity chain),
 * licence types and data resources (catalog chain), service items (service chain). Loaded and
 * validated by {@link DataSetLoader}; every code in it has a valid check character.
 */
public record DataSet(
    List<Authority> authorities,
    List<Department> departments,
    List<Terminal> terminals,
    Map<String, LicenseType> licenseTypes,
    List<DataResource> resources,
    Map<String, ServiceItem> serviceItems) {

  /** A national authority that defines licence types (its code prefixes the type codes). */
  public record Authority(String key, String code, String name, String nameZh) {}

  public record Department(
      String nodeId, String code, DepartmentRole role, String name, String nameZh) {}

  public record Terminal(
      String terminalId, TerminalKind kind, String operatorCode, String location) {}

  public DataSet {
    authorities = List.copyOf(authorities);
    departments = List.copyOf(departments);
    terminals = List.copyOf(terminals);
    licenseTypes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(licenseTypes));
    resources = List.copyOf(resources);
    serviceItems = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(serviceItems));
  }

  /** The licence type with data-set key {@code key} (e.g. "resident_id_card"). */
  public LicenseType licenseType(String key) {
    LicenseType type = licenseTypes.get(key);
    if (type == null) {
      throw new IllegalArgumentException("no licence type " + key + " in the data set");
    }
    return type;
  }

  /** The service item with data-set key {@code key} (e.g. "pesticide_business_first"). */
  public ServiceItem serviceItem(String key) {
    ServiceItem item = serviceItems.get(key);
    if (item == null) {
      throw new IllegalArgumentException("no service item " + key + " in the data set");
    }
    return item;
  }

  public Department department(String nodeId) {
    return findDepartment(nodeId)
        .orElseThrow(() -> new IllegalArgumentException("no department " + nodeId));
  }

  public Optional<Department> findDepartment(String nodeId) {
    return departments.stream().filter(entry -> entry.nodeId().equals(nodeId)).findFirst();
  }

  public Department dataBureau() {
    return departments.stream()
        .filter(entry -> entry.role() == DepartmentRole.DATA_BUREAU)
        .findFirst()
        .orElseThrow();
  }

  /** The number of data items over all licence types. */
  public int dataItemCount() {
    return licenseTypes.values().stream().mapToInt(LicenseType::getItemsCount).sum();
  }
}
