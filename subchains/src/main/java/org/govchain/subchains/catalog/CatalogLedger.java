package org.govchain.subchains.catalog;

import static org.govchain.subchains.Fields.require;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.govchain.core.chain.DecodedTransaction;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.state.StateReader;
import org.govchain.core.state.StateWriter;
import org.govchain.subchains.ChainKind;
import org.govchain.subchains.Execution;
import org.govchain.subchains.Fields;
import org.govchain.subchains.Network;
import org.govchain.subchains.Operation;
import org.govchain.subchains.Refusal;
import org.govchain.subchains.RefusalCode;
import org.govchain.subchains.TypedLedger;
import org.govchain.subchains.identity.IdentityState;
import org.govchain.subchains.identity.Principal;
import org.govchain.subchains.identity.Principals;
import org.govchain.subchains.proto.DataItem;
import org.govchain.subchains.proto.DataResource;
import org.govchain.subchains.proto.DefineLicenseType;
import org.govchain.subchains.proto.DefineResource;
import org.govchain.subchains.proto.LicenseType;
import org.govchain.subchains.proto.SharingType;

/** The catalog chain (目录链): licence types with their item schemas, and data resources. */
public final class CatalogLedger {
  public static final String DEFINE_LICENSE_TYPE = "catalog.define_license_type";
  public static final String DEFINE_RESOURCE = "catalog.define_resource";

  /** The most data items one licence type defines. */
  public static final int MAX_ITEMS_PER_TYPE = 64;

  private CatalogLedger() {}

  public static TypedLedger create(Network network, CryptoSuite suite) {
    Set<ChainKind> reads = Set.of(ChainKind.IDENTITY);
    return new TypedLedger(
        ChainKind.CATALOG,
        network,
        suite,
        List.of(
            new Operation<>(
                DEFINE_LICENSE_TYPE,
                DefineLicenseType.parser(),
                reads,
                CatalogLedger::checkDefineLicenseType,
                CatalogLedger::defineLicenseType),
            new Operation<>(
                DEFINE_RESOURCE,
                DefineResource.parser(),
                reads,
                CatalogLedger::checkDefineResource,
                CatalogLedger::defineResource)));
  }

  // catalog.define_license_type

  static void checkDefineLicenseType(DefineLicenseType payload, DecodedTransaction transaction)
      throws Refusal {
    require(payload.hasLicenseType(), "license_type is missing");
    LicenseType type = payload.getLicenseType();
    Fields.licenseTypeCode(type.getCode(), "code");
    Fields.text(type.getName(), "name", Fields.MAX_NAME_CHARS);
    Fields.text(type.getNameZh(), "name_zh", Fields.MAX_NAME_CHARS);
    Fields.known(type.getHolderKind(), "holder_kind");
    Fields.creditCode(type.getOwnerCode(), "owner_code");
    require(type.getIssuerCodesCount() > 0, "issuer_codes is empty");
    Fields.sortedDistinct(type.getIssuerCodesList(), "issuer_codes");
    for (String issuer : type.getIssuerCodesList()) {
      Fields.creditCode(issuer, "issuer_codes");
    }
    require(
        type.getItemsCount() > 0 && type.getItemsCount() <= MAX_ITEMS_PER_TYPE,
        "a licence type has 1.." + MAX_ITEMS_PER_TYPE + " items");
    List<String> codes = new ArrayList<>(type.getItemsCount());
    for (DataItem item : type.getItemsList()) {
      Fields.matches(item.getCode(), Fields.ITEM_CODE, "item code");
      Fields.text(item.getName(), "item name", Fields.MAX_NAME_CHARS);
      Fields.text(item.getNameZh(), "item name_zh", Fields.MAX_NAME_CHARS);
      Fields.known(item.getValueType(), "item value_type");
      codes.add(item.getCode());
    }
    Fields.sortedDistinct(codes, "item codes");
    require(type.getVersion() >= 1, "version is missing");
    require(type.getUpdatedHeight() == 0, "updated_height is set by the chain, not the payload");
  }

  static void defineLicenseType(DefineLicenseType payload, Execution execution) throws Refusal {
    LicenseType type = payload.getLicenseType();
    StateReader identity = execution.read(ChainKind.IDENTITY);
    Principal submitter = Principals.resolveActive(identity, execution.transaction().submitter());
    StateWriter state = execution.state();
    Optional<LicenseType> existing = CatalogState.licenseType(state, type.getCode());
    requireNextVersion(existing.map(LicenseType::getVersion), type.getVersion(), type.getCode());
    String currentOwner = existing.map(LicenseType::getOwnerCode).orElse(type.getOwnerCode());
    permit(
        submitter.isDataBureau()
            || (submitter.isDepartment(currentOwner) && currentOwner.equals(type.getOwnerCode())),
        "licence type " + type.getCode() + " is changed by its owner or the data bureau");
    requireRegistered(identity, type.getOwnerCode());
    for (String issuer : type.getIssuerCodesList()) {
      requireRegistered(identity, issuer);
    }
    CatalogState.putLicenseType(
        state, type.toBuilder().setUpdatedHeight(execution.height()).build());
  }

  // catalog.define_resource

  static void checkDefineResource(DefineResource payload, DecodedTransaction transaction)
      throws Refusal {
    require(payload.hasResource(), "resource is missing");
    DataResource resource = payload.getResource();
    Fields.matches(resource.getCode(), Fields.RESOURCE_CODE, "code");
    Fields.text(resource.getName(), "name", Fields.MAX_NAME_CHARS);
    Fields.text(resource.getNameZh(), "name_zh", Fields.MAX_NAME_CHARS);
    Fields.creditCode(resource.getProviderCode(), "provider_code");
    if (!resource.getLicenseTypeCode().isEmpty()) {
      Fields.licenseTypeCode(resource.getLicenseTypeCode(), "license_type_code");
      require(resource.getItemCodesCount() > 0, "item_codes is empty");
    }
    Fields.sortedDistinct(resource.getItemCodesList(), "item_codes");
    for (String item : resource.getItemCodesList()) {
      Fields.matches(item, Fields.ITEM_CODE, "item_codes");
    }
    Fields.known(resource.getSharingType(), "sharing_type");
    Fields.sortedDistinct(resource.getConsumerCodesList(), "consumer_codes");
    for (String consumer : resource.getConsumerCodesList()) {
      Fields.creditCode(consumer, "consumer_codes");
    }
    boolean conditional = resource.getSharingType() == SharingType.CONDITIONAL;
    require(
        conditional == (resource.getConsumerCodesCount() > 0),
        "consumer_codes are listed exactly for conditional sharing");
    Fields.optionalText(
        resource.getSharingConditions(), "sharing_conditions", Fields.MAX_TEXT_CHARS);
    Fields.optionalText(resource.getUpdateCycle(), "update_cycle", Fields.MAX_NAME_CHARS);
    Fields.optionalText(resource.getSummary(), "summary", Fields.MAX_TEXT_CHARS);
    require(resource.getVersion() >= 1, "version is missing");
    require(
        resource.getUpdatedHeight() == 0, "updated_height is set by the chain, not the payload");
  }

  static void defineResource(DefineResource payload, Execution execution) throws Refusal {
    DataResource resource = payload.getResource();
    StateReader identity = execution.read(ChainKind.IDENTITY);
    Principal submitter = Principals.resolveActive(identity, execution.transaction().submitter());
    StateWriter state = execution.state();
    Optional<DataResource> existing = CatalogState.resource(state, resource.getCode());
    requireNextVersion(
        existing.map(DataResource::getVersion), resource.getVersion(), resource.getCode());
    String currentProvider =
        existing.map(DataResource::getProviderCode).orElse(resource.getProviderCode());
    permit(
        submitter.isDataBureau()
            || (submitter.isDepartment(currentProvider)
                && currentProvider.equals(resource.getProviderCode())),
        "resource " + resource.getCode() + " is changed by its provider or the data bureau");
    requireRegistered(identity, resource.getProviderCode());
    for (String consumer : resource.getConsumerCodesList()) {
      requireRegistered(identity, consumer);
    }
    if (!resource.getLicenseTypeCode().isEmpty()) {
      requireItemsOfType(state, resource);
      boolean typeChanges =
          existing.isEmpty()
              || !existing.get().getLicenseTypeCode().equals(resource.getLicenseTypeCode());
      if (typeChanges
          && CatalogState.resourcesOfType(state, resource.getLicenseTypeCode()).size()
              >= CatalogState.MAX_RESOURCES_PER_TYPE) {
        throw new Refusal(
            RefusalCode.NOT_PERMITTED,
            "licence type already has " + CatalogState.MAX_RESOURCES_PER_TYPE + " resources");
      }
    }
    CatalogState.putResource(
        state, existing, resource.toBuilder().setUpdatedHeight(execution.height()).build());
  }

  private static void requireItemsOfType(StateReader catalog, DataResource resource)
      throws Refusal {
    LicenseType type =
        CatalogState.licenseType(catalog, resource.getLicenseTypeCode())
            .orElseThrow(
                () ->
                    new Refusal(
                        RefusalCode.UNKNOWN_LICENSE_TYPE,
                        "licence type " + resource.getLicenseTypeCode() + " is not defined"));
    Set<String> defined = new HashSet<>();
    type.getItemsList().forEach(item -> defined.add(item.getCode()));
    for (String item : resource.getItemCodesList()) {
      if (!defined.contains(item)) {
        throw new Refusal(
            RefusalCode.ITEMS_DO_NOT_MATCH_TYPE,
            "item " + item + " is not an item of licence type " + type.getCode());
      }
    }
  }

  // Shared rules.

  private static void requireNextVersion(Optional<Integer> stored, int given, String what)
      throws Refusal {
    int expected = stored.map(version -> version + 1).orElse(1);
    if (given != expected) {
      throw new Refusal(
          RefusalCode.VERSION_CONFLICT,
          what + " must be defined with version " + expected + ", got " + given);
    }
  }

  private static void requireRegistered(StateReader identity, String code) throws Refusal {
    if (IdentityState.department(identity, code).isEmpty()) {
      throw new Refusal(
          RefusalCode.UNKNOWN_DEPARTMENT, "department " + code + " is not registered");
    }
  }

  private static void permit(boolean allowed, String message) throws Refusal {
    if (!allowed) {
      throw new Refusal(RefusalCode.NOT_PERMITTED, message);
    }
  }
}
