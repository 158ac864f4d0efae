package org.govchain.node.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.govchain.node.network.LocalNetwork;
import org.govchain.node.network.NetworkInit;
import org.govchain.node.network.NetworkInitException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code govchain down}: stops the node processes {@code govchain up} started. */
@Command(
    name = "down",
    mixinStandardHelpOptions = true,
    description =
        "Stop the local network's node processes (graceful, then forced after 20 s). Data stays.",
    footer = ExitCode.HELP_TEXT)
final class DownCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--dir",
      defaultValue = "govchain-net",
      paramLabel = "DIR",
      description = "Network directory (default ./govchain-net).")
  Path dir;

  @Override
  public Integer call() {
    LocalNetwork network;
    try {
      network = new LocalNetwork(dir);
    } catch (NetworkInitException e) {
      throw CliException.badInput(e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    for (NetworkInit.NodeEntry node : network.network().nodes()) {
      boolean stopped = network.stop(node.nodeId(), 20_000);
      out.printf("node %-20s %s%n", node.nodeId(), stopped ? "stopped" : "was not running");
    }
    return ExitCode.OK;
  }
}
