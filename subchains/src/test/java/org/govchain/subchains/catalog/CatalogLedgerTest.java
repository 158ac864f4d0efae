package org.govchain.subchains.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.govchain.subchains.ChainKind;
import org.govchain.subchains.RefusalCode;
import org.govchain.subchains.ids.CreditCode;
import org.govchain.subchains.proto.DataItem;
import org.govchain.subchains.proto.DataResource;
import org.govchain.subchains.proto.DefineLicenseType;
import org.govchain.subchains.proto.DefineResource;
import org.govchain.subchains.proto.HolderKind;
import org.govchain.subchains.proto.ItemValueType;
import org.govchain.subchains.proto.LicenseType;
import org.govchain.subchains.proto.SharingType;
import org.govchain.subchains.testing.TestNetwork;
import org.junit.jupiter.api.Test;

class CatalogLedgerTest {
  private final TestNetwork network;
  private final String agriculture;
  private final String health;
  private final String bureau;

  CatalogLedgerTest() throws Exception {
    network = TestNetwork.create();
    agriculture = network.data.department("agriculture").code();
    health = network.data.department("health").code();
    bureau = network.data.dataBureau().code();
  }

  private LicenseType seedLicence(int version) {
    return LicenseType.newBuilder()
        .setCode("111000000082315408W077")
        .setName("Crop seed production licence")
        .setNameZh("农作物种子生产经营许可证")
        .setHolderKind(HolderKind.HOLDER_ORGANIZATION)
        .setOwnerCode(agriculture)
        .addIssuerCodes(agriculture)
        .addItems(item("licence_number", "许可证编号"))
        .addItems(item("operator_name", "生产经营者名称"))
        .setVersion(version)
        .build();
  }

  private static DataItem item(String code, String nameZh) {
    return DataItem.newBuilder()
        .setCode(code)
        .setName(code)
        .setNameZh(nameZh)
        .setValueType(ItemValueType.TEXT)
        .setRequired(true)
        .build();
  }

  private DefineLicenseType define(LicenseType type) {
    return DefineLicenseType.newBuilder().setLicenseType(type).build();
  }

  private DataResource seedResource(int version) {
    return DataResource.newBuilder()
        .setCode("110108-ZZ-0999")
        .setName("Seed licences")
        .setNameZh("种子生产经营许可证电子证照")
        .setProviderCode(agriculture)
        .setLicenseTypeCode("111000000082315408W077")
        .addItemCodes("licence_number")
        .setSharingType(SharingType.CONDITIONAL)
        .addConsumerCodes(health)
        .setVersion(version)
        .build();
  }

  @Test
  void genesisHoldsTheWholeCatalog() {
    for (LicenseType type : network.data.licenseTypes().values()) {
      assertEquals(
          type.toBuilder().setUpdatedHeight(0).build(),
          CatalogState.licenseType(network.state(ChainKind.CATALOG), type.getCode()).orElseThrow());
    }
    String idCard = network.data.licenseType("resident_id_card").getCode();
    CatalogState.Sharing forBureau =
        CatalogState.sharing(network.state(ChainKind.CATALOG), idCard, bureau);
    assertTrue(forBureau.catalogued() && forBureau.shared());
    assertTrue(forBureau.allowedItems().contains("id_number"));
    CatalogState.Sharing forCulture =
        CatalogState.sharing(
            network.state(ChainKind.CATALOG),
            idCard,
            network.data.department("culture-tourism").code());
    assertTrue(forCulture.shared());
    String noRecord = network.data.licenseType("no_criminal_record_certificate").getCode();
    assertFalse(CatalogState.sharing(network.state(ChainKind.CATALOG), noRecord, bureau).shared());
  }

  @Test
  void theOwnerDefinesAndVersionsItsType() {
    network.accept(
        ChainKind.CATALOG,
        network.department("agriculture"),
        CatalogLedger.DEFINE_LICENSE_TYPE,
        define(seedLicence(1)));
    network.refuse(
        RefusalCode.VERSION_CONFLICT,
        ChainKind.CATALOG,
        network.department("agriculture"),
        CatalogLedger.DEFINE_LICENSE_TYPE,
        define(seedLicence(1)));
    LicenseType second =
        seedLicence(2).toBuilder().addItems(item("production_site", "生产地点")).build();
    network.accept(
        ChainKind.CATALOG,
        network.department("agriculture"),
        CatalogLedger.DEFINE_LICENSE_TYPE,
        define(second));
    LicenseType stored =
        CatalogState.licenseType(network.state(ChainKind.CATALOG), second.getCode()).orElseThrow();
    assertEquals(3, stored.getItemsCount());
    assertEquals(2, stored.getVersion());
    assertTrue(stored.getUpdatedHeight() > 0);
  }

  @Test
  void onlyTheOwnerOrTheDataBureauChangesAnEntry() {
    network.refuse(
        RefusalCode.NOT_PERMITTED,
        ChainKind.CATALOG,
        network.department("health"),
        CatalogLedger.DEFINE_LICENSE_TYPE,
        define(seedLicence(1)));
    network.refuse(
        RefusalCode.NOT_PERMITTED,
        ChainKind.CATALOG,
        network.terminal("hd-agriculture-system"),
        CatalogLedger.DEFINE_LICENSE_TYPE,
        define(seedLicence(1)));
    network.accept(
        ChainKind.CATALOG,
        network.dataBureau(),
        CatalogLedger.DEFINE_LICENSE_TYPE,
        define(seedLicence(1)));
    // The owner cannot hand its entry to someone else; the data bureau can.
    LicenseType handedOver = seedLicence(2).toBuilder().setOwnerCode(health).build();
    network.refuse(
        RefusalCode.NOT_PERMITTED,
        ChainKind.CATALOG,
        network.department("agriculture"),
        CatalogLedger.DEFINE_LICENSE_TYPE,
        define(handedOver));
    network.accept(
        ChainKind.CATALOG,
        network.dataBureau(),
        CatalogLedger.DEFINE_LICENSE_TYPE,
        define(handedOver));
  }

  @Test
  void ownersAndIssuersMustBeRegistered() {
    String unknown = CreditCode.withCheckCharacter("11110108MB1234567").value();
    network.refuse(
        RefusalCode.UNKNOWN_DEPARTMENT,
        ChainKind.CATALOG,
        network.dataBureau(),
        CatalogLedger.DEFINE_LICENSE_TYPE,
        define(seedLicence(1).toBuilder().clearIssuerCodes().addIssuerCodes(unknown).build()));
  }

  @Test
  void malformedTypesAreRefused() {
    LicenseType good = seedLicence(1);
    for (LicenseType bad :
        List.of(
            good.toBuilder().setCode("111000000082315408X077").build(),
            good.toBuilder().clearItems().build(),
            good.toBuilder().clearItems().addItems(item("b", "乙")).addItems(item("a", "甲")).build(),
            good.toBuilder().addItems(item("licence_number", "重复")).build(),
            good.toBuilder().addItems(item("Bad-Code", "坏")).build(),
            good.toBuilder().clearIssuerCodes().build(),
            good.toBuilder().clearHolderKind().build(),
            good.toBuilder().setUpdatedHeight(5).build(),
            good.toBuilder().setVersion(0).build())) {
      network.refuse(
          RefusalCode.MALFORMED_PAYLOAD,
          ChainKind.CATALOG,
          network.dataBureau(),
          CatalogLedger.DEFINE_LICENSE_TYPE,
          define(bad));
    }
    network.refuse(
        RefusalCode.MALFORMED_PAYLOAD,
        ChainKind.CATALOG,
        network.dataBureau(),
        CatalogLedger.DEFINE_LICENSE_TYPE,
        DefineLicenseType.getDefaultInstance());
  }

  @Test
  void resourcesShareItemsOfTheirTypeWithTheirConsumers() {
    network.accept(
        ChainKind.CATALOG,
        network.department("agriculture"),
        CatalogLedger.DEFINE_LICENSE_TYPE,
        define(seedLicence(1)));
    network.accept(
        ChainKind.CATALOG,
        network.department("agriculture"),
        CatalogLedger.DEFINE_RESOURCE,
        DefineResource.newBuilder().setResource(seedResource(1)).build());
    CatalogState.Sharing forHealth =
        CatalogState.sharing(network.state(ChainKind.CATALOG), "111000000082315408W077", health);
    assertEquals(List.of("licence_number"), forHealth.allowedItems());
    assertTrue(
        CatalogState.sharing(network.state(ChainKind.CATALOG), "111000000082315408W077", bureau)
            .allowedItems()
            .isEmpty());
    // Moving the resource to another type moves its index entry.
    network.accept(
        ChainKind.CATALOG,
        network.dataBureau(),
        CatalogLedger.DEFINE_RESOURCE,
        DefineResource.newBuilder()
            .setResource(
                seedResource(2).toBuilder().clearLicenseTypeCode().clearItemCodes().build())
            .build());
    assertTrue(
        CatalogState.resourcesOfType(network.state(ChainKind.CATALOG), "111000000082315408W077")
            .isEmpty());
  }

  @Test
  void resourceRefusals() {
    network.accept(
        ChainKind.CATALOG,
        network.department("agriculture"),
        CatalogLedger.DEFINE_LICENSE_TYPE,
        define(seedLicence(1)));
    DataResource good = seedResource(1);
    network.refuse(
        RefusalCode.ITEMS_DO_NOT_MATCH_TYPE,
        ChainKind.CATALOG,
        network.department("agriculture"),
        CatalogLedger.DEFINE_RESOURCE,
        DefineResource.newBuilder().setResource(good.toBuilder().addItemCodes("photo")).build());
    network.refuse(
        RefusalCode.UNKNOWN_LICENSE_TYPE,
        ChainKind.CATALOG,
        network.department("agriculture"),
        CatalogLedger.DEFINE_RESOURCE,
        DefineResource.newBuilder()
            .setResource(good.toBuilder().setLicenseTypeCode("111000000082315408W078"))
            .build());
    network.refuse(
        RefusalCode.NOT_PERMITTED,
        ChainKind.CATALOG,
        network.department("health"),
        CatalogLedger.DEFINE_RESOURCE,
        DefineResource.newBuilder().setResource(good).build());
    network.refuse(
        RefusalCode.UNKNOWN_DEPARTMENT,
        ChainKind.CATALOG,
        network.department("agriculture"),
        CatalogLedger.DEFINE_RESOURCE,
        DefineResource.newBuilder()
            .setResource(
                good.toBuilder()
                    .clearConsumerCodes()
                    .addConsumerCodes(CreditCode.withCheckCharacter("11110108MB1234567").value()))
            .build());
    network.refuse(
        RefusalCode.MALFORMED_PAYLOAD,
        ChainKind.CATALOG,
        network.department("agriculture"),
        CatalogLedger.DEFINE_RESOURCE,
        DefineResource.newBuilder()
            .setResource(good.toBuilder().setSharingType(SharingType.UNCONDITIONAL))
            .build());
    network.refuse(
        RefusalCode.VERSION_CONFLICT,
        ChainKind.CATALOG,
        network.department("agriculture"),
        CatalogLedger.DEFINE_RESOURCE,
        DefineResource.newBuilder().setResource(good.toBuilder().setVersion(3)).build());
  }
}
