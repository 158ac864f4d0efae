package org.govchain.subchains;

import java.util.List;

/** The five typed sub-chains of a govchain network. */
public enum ChainKind {
  /** 证照链: electronic licences and certificates. */
  LICENSE("license", "证照链"),
  /** 认证链: departments, terminals, their keys; identity-verification events. */
  IDENTITY("identity", "认证链"),
  /** 授权链: grants, revocations, access records. */
  CONSENT("consent", "授权链"),
  /** 目录链: licence types, data items, data resources. */
  CATALOG("catalog", "目录链"),
  /** 事项链: service items and cases. */
  SERVICE("service", "事项链");

  /**
   * The order in which the genesis blocks execute: every chain's genesis reads only chains before
   * it (catalog and service entries are authorized against the identity chain's registry).
   */
  public static final List<ChainKind> GENESIS_ORDER =
      List.of(IDENTITY, CATALOG, SERVICE, LICENSE, CONSENT);

  private final String suffix;
  private final String nameZh;

  ChainKind(String suffix, String nameZh) {
    this.suffix = suffix;
    this.nameZh = nameZh;
  }

  /** The chain-id suffix and transaction-type prefix, e.g. "license". */
  public String suffix() {
    return suffix;
  }

  public String nameZh() {
    return nameZh;
  }
}
