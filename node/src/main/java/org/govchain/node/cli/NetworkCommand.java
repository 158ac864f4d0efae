package org.govchain.node.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.govchain.core.crypto.SuiteId;
import org.govchain.node.network.NetworkInit;
import org.govchain.node.network.NetworkInitException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code govchain network ...}: create a network. */
@Command(
    name = "network",
    mixinStandardHelpOptions = true,
    description = "Create a govchain network.",
    subcommands = {NetworkCommand.Init.class})
final class NetworkCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a network command is required");
  }

  @Command(
      name = "init",
      mixinStandardHelpOptions = true,
      description = {
        "Create a network from the bundled government data set: signing keys for every department"
            + " and terminal, the network authority and TLS certificates, the genesis of the five"
            + " chains, and one node configuration per department that runs a node.",
        "Start a node with: govchain node --config DIR/nodes/<id>/node.yaml"
      },
      footer = ExitCode.HELP_TEXT)
  static final class Init implements Runnable {
    @Spec CommandSpec spec;

    @Option(
        names = "--departments",
        defaultValue = "4",
        description = "How many departments run nodes (1..20; default 4: f = 1).")
    int departments;

    @Option(
        names = "--out",
        required = true,
        paramLabel = "DIR",
        description = "Directory to create the network in (must not hold one).")
    Path out;

    @Option(
        names = "--suite",
        defaultValue = "SM",
        converter = SuiteOption.class,
        paramLabel = "SM|INTL",
        description = "Crypto suite of the five chains (default SM).")
    SuiteId suite;

    @Option(
        names = "--network",
        defaultValue = "haidian",
        description = "Network name; chain ids are <network>-license, ... (default haidian).")
    String network;

    @Option(
        names = "--host",
        defaultValue = "127.0.0.1",
        description = "Address the nodes listen on (default 127.0.0.1).")
    String host;

    @Option(
        names = "--base-port",
        defaultValue = "7100",
        description = "p2p ports start here; gRPC at +2000, metrics at +2200 (default 7100).")
    int basePort;

    @Override
    public void run() {
      if (basePort < 1024 || basePort + 2200 + departments > 65535) {
        throw CliException.badInput(
            "--base-port " + basePort + " leaves no room for the ports (1024..63300)");
      }
      NetworkInit.Plan plan;
      try {
        plan =
            new NetworkInit.Plan(
                network,
                suite,
                departments,
                host,
                basePort,
                basePort + 2000,
                basePort + 2200,
                64,
                1_000);
      } catch (IllegalArgumentException e) {
        throw CliException.badInput(e.getMessage());
      }
      List<NetworkInit.NodeEntry> nodes;
      try {
        nodes = new NetworkInit(plan, out).create();
      } catch (NetworkInitException e) {
        throw CliException.badInput(e.getMessage());
      } catch (IOException e) {
        throw CliException.badInput("writing " + out + ": " + e.getMessage());
      }
      var printer = spec.commandLine().getOut();
      printer.printf(
          "created network %s (suite %s) in %s with %d nodes:%n",
          network, suite.describe(), out, nodes.size());
      for (NetworkInit.NodeEntry node : nodes) {
        printer.printf(
            "  %-20s p2p %s:%d  gRPC %s:%d  metrics %s:%d%n",
            node.nodeId(),
            node.host(),
            node.p2pPort(),
            node.host(),
            node.grpcPort(),
            node.host(),
            node.metricsPort());
      }
      printer.printf("start them all with: govchain up --dir %s%n", out);
    }
  }
}
