package org.govchain.subchains.genesis;

import java.util.Map;
import org.govchain.core.crypto.PrivateKey;
import org.govchain.core.crypto.PublicKey;

/**
 * The keys genesis content needs: the data bureau's private key (it signs every genesis
 * transaction) and the public keys of every department (by node id) and terminal (by terminal id).
 */
public record GenesisKeys(
    PrivateKey dataBureau, Map<String, PublicKey> departments, Map<String, PublicKey> terminals) {
  public GenesisKeys {
    departments = Map.copyOf(departments);
    terminals = Map.copyOf(terminals);
  }
}
