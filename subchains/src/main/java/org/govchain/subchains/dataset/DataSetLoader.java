package org.govchain.subchains.dataset;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.govchain.subchains.Fields;
import org.govchain.subchains.dataset.DataSetFiles.AuthorityEntry;
import org.govchain.subchains.dataset.DataSetFiles.DepartmentEntry;
import org.govchain.subchains.dataset.DataSetFiles.DepartmentsFile;
import org.govchain.subchains.dataset.DataSetFiles.ItemEntry;
import org.govchain.subchains.dataset.DataSetFiles.LicenseTypeEntry;
import org.govchain.subchains.dataset.DataSetFiles.LicenseTypesFile;
import org.govchain.subchains.dataset.DataSetFiles.ServiceItemsFile;
import org.govchain.subchains.dataset.DataSetFiles.TerminalEntry;
import org.govchain.subchains.ids.CreditCode;
import org.govchain.subchains.ids.OrganizationCode;
import org.govchain.subchains.proto.DataItem;
import org.govchain.subchains.proto.DepartmentRole;
import org.govchain.subchains.proto.HolderKind;
import org.govchain.subchains.proto.ItemValueType;
import org.govchain.subchains.proto.LicenseType;
import org.govchain.subchains.proto.TerminalKind;

/**
 * Loads and validates the data set from YAML: the files bundled in this module ({@link
 * #bundled()}), or any three streams in the same shapes. Every reference must resolve, every code
 * must be unique and carry a valid check character, every name must be within the ledgers' limits;
 * the first problem found is reported with the file and entry it is in.
 */
public final class DataSetLoader {
  /** No data-set file is anywhere near this; larger input is refused before parsing. */
  public static final int MAX_FILE_BYTES = 2 * 1024 * 1024;

  private static final String BASE = "/org/govchain/subchains/dataset/";

  private final YAMLMapper mapper;

  public DataSetLoader() {
    mapper = new YAMLMapper();
    mapper.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
  }

  /** The data set shipped with govchain (the Haidian district network). */
  public static DataSet bundled() throws DataSetException {
    DataSetLoader loader = new DataSetLoader();
    return loader.load(
        resource("departments.yaml"),
        resource("license-types.yaml"),
        resource("service-items.yaml"));
  }

  private static byte[] resource(String name) throws DataSetException {
    try (InputStream in = DataSetLoader.class.getResourceAsStream(BASE + name)) {
      if (in == null) {
        throw new DataSetException("data-set resource " + name + " is missing from the jar");
      }
      return readBounded(in, name);
    } catch (IOException e) {
      throw new DataSetException("cannot read data-set resource " + name, e);
    }
  }

  /** Reads at most {@link #MAX_FILE_BYTES}; refuses a longer stream. */
  public static byte[] readBounded(InputStream in, String name)
      throws IOException, DataSetException {
    byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
    if (bytes.length > MAX_FILE_BYTES) {
      throw new DataSetException(name + " is over " + MAX_FILE_BYTES + " bytes");
    }
    return bytes;
  }

  public DataSet load(byte[] departmentsYaml, byte[] licenseTypesYaml, byte[] serviceItemsYaml)
      throws DataSetException {
    DepartmentsFile departments = parse(departmentsYaml, DepartmentsFile.class, "departments.yaml");
    LicenseTypesFile types = parse(licenseTypesYaml, LicenseTypesFile.class, "license-types.yaml");
    ServiceItemsFile items = parse(serviceItemsYaml, ServiceItemsFile.class, "service-items.yaml");
    Registry registry = registry(departments);
    Map<String, LicenseType> licenseTypes = licenseTypes(types, registry);
    ServiceItemBuilder services = new ServiceItemBuilder(registry.departments, licenseTypes);
    var serviceItems = services.build(items);
    var resources = new ResourceBuilder(registry, types, licenseTypes).build(serviceItems.values());
    return new DataSet(
        registry.authorityList,
        registry.departmentList,
        terminals(departments, registry),
        licenseTypes,
        resources,
        serviceItems);
  }

  private <T> T parse(byte[] yaml, Class<T> shape, String name) throws DataSetException {
    if (yaml.length > MAX_FILE_BYTES) {
      throw new DataSetException(name + " is over " + MAX_FILE_BYTES + " bytes");
    }
    try {
      T value = mapper.readValue(yaml, shape);
      if (value == null) {
        throw new DataSetException(name + " is empty");
      }
      return value;
    } catch (JacksonException e) {
      throw new DataSetException(name + ": " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new DataSetException(name + " cannot be read: " + e.getMessage(), e);
    }
  }

  /** Authorities and departments by key, with their codes checked. */
  static final class Registry {
    final Map<String, DataSet.Authority> authorities = new HashMap<>();
    final Map<String, DataSet.Department> departments = new LinkedHashMap<>();
    final List<DataSet.Authority> authorityList = new ArrayList<>();
    final List<DataSet.Department> departmentList = new ArrayList<>();

    DataSet.Department department(String nodeId, String where) throws DataSetException {
      DataSet.Department department = departments.get(nodeId);
      if (department == null) {
        throw new DataSetException(where + ": no department " + nodeId);
      }
      return department;
    }
  }

  private static Registry registry(DepartmentsFile file) throws DataSetException {
    Registry registry = new Registry();
    Set<String> codes = new HashSet<>();
    for (AuthorityEntry entry : required(file.authorities(), "authorities")) {
      String where = "authority " + entry.key();
      requireCode(entry.code(), where, codes);
      requireNames(entry.name(), entry.nameZh(), where);
      var authority =
          new DataSet.Authority(entry.key(), entry.code(), entry.name(), entry.nameZh());
      if (registry.authorities.put(entry.key(), authority) != null) {
        throw new DataSetException("authority " + entry.key() + " is listed twice");
      }
      registry.authorityList.add(authority);
    }
    int bureaus = 0;
    for (DepartmentEntry entry : required(file.departments(), "departments")) {
      String where = "department " + entry.nodeId();
      requireForm(entry.nodeId(), "[a-z][a-z0-9-]{0,63}", where + " node_id");
      requireCode(entry.code(), where, codes);
      requireNames(entry.name(), entry.nameZh(), where);
      DepartmentRole role =
          "data_bureau".equals(entry.role())
              ? DepartmentRole.DATA_BUREAU
              : DepartmentRole.DEPARTMENT;
      if (entry.role() != null && role != DepartmentRole.DATA_BUREAU) {
        throw new DataSetException(where + ": role is data_bureau or absent");
      }
      bureaus += role == DepartmentRole.DATA_BUREAU ? 1 : 0;
      var department =
          new DataSet.Department(entry.nodeId(), entry.code(), role, entry.name(), entry.nameZh());
      if (registry.departments.put(entry.nodeId(), department) != null) {
        throw new DataSetException(where + " is listed twice");
      }
      registry.departmentList.add(department);
    }
    if (bureaus != 1) {
      throw new DataSetException("departments.yaml must name exactly one data bureau");
    }
    return registry;
  }

  private static List<DataSet.Terminal> terminals(DepartmentsFile file, Registry registry)
      throws DataSetException {
    List<DataSet.Terminal> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (TerminalEntry entry : required(file.terminals(), "terminals")) {
      String where = "terminal " + entry.id();
      requireForm(entry.id(), Fields.TERMINAL_ID.pattern(), where);
      if (!ids.add(entry.id())) {
        throw new DataSetException(where + " is listed twice");
      }
      TerminalKind kind = enumValue(TerminalKind.class, entry.kind(), where + " kind");
      String operator = registry.department(entry.operator(), where).code();
      String location = entry.location() == null ? "" : entry.location();
      requireLength(location, Fields.MAX_NAME_CHARS, where + " location");
      out.add(new DataSet.Terminal(entry.id(), kind, operator, location));
    }
    return out;
  }

  private static Map<String, LicenseType> licenseTypes(LicenseTypesFile file, Registry registry)
      throws DataSetException {
    Map<String, LicenseType> out = new LinkedHashMap<>();
    Set<String> codes = new HashSet<>();
    for (LicenseTypeEntry entry : required(file.licenseTypes(), "license_types")) {
      LicenseType type = licenseType(entry, registry);
      if (!codes.add(type.getCode()) || out.put(entry.key(), type) != null) {
        throw new DataSetException("licence type " + entry.key() + " is listed twice");
      }
    }
    return out;
  }

  private static LicenseType licenseType(LicenseTypeEntry entry, Registry registry)
      throws DataSetException {
    String where = "licence type " + entry.key();
    requireForm(entry.key(), "[a-z][a-z0-9_]{0,63}", where + " key");
    DataSet.Authority authority = registry.authorities.get(entry.authority());
    if (authority == null) {
      throw new DataSetException(where + ": no authority " + entry.authority());
    }
    if (entry.number() == null || entry.number() < 1 || entry.number() > 999) {
      throw new DataSetException(where + ": number is 1..999");
    }
    requireNames(entry.name(), entry.nameZh(), where);
    HolderKind holder = enumValue(HolderKind.class, "holder_" + entry.holder(), where + " holder");
    TreeSet<String> issuers = new TreeSet<>();
    for (String issuer : required(entry.issuers(), where + " issuers")) {
      issuers.add(registry.department(issuer, where).code());
    }
    List<DataItem> items = items(required(entry.items(), where + " items"), where);
    return LicenseType.newBuilder()
        .setCode(authority.code() + "W" + String.format("%03d", entry.number()))
        .setName(entry.name())
        .setNameZh(entry.nameZh())
        .setHolderKind(holder)
        .setOwnerCode(registry.department(entry.issuers().get(0), where).code())
        .addAllIssuerCodes(issuers)
        .addAllItems(items)
        .setVersion(1)
        .build();
  }

  private static List<DataItem> items(List<ItemEntry> entries, String where)
      throws DataSetException {
    Map<String, DataItem> byCode = new java.util.TreeMap<>();
    for (ItemEntry entry : entries) {
      String itemWhere = where + " item " + entry.code();
      requireForm(entry.code(), Fields.ITEM_CODE.pattern(), itemWhere);
      requireNames(entry.en(), entry.zh(), itemWhere);
      DataItem item =
          DataItem.newBuilder()
              .setCode(entry.code())
              .setName(entry.en())
              .setNameZh(entry.zh())
              .setValueType(enumValue(ItemValueType.class, entry.type(), itemWhere + " type"))
              .setRequired(!Boolean.TRUE.equals(entry.optional()))
              .build();
      if (byCode.put(entry.code(), item) != null) {
        throw new DataSetException(itemWhere + " is listed twice");
      }
    }
    if (byCode.size() > 64) {
      throw new DataSetException(where + " has over 64 items");
    }
    return List.copyOf(byCode.values());
  }

  // Shared checks, used by the builders in this package too.

  static <T> List<T> required(List<T> list, String what) throws DataSetException {
    if (list == null || list.isEmpty()) {
      throw new DataSetException(what + " is missing or empty");
    }
    return list;
  }

  static void requireCode(String code, String where, Set<String> seen) throws DataSetException {
    String problem = CreditCode.problem(code);
    if (problem != null) {
      throw new DataSetException(where + ": " + problem);
    }
    if (!OrganizationCode.isValid(code.substring(8, 17))) {
      throw new DataSetException(
          where + ": embedded organization code has a wrong check character");
    }
    if (!seen.add(code)) {
      throw new DataSetException(where + ": code " + code + " is used twice");
    }
  }

  static void requireNames(String name, String nameZh, String where) throws DataSetException {
    if (name == null || name.isBlank() || nameZh == null || nameZh.isBlank()) {
      throw new DataSetException(where + ": an English and a Chinese name are required");
    }
    requireLength(name, Fields.MAX_NAME_CHARS, where + " name");
    requireLength(nameZh, Fields.MAX_NAME_CHARS, where + " name_zh");
  }

  static void requireLength(String text, int maxChars, String where) throws DataSetException {
    if (text.length() > maxChars) {
      throw new DataSetException(where + " is over " + maxChars + " characters");
    }
  }

  static void requireForm(String text, String regex, String where) throws DataSetException {
    if (text == null || !text.matches(regex)) {
      throw new DataSetException(where + ": '" + text + "' does not match " + regex);
    }
  }

  /** The proto enum value named {@code text} (case-insensitive), never the unspecified zero. */
  static <E extends Enum<E> & com.google.protobuf.ProtocolMessageEnum> E enumValue(
      Class<E> type, String text, String where) throws DataSetException {
    if (text != null) {
      for (E value : type.getEnumConstants()) {
        if (value.name().equals(text.toUpperCase(Locale.ROOT))
            && !value.name().equals("UNRECOGNIZED")
            && value.getNumber() != 0) {
          return value;
        }
      }
    }
    throw new DataSetException(where + ": '" + text + "' is not a " + type.getSimpleName());
  }
}
