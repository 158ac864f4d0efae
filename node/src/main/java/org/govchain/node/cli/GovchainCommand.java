package org.govchain.node.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code govchain} command: entry point of operators, integrators and auditors. */
@Command(
    name = "govchain",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "govchain: a permissioned blockchain node for government data sharing.",
      "Five typed sub-chains (license, identity, consent, catalog, service), PBFT,"
          + " RocksDB, SM2/SM3 national cryptography."
    },
    footer = ExitCode.HELP_TEXT,
    subcommands = {
      KeysCommand.class,
      HashCommand.class,
      SignCommand.class,
      VerifyCommand.class,
      NetworkCommand.class,
      NodeCommand.class,
      UpCommand.class,
      DownCommand.class,
      StatusCommand.class,
      SubmitCommand.class,
      QueryCommand.class,
      PullCommand.class,
      VerifyProofCommand.class,
      ExportCommand.class,
      ReplayCommand.class,
      CommandLine.HelpCommand.class
    })
public final class GovchainCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  public static void main(String[] args) {
    System.exit(newCommandLine().execute(args));
  }

  /** The configured command line: used by {@link #main} and by tests, so both behave alike. */
  public static CommandLine newCommandLine() {
    CommandLine commandLine = new CommandLine(new GovchainCommand());
    commandLine.setExecutionExceptionHandler(GovchainCommand::handleFailure);
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    return commandLine;
  }

  private static int handleFailure(
      Exception exception, CommandLine commandLine, CommandLine.ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    String name = commandLine.getCommandSpec().qualifiedName();
    if (exception instanceof CliException failure) {
      err.println(name + ": " + failure.getMessage());
      err.flush();
      return failure.exitCode();
    }
    err.println(name + ": internal error: " + exception);
    err.flush();
    return ExitCode.INTERNAL;
  }
}
