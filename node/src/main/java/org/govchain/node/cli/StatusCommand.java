package org.govchain.node.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.govchain.api.v1.ChainStatus;
import org.govchain.api.v1.GetStatusRequest;
import org.govchain.api.v1.NodeStatus;
import org.govchain.api.v1.PeerStatus;
import org.govchain.node.client.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code govchain status}: a node's chains (heights, views, primaries, mempools) and peers. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description =
        "Show a node's status: each chain's height, view, primary and mempool; its peers.",
    footer = ExitCode.HELP_TEXT)
final class StatusCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin NetworkOptions network;

  @Option(names = "--json", description = "Print JSON instead of a table.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    NodeStatus status;
    try (ApiClient client = new ApiClient(network.target(), network.credentials())) {
      status = client.node(10_000).getStatus(GetStatusRequest.getDefaultInstance());
    } catch (StatusRuntimeException e) {
      throw CliException.fromNode(network.target(), e);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(
          new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(toMap(status)));
      return ExitCode.OK;
    }
    out.printf(
        "node %s of network %s (%s)%n",
        status.getNodeId(), status.getNetwork(), status.getVersion());
    out.printf(
        "  %-20s %8s %6s %-20s %8s  %s%n",
        "chain", "height", "view", "primary", "mempool", "last block");
    for (ChainStatus chain : status.getChainsList()) {
      String primary =
          chain.getValidators(chain.getPrimaryIndex())
              + (chain.getViewActive() ? "" : " (changing)");
      out.printf(
          "  %-20s %8d %6d %-20s %8d  %s%n",
          chain.getChainId(),
          chain.getHeight(),
          chain.getView(),
          primary,
          chain.getMempoolTransactions(),
          HexFormat.of().formatHex(chain.getLastBlockHash().toByteArray()).substring(0, 16));
    }
    for (PeerStatus peer : status.getPeersList()) {
      out.printf(
          "  peer %-20s %s%n",
          peer.getNodeId(), peer.getConnected() ? "connected" : "not connected");
    }
    return ExitCode.OK;
  }

  static Map<String, Object> toMap(NodeStatus status) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("node", status.getNodeId());
    out.put("network", status.getNetwork());
    out.put("version", status.getVersion());
    out.put(
        "chains",
        status.getChainsList().stream()
            .map(
                chain -> {
                  Map<String, Object> entry = new LinkedHashMap<>();
                  entry.put("chain", chain.getChainId());
                  entry.put("height", chain.getHeight());
                  entry.put("view", chain.getView());
                  entry.put("primary", chain.getValidators(chain.getPrimaryIndex()));
                  entry.put("viewActive", chain.getViewActive());
                  entry.put("viewChanges", chain.getViewChanges());
                  entry.put("mempool", chain.getMempoolTransactions());
                  entry.put(
                      "lastBlockHash",
                      HexFormat.of().formatHex(chain.getLastBlockHash().toByteArray()));
                  entry.put(
                      "genesisHash",
                      HexFormat.of().formatHex(chain.getGenesisHash().toByteArray()));
                  entry.put("validators", List.copyOf(chain.getValidatorsList()));
                  return entry;
                })
            .toList());
    out.put(
        "peers",
        status.getPeersList().stream()
            .map(peer -> Map.of("node", peer.getNodeId(), "connected", peer.getConnected()))
            .toList());
    return out;
  }
}
