package org.govchain.node.cli;

import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.govchain.api.v1.ChainStatus;
import org.govchain.api.v1.GetStatusRequest;
import org.govchain.api.v1.NodeStatus;
import org.govchain.node.client.ApiClient;
import org.govchain.node.client.ClientCredentials;
import org.govchain.node.config.HostPort;
import org.govchain.node.network.LocalNetwork;
import org.govchain.node.network.NetworkFile;
import org.govchain.node.network.NetworkInit;
import org.govchain.node.network.NetworkInitException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code govchain up}: a local network in one command — creates it if the directory holds none,
 * starts one node process per department, waits until every node has all five chains from their
 * genesis and sees every peer, then prints the endpoints and a command to try.
 */
@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description = {
      "Start a local network: create it in DIR if needed (govchain network init), start one node"
          + " process per department on loopback, wait until all are ready.",
      "Stop it with: govchain down --dir DIR"
    },
    footer = ExitCode.HELP_TEXT)
final class UpCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--nodes",
      defaultValue = "4",
      description = "Departments running nodes, for a new network (default 4).")
  int nodes;

  @Option(
      names = "--dir",
      defaultValue = "govchain-net",
      paramLabel = "DIR",
      description = "Network directory (default ./govchain-net).")
  Path dir;

  @Option(
      names = "--timeout",
      defaultValue = "120",
      paramLabel = "SECONDS",
      description = "How long to wait for the nodes (default 120).")
  long timeoutSeconds;

  @Option(
      names = "--heap",
      defaultValue = "512m",
      description = "Heap of each node process (default 512m).")
  String heap;

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    if (!Files.exists(dir.resolve(NetworkFile.NAME))) {
      try {
        new NetworkInit(NetworkInit.Plan.local(nodes), dir).create();
      } catch (NetworkInitException | IllegalArgumentException e) {
        throw CliException.badInput(e.getMessage());
      }
      out.printf("created a %d-node network in %s%n", nodes, dir);
    }
    LocalNetwork network;
    try {
      network = new LocalNetwork(dir);
    } catch (NetworkInitException e) {
      throw CliException.badInput(e.getMessage());
    }
    for (NetworkInit.NodeEntry node : network.network().nodes()) {
      ProcessHandle process =
          network.start(node.nodeId(), List.of("-Xmx" + heap, "-XX:+UseSerialGC"));
      out.printf(
          "node %-20s pid %d, log %s%n",
          node.nodeId(), process.pid(), network.nodeDirectory(node.nodeId()).resolve("node.log"));
    }
    out.flush();
    long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
    for (NetworkInit.NodeEntry node : network.network().nodes()) {
      awaitReady(network, node, deadline);
    }
    printReady(out, network);
    return ExitCode.OK;
  }

  private void awaitReady(LocalNetwork network, NetworkInit.NodeEntry node, long deadline)
      throws IOException, InterruptedException {
    ClientCredentials credentials =
        ClientCredentials.ofDepartment(
            network.directory(), network.network().nodes().get(0).nodeId());
    String last = "not answering";
    try (ApiClient client =
        new ApiClient(new HostPort(node.host(), node.grpcPort()), credentials)) {
      while (System.nanoTime() < deadline) {
        if (network.running(node.nodeId()).isEmpty()) {
          throw new CliException(
              ExitCode.UNAVAILABLE,
              "node "
                  + node.nodeId()
                  + " exited; see "
                  + network.nodeDirectory(node.nodeId()).resolve("node.log"));
        }
        try {
          NodeStatus status = client.node(2_000).getStatus(GetStatusRequest.getDefaultInstance());
          last = readiness(status, network.network().nodes().size());
          if (last == null) {
            return;
          }
        } catch (StatusRuntimeException e) {
          last = e.getStatus().getCode().toString();
        }
        Thread.sleep(250);
      }
    }
    throw new CliException(
        ExitCode.UNAVAILABLE,
        "node "
            + node.nodeId()
            + " not ready in "
            + timeoutSeconds
            + " s ("
            + last
            + "); see its node.log");
  }

  /**
   * Null when the node hosts five chains from genesis and sees every peer; else what is missing.
   */
  static String readiness(NodeStatus status, int nodes) {
    if (status.getChainsCount() < 5) {
      return status.getChainsCount() + " chains";
    }
    for (ChainStatus chain : status.getChainsList()) {
      if (chain.getLastBlockHash().isEmpty()) {
        return chain.getChainId() + " has no genesis block";
      }
    }
    long connected = status.getPeersList().stream().filter(peer -> peer.getConnected()).count();
    return connected == nodes - 1 ? null : connected + " of " + (nodes - 1) + " peers connected";
  }

  private void printReady(PrintWriter out, LocalNetwork network) {
    NetworkFile file = network.network();
    out.printf(
        "%nnetwork %s is up: %d nodes, five chains each (genesis content executed).%n",
        file.network(), file.nodes().size());
    for (NetworkInit.NodeEntry node : file.nodes()) {
      out.printf(
          "  %-20s gRPC %s:%d   metrics http://%s:%d/metrics%n",
          node.nodeId(), node.host(), node.grpcPort(), node.host(), node.metricsPort());
    }
    out.printf("%nNext:%n  bin/govchain status --dir %s%n  bin/govchain down --dir %s%n", dir, dir);
  }
}
