package org.govchain.node.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.govchain.core.MalformedInputException;
import org.govchain.core.chain.ChainId;
import org.govchain.node.audit.DataDirectory;
import org.govchain.node.audit.Exporter;
import org.govchain.node.audit.ReplayException;
import org.govchain.node.chain.ChainSetup;
import org.govchain.node.chain.HostedChains;
import org.govchain.storage.StoreOpenException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code govchain export}: one chain's certified blocks, from a data directory, to a file. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Write one chain's blocks with their commit certificates and its genesis to an export file"
          + " (format: docs/auditing.md), for `govchain replay` and other auditors.",
      "Opens the node's data directory read-only: a stopped node's, or a running node's (the"
          + " export then holds the blocks committed when it opened)."
    },
    footer = ExitCode.HELP_TEXT)
final class ExportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--data",
      required = true,
      paramLabel = "DIR",
      description = "The node's data directory (or its store/ directory).")
  Path data;

  @Option(
      names = "--genesis",
      required = true,
      arity = "1..*",
      paramLabel = "FILE",
      description = "The network's genesis files (every chain the node keeps).")
  List<Path> genesis;

  @Option(names = "--chain", required = true, paramLabel = "CHAIN", description = "Chain id.")
  String chain;

  @Option(names = "--from", paramLabel = "H", description = "First height (default 0).")
  long from;

  @Option(names = "--to", paramLabel = "H", description = "Last height (default: the latest).")
  long to = -1;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Export file.")
  Path out;

  @Override
  public Integer call() {
    HostedChains chains = ReplayCommand.loadGenesis(genesis);
    ChainSetup setup;
    try {
      setup =
          chains
              .get(ChainId.parse(chain))
              .orElseThrow(() -> CliException.badInput("no genesis file names chain " + chain));
    } catch (MalformedInputException e) {
      throw CliException.badInput("--chain: " + e.getMessage());
    }
    try (DataDirectory directory = DataDirectory.open(data, chains)) {
      Exporter.Exported exported = Exporter.export(directory, setup, from, to, out);
      spec.commandLine()
          .getOut()
          .printf(
              "exported %s heights %d..%d (%d transactions) to %s%n",
              setup.id(), exported.fromHeight(), exported.toHeight(), exported.transactions(), out);
      return ExitCode.OK;
    } catch (StoreOpenException e) {
      throw CliException.badInput(e.getMessage());
    } catch (ReplayException | IllegalArgumentException e) {
      throw CliException.badInput(e.getMessage());
    } catch (IOException e) {
      throw CliException.badInput("cannot write " + out + ": " + e.getMessage());
    }
  }
}
