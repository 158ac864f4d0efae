package org.govchain.subchains.catalog;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.govchain.core.InvariantViolation;
import org.govchain.core.state.StateEntry;
import org.govchain.core.state.StateReader;
import org.govchain.core.state.StateWriter;
import org.govchain.subchains.proto.DataResource;
import org.govchain.subchains.proto.LicenseType;
import org.govchain.subchains.proto.SharingType;
import org.govchain.subchains.state.StateKeys;
import org.govchain.subchains.state.Stored;

/** The catalog chain's state layout and typed access. */
public final class CatalogState {
  /** At most this many data resources share one licence type (checked when defining one). */
  public static final int MAX_RESOURCES_PER_TYPE = 32;

  private CatalogState() {}

  public static ByteString licenseTypeKey(String code) {
    return StateKeys.table("type").text(code).build();
  }

  public static ByteString resourceKey(String code) {
    return StateKeys.table("res").text(code).build();
  }

  /** Index: the resources backed by one licence type. */
  public static ByteString typeResourcesPrefix(String typeCode) {
    return StateKeys.table("ix-type-res").text(typeCode).build();
  }

  static ByteString typeResourceKey(String typeCode, String resourceCode) {
    return StateKeys.table("ix-type-res").text(typeCode).text(resourceCode).build();
  }

  public static Optional<LicenseType> licenseType(StateReader state, String code) {
    return Stored.read(state, licenseTypeKey(code), LicenseType.parser(), "licence type");
  }

  public static Optional<DataResource> resource(StateReader state, String code) {
    return Stored.read(state, resourceKey(code), DataResource.parser(), "data resource");
  }

  /** The resources sharing items of a licence type, in code order. */
  public static List<DataResource> resourcesOfType(StateReader state, String typeCode) {
    List<StateEntry> index =
        state.scan(typeResourcesPrefix(typeCode), ByteString.EMPTY, MAX_RESOURCES_PER_TYPE);
    List<DataResource> out = new ArrayList<>(index.size());
    for (StateEntry entry : index) {
      String resourceCode = entry.value().toStringUtf8();
      out.add(
          resource(state, resourceCode)
              .orElseThrow(() -> new InvariantViolation("index names missing " + resourceCode)));
    }
    return out;
  }

  /**
   * What the catalog lets {@code consumerCode} read of a licence type: the union of the items of
   * every resource of the type that is unconditionally shared or names the consumer.
   */
  public static Sharing sharing(StateReader state, String typeCode, String consumerCode) {
    List<DataResource> resources = resourcesOfType(state, typeCode);
    TreeSet<String> items = new TreeSet<>();
    boolean anyShared = false;
    for (DataResource resource : resources) {
      if (resource.getSharingType() == SharingType.NOT_SHARED) {
        continue;
      }
      anyShared = true;
      boolean allowed =
          resource.getSharingType() == SharingType.UNCONDITIONAL
              || resource.getConsumerCodesList().contains(consumerCode);
      if (allowed) {
        items.addAll(resource.getItemCodesList());
      }
    }
    return new Sharing(!resources.isEmpty(), anyShared, List.copyOf(items));
  }

  /**
   * @param catalogued whether any resource exposes the type
   * @param shared whether any of them is shared at all
   * @param allowedItems the items this consumer may read, sorted
   */
  public record Sharing(boolean catalogued, boolean shared, List<String> allowedItems) {}

  static void putLicenseType(StateWriter state, LicenseType type) {
    Stored.write(state, licenseTypeKey(type.getCode()), type);
  }

  static void putResource(StateWriter state, Optional<DataResource> previous, DataResource next) {
    previous
        .filter(old -> !old.getLicenseTypeCode().isEmpty())
        .ifPresent(old -> state.delete(typeResourceKey(old.getLicenseTypeCode(), old.getCode())));
    Stored.write(state, resourceKey(next.getCode()), next);
    if (!next.getLicenseTypeCode().isEmpty()) {
      state.put(
          typeResourceKey(next.getLicenseTypeCode(), next.getCode()),
          ByteString.copyFromUtf8(next.getCode()));
    }
  }
}
