package org.govchain.node.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.govchain.core.chain.NodeId;
import org.govchain.storage.StoreOptions;

/**
 * A department node's configuration, read from YAML by {@link NodeConfigLoader} and validated
 * there: every path is absolute (relative ones are resolved against the file's directory), every
 * address parsed, every limit checked.
 *
 * @param nodeId this node's name in the validator sets of the chains it hosts
 * @param network the network's name (chain ids are {@code <network>-<ledger>})
 * @param dataDirectory where the RocksDB store lives
 * @param signingKey PKCS#8 PEM private key: consensus votes and the department's transactions
 * @param tls the node's TLS certificate and key, and the network authority's certificate
 * @param listen the p2p, gRPC and metrics listen addresses
 * @param peers the other nodes' p2p addresses
 * @param genesis one genesis file per hosted chain
 * @param limits bounds and timings
 * @param vault the vault this node keeps for some departments, if any
 * @param vaultHosts for each department (credit code), the node that keeps its vault
 */
public record NodeConfig(
    NodeId nodeId,
    String network,
    Path dataDirectory,
    Path signingKey,
    Tls tls,
    Listen listen,
    Map<NodeId, HostPort> peers,
    List<Path> genesis,
    Limits limits,
    java.util.Optional<Vault> vault,
    Map<String, NodeId> vaultHosts) {

  public NodeConfig {
    peers = Map.copyOf(peers);
    genesis = List.copyOf(genesis);
    vaultHosts = Map.copyOf(vaultHosts);
  }

  /**
   * The node's vault: its key file and the departments (credit codes) whose licence item values it
   * keeps.
   */
  public record Vault(Path key, java.util.Set<String> departments) {
    public Vault {
      departments = java.util.Set.copyOf(departments);
    }
  }

  /** TLS material: this node's certificate and key, and the network authority. */
  public record Tls(Path certificate, Path key, Path authority) {}

  /** Where the node listens. Port 0 picks a free port (tests). */
  public record Listen(HostPort p2p, HostPort grpc, HostPort metrics) {}

  /**
   * Bounds and timings.
   *
   * @param tickMillis the consensus clock's tick; PBFT timeouts are counted in ticks
   * @param mempoolTransactions pending transactions per chain
   * @param mempoolPerSubmitter pending transactions per submitter per chain
   * @param verifyQueue transactions waiting for signature verification
   * @param consensusQueue peer messages waiting for one chain's consensus thread
   * @param grpcMessageBytes largest gRPC request or response
   * @param submitWaitMillis longest a Submit may wait for its commit
   * @param streamBufferBlocks blocks buffered for one StreamBlocks subscriber
   * @param treeNodeCacheEntries state tree nodes the store keeps decoded in memory per chain (half
   *     for the latest blocks' new nodes, half for nodes read); 0 keeps none
   */
  public record Limits(
      long tickMillis,
      int mempoolTransactions,
      int mempoolPerSubmitter,
      int verifyQueue,
      int consensusQueue,
      int grpcMessageBytes,
      long submitWaitMillis,
      int streamBufferBlocks,
      int treeNodeCacheEntries) {

    public static Limits defaults() {
      return new Limits(
          10,
          50_000,
          1_000,
          20_000,
          10_000,
          16 * 1024 * 1024,
          60_000,
          256,
          StoreOptions.defaults().treeNodeCacheEntries());
    }
  }
}
