package org.govchain.node.chain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.govchain.core.MalformedInputException;
import org.govchain.core.chain.Blocks;
import org.govchain.core.chain.ChainId;
import org.govchain.core.chain.NodeId;
import org.govchain.core.chain.ValidatorSet;
import org.govchain.core.codec.Canonical;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.crypto.PublicKey;
import org.govchain.core.crypto.SuiteId;
import org.govchain.core.proto.Genesis;
import org.govchain.node.config.ConfigException;
import org.govchain.subchains.ChainKind;
import org.govchain.subchains.Ledger;
import org.govchain.subchains.Network;
import org.govchain.subchains.Subchains;

/**
 * The chains this node hosts, loaded from their genesis files and checked together: one network,
 * one crypto suite, this node a validator of each, and every chain that a hosted chain reads hosted
 * too (cross-chain reads are local).
 */
public final class HostedChains {
  /** A genesis file with the full data set is a few MiB; this bounds a mistaken file. */
  public static final int MAX_GENESIS_BYTES = 64 * 1024 * 1024;

  private final Network network;
  private final CryptoSuite suite;
  private final Subchains subchains;
  private final Map<ChainId, ChainSetup> chains;
  private final Map<ChainKind, ChainSetup> byKind;

  private HostedChains(Network network, CryptoSuite suite, List<ChainSetup> chains) {
    this.network = network;
    this.suite = suite;
    this.subchains = new Subchains(network, suite);
    Map<ChainId, ChainSetup> byId = new LinkedHashMap<>();
    Map<ChainKind, ChainSetup> kinds = new EnumMap<>(ChainKind.class);
    for (ChainKind kind : ChainKind.GENESIS_ORDER) {
      for (ChainSetup chain : chains) {
        if (chain.kind() == kind) {
          byId.put(chain.id(), chain);
          kinds.put(kind, chain);
        }
      }
    }
    this.chains = byId;
    this.byKind = kinds;
  }

  /**
   * Loads and checks the genesis files of every hosted chain of {@code network}; {@code self} and
   * {@code signingKey} null for an auditor (see {@link #forAudit}).
   */
  public static HostedChains load(
      String networkName, NodeId self, PublicKey signingKey, List<Path> genesisFiles)
      throws ConfigException {
    Network network;
    try {
      network = Network.parse(networkName);
    } catch (MalformedInputException e) {
      throw new ConfigException("network: " + e.getMessage());
    }
    List<Genesis> genesis = new ArrayList<>();
    for (Path file : genesisFiles) {
      genesis.add(read(file));
    }
    SuiteId suiteId = suiteOf(genesis, genesisFiles);
    CryptoSuite suite = CryptoSuite.of(suiteId);
    Subchains subchains = new Subchains(network, suite);
    List<ChainSetup> setups = new ArrayList<>();
    for (int i = 0; i < genesis.size(); i++) {
      setups.add(
          setup(genesis.get(i), genesisFiles.get(i), network, suite, subchains, self, signingKey));
    }
    HostedChains hosted = new HostedChains(network, suite, setups);
    hosted.checkComplete(genesisFiles.size());
    return hosted;
  }

  /**
   * Loads and checks genesis files for an auditor, who is no validator: the network is named by the
   * chain ids, and {@link ChainSetup#selfIndex()} is -1 (this setup builds no blocks but genesis).
   */
  public static HostedChains forAudit(List<Path> genesisFiles) throws ConfigException {
    if (genesisFiles.isEmpty()) {
      throw new ConfigException("no genesis file given");
    }
    Genesis first = read(genesisFiles.get(0));
    String networkName = null;
    for (ChainKind kind : ChainKind.values()) {
      String suffix = "-" + kind.suffix();
      if (first.getChainId().endsWith(suffix)) {
        networkName =
            first.getChainId().substring(0, first.getChainId().length() - suffix.length());
      }
    }
    if (networkName == null) {
      throw new ConfigException(
          genesisFiles.get(0) + ": chain " + first.getChainId() + " is not a govchain chain id");
    }
    return load(networkName, null, null, genesisFiles);
  }

  private static Genesis read(Path file) throws ConfigException {
    try {
      long size = Files.size(file);
      if (size > MAX_GENESIS_BYTES) {
        throw new ConfigException(
            file + ": " + size + " bytes, over the genesis limit of " + MAX_GENESIS_BYTES);
      }
      return Canonical.decode(
          Genesis.parser(), Files.readAllBytes(file), MAX_GENESIS_BYTES, "genesis");
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read: " + e.getMessage());
    } catch (MalformedInputException e) {
      throw new ConfigException(file + ": " + e.getMessage());
    }
  }

  private static SuiteId suiteOf(List<Genesis> genesis, List<Path> files) throws ConfigException {
    SuiteId suite = null;
    for (int i = 0; i < genesis.size(); i++) {
      SuiteId own;
      try {
        own = SuiteId.fromProto(genesis.get(i).getSuite());
      } catch (MalformedInputException e) {
        throw new ConfigException(files.get(i) + ": " + e.getMessage());
      }
      if (suite != null && own != suite) {
        throw new ConfigException(
            files.get(i)
                + ": suite "
                + own
                + ", but the other chains use "
                + suite
                + " (one network, one suite)");
      }
      suite = own;
    }
    return suite;
  }

  private static ChainSetup setup(
      Genesis genesis,
      Path file,
      Network network,
      CryptoSuite suite,
      Subchains subchains,
      NodeId self,
      PublicKey signingKey)
      throws ConfigException {
    ChainId id;
    ValidatorSet validators;
    try {
      id = ChainId.parse(genesis.getChainId());
      validators = ValidatorSet.fromProto(genesis.getValidatorsList(), suite);
    } catch (MalformedInputException e) {
      throw new ConfigException(file + ": " + e.getMessage());
    }
    ChainKind kind =
        network
            .kindOf(id)
            .orElseThrow(
                () ->
                    new ConfigException(
                        file + ": chain " + id + " is not a chain of network " + network.name()));
    Ledger ledger = subchains.ledger(kind);
    if (self == null) {
      return new ChainSetup(
          id, kind, genesis, Blocks.genesisHash(suite, genesis), suite, validators, -1, ledger);
    }
    ValidatorSet.Member member =
        validators
            .byNodeId(self)
            .orElseThrow(
                () ->
                    new ConfigException(
                        file + ": node " + self + " is not a validator of chain " + id));
    if (!member.publicKey().equals(signingKey)) {
      throw new ConfigException(
          file
              + ": the genesis gives node "
              + self
              + " another signing key than signing-key ("
              + member.publicKey().fingerprint().substring(0, 16)
              + ")");
    }
    return new ChainSetup(
        id,
        kind,
        genesis,
        Blocks.genesisHash(suite, genesis),
        suite,
        validators,
        member.index(),
        ledger);
  }

  private void checkComplete(int files) throws ConfigException {
    if (chains.size() != files) {
      throw new ConfigException("two genesis files name the same chain");
    }
    for (ChainSetup chain : chains.values()) {
      for (String type : chain.ledger().transactionTypes()) {
        for (ChainKind read : chain.ledger().reads(type)) {
          if (!byKind.containsKey(read)) {
            throw new ConfigException(
                "chain "
                    + chain.id()
                    + " reads chain "
                    + network.chainId(read)
                    + " (for "
                    + type
                    + "), which this node does not host: add its genesis file");
          }
        }
      }
    }
  }

  public Network network() {
    return network;
  }

  public CryptoSuite suite() {
    return suite;
  }

  public Subchains subchains() {
    return subchains;
  }

  /** The hosted chains in genesis order (each after the chains it reads). */
  public Collection<ChainSetup> all() {
    return chains.values();
  }

  public Optional<ChainSetup> get(ChainId id) {
    return Optional.ofNullable(chains.get(id));
  }

  public ChainSetup of(ChainKind kind) {
    ChainSetup chain = byKind.get(kind);
    if (chain == null) {
      throw new IllegalArgumentException("chain kind " + kind + " is not hosted");
    }
    return chain;
  }

  public List<ValidatorSet> validatorSets() {
    return chains.values().stream().map(ChainSetup::validators).toList();
  }
}
