package org.govchain.subchains.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.govchain.subchains.ids.CreditCode;
import org.govchain.subchains.ids.LicenseIdentifier;
import org.govchain.subchains.proto.LicenseType;
import org.govchain.subchains.proto.Material;
import org.govchain.subchains.proto.MaterialSource;
import org.govchain.subchains.proto.ServiceItem;
import org.govchain.subchains.service.ServiceItemCodes;
import org.junit.jupiter.api.Test;

class DataSetTest {
  private static final String DEPARTMENTS =
      """
      authorities:
        - {key: mps, code: 11100000003468178D, name: Ministry, name_zh: 公安部}
      departments:
        - {node_id: data-bureau, code: 11110108MB4797395H, role: data_bureau, name: Bureau, name_zh: 局}
        - {node_id: public-security, code: 11110108MB2427761E, name: Police, name_zh: 分局}
      terminals:
        - {id: kiosk-1, kind: kiosk, operator: data-bureau}
      """;
  private static final String TYPES =
      """
      license_types:
        - key: resident_id_card
          authority: mps
          number: 1
          name: ID card
          name_zh: 居民身份证
          holder: citizen
          issuers: [public-security]
          items:
            - {code: name, en: Name, zh: 姓名, type: text}
            - {code: id_number, en: ID number, zh: 公民身份号码, type: code}
      """;
  private static final String ITEMS =
      """
      service_items:
        - key: something
          department: public-security
          type: public_service
          sequence: 7
          name: Something
          name_zh: 某事项
          applicant: citizen
          level: district
          min_assurance: low
          legal_basis: A law
          materials:
            - {code: card, en: Card, zh: 身份证, license: resident_id_card, holder: applicant, items: [name]}
            - {code: form, en: Form, zh: 申请表, scan: true}
      """;

  @Test
  void theBundledDataSetHasTheCatalogTheReportDescribes() throws Exception {
    DataSet data = DataSetLoader.bundled();
    assertTrue(data.licenseTypes().size() >= 31, "licence types: " + data.licenseTypes().size());
    assertTrue(data.dataItemCount() >= 300, "data items: " + data.dataItemCount());
    assertTrue(data.serviceItems().size() >= 20, "service items: " + data.serviceItems().size());
    assertEquals(data.licenseTypes().size(), data.resources().size());
    for (LicenseType type : data.licenseTypes().values()) {
      assertTrue(LicenseIdentifier.isTypeCode(type.getCode()), type.getCode());
    }
    for (DataSet.Department department : data.departments()) {
      assertTrue(CreditCode.isValid(department.code()), department.code());
    }
  }

  @Test
  void thePesticideFirstApplicationPullsFourMaterialsAndScansTheRest() throws Exception {
    DataSet data = DataSetLoader.bundled();
    ServiceItem pesticide = data.serviceItem("pesticide_business_first");
    List<Material> onChain =
        pesticide.getMaterialsList().stream()
            .filter(material -> material.getSource() == MaterialSource.FROM_LICENSE)
            .toList();
    assertEquals(4, onChain.size());
    assertEquals(
        data.licenseType("business_licence").getCode(), onChain.get(0).getLicenseTypeCode());
    assertEquals(
        data.licenseType("resident_id_card").getCode(), onChain.get(1).getLicenseTypeCode());
    assertTrue(pesticide.getMaterialsCount() > 4);
    assertEquals("XK", ServiceItemCodes.typeLettersOf(pesticide.getCode()));
    assertEquals(data.department("agriculture").code(), pesticide.getDepartmentCode());
    for (String key :
        List.of("passport_reissue", "nurse_first_registration", "nurse_change_registration")) {
      assertTrue(data.serviceItems().containsKey(key), key);
    }
  }

  @Test
  void codesAreUniqueAcrossTheDataSet() throws Exception {
    DataSet data = DataSetLoader.bundled();
    Set<String> codes = new HashSet<>();
    data.departments().forEach(department -> assertTrue(codes.add(department.code())));
    data.licenseTypes().values().forEach(type -> assertTrue(codes.add(type.getCode())));
    data.serviceItems().values().forEach(item -> assertTrue(codes.add(item.getCode())));
    data.resources().forEach(resource -> assertTrue(codes.add(resource.getCode())));
  }

  @Test
  void aSmallValidDataSetLoads() throws Exception {
    DataSet data = load(DEPARTMENTS, TYPES, ITEMS);
    assertEquals(1, data.licenseTypes().size());
    assertEquals("11100000003468178DW001", data.licenseType("resident_id_card").getCode());
    assertEquals("11110108MB2427761EGG00007", data.serviceItem("something").getCode());
  }

  @Test
  void aWrongCheckCharacterIsNamed() {
    DataSetException error =
        assertThrows(
            DataSetException.class,
            () ->
                load(
                    DEPARTMENTS.replace("11110108MB2427761E", "11110108MB2427761F"), TYPES, ITEMS));
    assertTrue(error.getMessage().contains("public-security"), error.getMessage());
    assertTrue(error.getMessage().contains("check character"), error.getMessage());
  }

  @Test
  void anUnknownReferenceIsNamed() {
    DataSetException error =
        assertThrows(
            DataSetException.class,
            () -> load(DEPARTMENTS, TYPES, ITEMS.replace("items: [name]", "items: [nickname]")));
    assertTrue(error.getMessage().contains("nickname"), error.getMessage());
    error =
        assertThrows(
            DataSetException.class,
            () ->
                load(
                    DEPARTMENTS,
                    TYPES.replace("issuers: [public-security]", "issuers: [police]"),
                    ITEMS));
    assertTrue(error.getMessage().contains("no department police"), error.getMessage());
  }

  @Test
  void unknownFieldsAndTwoDataBureausAreRefused() {
    assertThrows(
        DataSetException.class,
        () ->
            load(DEPARTMENTS.replace("name: Police", "name: Police, colour: blue"), TYPES, ITEMS));
    DataSetException error =
        assertThrows(
            DataSetException.class,
            () ->
                load(
                    DEPARTMENTS.replace(
                        "code: 11110108MB2427761E,",
                        "code: 11110108MB2427761E, role: data_bureau,"),
                    TYPES,
                    ITEMS));
    assertTrue(error.getMessage().contains("exactly one data bureau"), error.getMessage());
  }

  @Test
  void oversizedFilesAreRefusedBeforeParsing() {
    byte[] huge = new byte[DataSetLoader.MAX_FILE_BYTES + 1];
    assertThrows(
        DataSetException.class, () -> new DataSetLoader().load(huge, bytes(TYPES), bytes(ITEMS)));
  }

  private static DataSet load(String departments, String types, String items)
      throws DataSetException {
    return new DataSetLoader().load(bytes(departments), bytes(types), bytes(items));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
