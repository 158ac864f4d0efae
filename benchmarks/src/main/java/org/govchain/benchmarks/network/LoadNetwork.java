package org.govchain.benchmarks.network;

import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.govchain.api.v1.ChainStatus;
import org.govchain.api.v1.GetStatusRequest;
import org.govchain.api.v1.NodeServiceGrpc;
import org.govchain.api.v1.NodeStatus;
import org.govchain.node.client.ApiClient;
import org.govchain.node.client.ClientCredentials;
import org.govchain.node.config.HostPort;
import org.govchain.node.network.FreePorts;
import org.govchain.node.network.LocalNetwork;
import org.govchain.node.network.NetworkInit;
import org.govchain.node.network.NetworkInitException;

/**
 * A network of real node processes for the load harness: created with {@link NetworkInit} (SM
 * suite) on free loopback ports in a directory, started with {@link LocalNetwork} (the harness's
 * own class path, so the benchmarks jar runs the nodes), reached through one TLS API client per
 * node, stopped gracefully.
 */
final class LoadNetwork implements AutoCloseable {
  private static final long READY_TIMEOUT_MILLIS = 180_000;

  private final LocalNetwork network;
  private final List<String> nodeIds;
  private final List<ApiClient> clients = new ArrayList<>();

  private LoadNetwork(LocalNetwork network) {
    this.network = network;
    this.nodeIds = network.network().nodes().stream().map(NetworkInit.NodeEntry::nodeId).toList();
  }

  /** Creates a network of {@code nodes} departments in {@code directory}; nothing runs yet. */
  static LoadNetwork create(Path directory, int nodes, int maxBlockTransactions)
      throws IOException, NetworkInitException {
    NetworkInit.Plan plan = FreePorts.loopbackPlan(nodes, 64, maxBlockTransactions);
    new NetworkInit(plan, directory).create();
    return new LoadNetwork(new LocalNetwork(directory));
  }

  /** Sets {@code limits.<name>} in every node's configuration (before {@link #start}). */
  void setLimit(String name, long value) throws IOException {
    for (String node : nodeIds) {
      Path config = network.nodeDirectory(node).resolve("node.yaml");
      String yaml = Files.readString(config);
      if (yaml.contains("\nlimits:")) {
        throw new IllegalStateException(config + " already has limits; set them in one call");
      }
      Files.writeString(config, yaml + "limits:\n  " + name + ": " + value + "\n");
    }
  }

  Path directory() {
    return network.directory();
  }

  List<String> nodeIds() {
    return nodeIds;
  }

  /** Starts every node process with {@code jvmOptions}, then connects a client to each. */
  void start(List<String> jvmOptions) throws IOException {
    for (String node : nodeIds) {
      network.start(node, jvmOptions);
    }
    for (NetworkInit.NodeEntry entry : network.network().nodes()) {
      clients.add(
          new ApiClient(
              new HostPort(entry.host(), entry.grpcPort()),
              ClientCredentials.ofDepartment(directory(), "data-bureau")));
    }
  }

  /** CPU time used so far by all node processes, in nanoseconds (from the operating system). */
  long nodesCpuNanos() {
    long total = 0;
    for (String node : nodeIds) {
      total +=
          network
              .running(node)
              .flatMap(handle -> handle.info().totalCpuDuration())
              .map(java.time.Duration::toNanos)
              .orElseThrow(() -> new IllegalStateException(node + " reports no CPU time"));
    }
    return total;
  }

  /** The asynchronous API of node {@code index} (in {@link #nodeIds} order). */
  NodeServiceGrpc.NodeServiceStub asyncApi(int index) {
    return NodeServiceGrpc.newStub(clients.get(index).channel());
  }

  NodeStatus status(int index) {
    return clients.get(index).node(5_000).getStatus(GetStatusRequest.getDefaultInstance());
  }

  ChainStatus chain(int index, String chainId) {
    return status(index).getChainsList().stream()
        .filter(chain -> chain.getChainId().equals(chainId))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException(nodeIds.get(index) + " lacks " + chainId));
  }

  /** Waits until every node answers with its five chains and sees all its peers connected. */
  void awaitReady() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READY_TIMEOUT_MILLIS);
    for (int index = 0; index < nodeIds.size(); index++) {
      while (!ready(index)) {
        if (System.nanoTime() > deadline) {
          throw new IOException(
              nodeIds.get(index)
                  + " is not ready; see "
                  + network.nodeDirectory(nodeIds.get(index)));
        }
        TimeUnit.MILLISECONDS.sleep(200);
      }
    }
  }

  private boolean ready(int index) {
    try {
      NodeStatus status = status(index);
      return status.getChainsCount() == 5
          && status.getPeersList().stream()
              .filter(peer -> nodeIds.contains(peer.getNodeId()))
              .allMatch(peer -> peer.getConnected());
    } catch (StatusRuntimeException e) {
      return false;
    }
  }

  @Override
  public void close() {
    for (ApiClient client : clients) {
      client.close();
    }
    for (String node : nodeIds) {
      network.stop(node, 20_000);
    }
  }
}
