package org.govchain.subchains;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.govchain.core.chain.ChainId;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.subchains.catalog.CatalogLedger;
import org.govchain.subchains.consent.ConsentLedger;
import org.govchain.subchains.identity.IdentityLedger;
import org.govchain.subchains.license.LicenseLedger;
import org.govchain.subchains.service.ServiceLedger;

/**
 * A network's five ledgers. All five use one crypto suite: keys registered on the identity chain
 * are compared byte for byte with submitters on the other chains.
 */
public final class Subchains {
  private final Network network;
  private final CryptoSuite suite;
  private final Map<ChainKind, Ledger> ledgers;

  public Subchains(Network network, CryptoSuite suite) {
    this.network = network;
    this.suite = suite;
    Map<ChainKind, Ledger> byKind = new EnumMap<>(ChainKind.class);
    byKind.put(ChainKind.LICENSE, LicenseLedger.create(network, suite));
    byKind.put(ChainKind.IDENTITY, IdentityLedger.create(network, suite));
    byKind.put(ChainKind.CONSENT, ConsentLedger.create(network, suite));
    byKind.put(ChainKind.CATALOG, CatalogLedger.create(network, suite));
    byKind.put(ChainKind.SERVICE, ServiceLedger.create(network, suite));
    this.ledgers = Map.copyOf(byKind);
  }

  public Network network() {
    return network;
  }

  public CryptoSuite suite() {
    return suite;
  }

  public Ledger ledger(ChainKind kind) {
    return ledgers.get(kind);
  }

  /** The ledger of one of this network's chains, or empty for a chain of another network. */
  public Optional<Ledger> ledgerFor(ChainId chainId) {
    return network.kindOf(chainId).map(ledgers::get);
  }
}
