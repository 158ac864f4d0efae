package org.govchain.node.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.govchain.node.config.ConfigException;
import org.govchain.node.config.NodeConfig;
import org.govchain.node.config.NodeConfigLoader;
import org.govchain.node.runtime.GovchainNode;
import org.govchain.node.runtime.NodeStartException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code govchain node}: runs a department node until it is stopped (SIGTERM or Ctrl-C). */
@Command(
    name = "node",
    mixinStandardHelpOptions = true,
    description = {
      "Run a department node with the given configuration (YAML; see docs/operations.md).",
      "Stops gracefully on SIGTERM or Ctrl-C; a restart resumes where it stopped."
    },
    footer = ExitCode.HELP_TEXT)
final class NodeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--config",
      required = true,
      paramLabel = "FILE",
      description = "The node's configuration file.")
  Path config;

  @Override
  public Integer call() throws InterruptedException {
    NodeConfig nodeConfig;
    try {
      nodeConfig = NodeConfigLoader.load(config);
    } catch (ConfigException e) {
      throw CliException.badInput(e.getMessage());
    }
    GovchainNode node;
    try {
      node = GovchainNode.start(nodeConfig, Clock.systemUTC());
    } catch (NodeStartException e) {
      throw CliException.badInput("cannot start: " + e.getMessage());
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  node.close();
                  stopped.countDown();
                },
                "govchain-shutdown"));
    spec.commandLine()
        .getOut()
        .printf(
            "node %s running: p2p %s, gRPC %s, metrics http://%s/metrics%n",
            node.nodeId(),
            node.p2pAddress(),
            node.grpcAddress(),
            node.metricsAddress().getHostString() + ":" + node.metricsAddress().getPort());
    spec.commandLine().getOut().flush();
    stopped.await();
    return ExitCode.OK;
  }
}
