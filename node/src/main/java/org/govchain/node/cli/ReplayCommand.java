package org.govchain.node.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.govchain.node.audit.ChainSource;
import org.govchain.node.audit.DataDirectory;
import org.govchain.node.audit.ExportFormatException;
import org.govchain.node.audit.ExportReader;
import org.govchain.node.audit.ReplayException;
import org.govchain.node.audit.ReplayReport;
import org.govchain.node.audit.Replayer;
import org.govchain.node.chain.ChainSetup;
import org.govchain.node.chain.HostedChains;
import org.govchain.node.config.ConfigException;
import org.govchain.storage.StoreOpenException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code govchain replay}: re-verify chains' whole history from their blocks alone. */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
      "Re-verify the history of a node's data directory (all its chains, opened read-only) or of"
          + " export files (one per chain): every hash link, every commit certificate against the"
          + " genesis validators, every transaction signature (on all cores), and every block by"
          + " re-executing it into a scratch store and comparing its state root. On a data"
          + " directory, also every stored state root and the whole stored state.",
      "Exit 0 with a report when all is consistent; exit 1 naming the first inconsistency"
          + " (chain, height, what, why)."
    },
    footer = ExitCode.HELP_TEXT)
final class ReplayCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--genesis",
      required = true,
      arity = "1..*",
      paramLabel = "FILE",
      description = "The network's genesis files: the only thing a replay trusts.")
  List<Path> genesis;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Input input;

  static final class Input {
    @Option(names = "--data", paramLabel = "DIR", description = "A node's data directory.")
    Path data;

    @Option(
        names = "--export",
        arity = "1..*",
        paramLabel = "FILE",
        description = "Export files, one per chain (with those the chains' anchors name).")
    List<Path> exports;
  }

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Verification threads (default: every core).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(
      names = "--scratch",
      paramLabel = "DIR",
      description =
          "Where the scratch store is made and deleted (default: the temporary directory).")
  Path scratch = Path.of(System.getProperty("java.io.tmpdir"));

  @Override
  public Integer call() {
    HostedChains chains = loadGenesis(genesis);
    Replayer replayer =
        new Replayer(
            chains, scratch, Math.max(1, threads), Replayer.DEFAULT_LOOKAHEAD_TRANSACTIONS);
    List<ChainSource> sources = new ArrayList<>();
    DataDirectory directory = null;
    try {
      if (input.data != null) {
        directory = DataDirectory.open(input.data, chains);
        for (ChainSetup chain : chains.all()) {
          sources.add(directory.source(chain));
        }
      } else {
        for (Path file : input.exports) {
          sources.add(ExportReader.open(file));
        }
      }
      print(replayer.replay(sources));
      return ExitCode.OK;
    } catch (ReplayException e) {
      PrintWriter err = spec.commandLine().getErr();
      err.printf(
          "%s: FAILED at chain %s, height %d: %s: %s%n",
          spec.qualifiedName(), e.chain(), e.height(), e.problem(), e.reason());
      err.flush();
      return ExitCode.INVALID;
    } catch (StoreOpenException | ExportFormatException e) {
      throw CliException.badInput(e.getMessage());
    } catch (IOException e) {
      throw CliException.badInput("cannot read or write a file: " + e.getMessage());
    } finally {
      sources.forEach(ChainSource::close);
      if (directory != null) {
        directory.close();
      }
    }
  }

  private void print(ReplayReport report) {
    PrintWriter out = spec.commandLine().getOut();
    double seconds = report.elapsedNanos() / 1e9;
    out.printf(
        "replay OK: %d chains, %d blocks, %d transactions in %.2f s (%.0f tx/s);"
            + " %d signatures verified on %d threads; stored state compared: %s%n",
        report.chains().size(),
        report.blocks(),
        report.transactions(),
        seconds,
        report.transactionsPerSecond(),
        report.signatureVerifications(),
        threads,
        report.storedStateCompared() ? "yes" : "no (export)");
    for (ReplayReport.ChainSummary chain : report.chains()) {
      out.printf(
          "  %-24s heights 0..%d  %d blocks  %d transactions%n",
          chain.chain(), chain.lastHeight(), chain.blocks(), chain.transactions());
    }
    out.flush();
  }

  static HostedChains loadGenesis(List<Path> files) {
    try {
      return HostedChains.forAudit(files);
    } catch (ConfigException e) {
      throw CliException.badInput("--genesis: " + e.getMessage());
    }
  }
}
