package org.govchain.node.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.govchain.api.v1.SavedAnswer;
import org.govchain.core.MalformedInputException;
import org.govchain.core.codec.Canonical;
import org.govchain.core.proto.Genesis;
import org.govchain.node.client.AnswerVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code govchain verify-proof}: checks a saved answer offline against genesis files only. */
@Command(
    name = "verify-proof",
    mixinStandardHelpOptions = true,
    description = {
      "Check a saved query answer (govchain query ... --save FILE) offline: the block it was read"
          + " at is committed by a quorum of the genesis validators, and every proof in it leads"
          + " to that block's roots. Trusts nothing but the genesis files.",
      "Exit code 0: the answer holds; 1: it does not (the first reason is printed)."
    },
    footer = ExitCode.HELP_TEXT)
final class VerifyProofCommand implements Callable<Integer> {
  /** Answers are a few proofs; genesis files hold a data set. */
  static final long MAX_ANSWER_BYTES = 64L * 1024 * 1024;

  static final long MAX_GENESIS_BYTES = 64L * 1024 * 1024;

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "The saved answer.")
  Path file;

  @Option(
      names = "--genesis",
      required = true,
      arity = "1..*",
      paramLabel = "GENESIS",
      description = "Genesis file(s) of the chain(s) the answer is about.")
  List<Path> genesisFiles;

  @Override
  public Integer call() {
    List<Genesis> genesis = new ArrayList<>();
    for (Path path : genesisFiles) {
      try {
        genesis.add(
            Canonical.decode(
                Genesis.parser(),
                InputFiles.read(path, MAX_GENESIS_BYTES, "genesis file"),
                (int) MAX_GENESIS_BYTES,
                "genesis " + path));
      } catch (MalformedInputException e) {
        throw CliException.badInput("genesis file " + path + ": " + e.getMessage());
      }
    }
    SavedAnswer saved;
    try {
      saved =
          Canonical.decode(
              SavedAnswer.parser(),
              InputFiles.read(file, MAX_ANSWER_BYTES, "answer file"),
              (int) MAX_ANSWER_BYTES,
              "answer " + file);
    } catch (MalformedInputException e) {
      throw CliException.badInput("answer file " + file + ": " + e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    try {
      for (String line : new AnswerVerifier(genesis).verify(saved)) {
        out.println("ok: " + line);
      }
      out.println("the answer holds");
      out.flush();
      return ExitCode.OK;
    } catch (AnswerVerifier.InvalidAnswerException e) {
      out.flush();
      PrintWriter err = spec.commandLine().getErr();
      err.println("verify-proof: the answer does not hold: " + e.getMessage());
      err.flush();
      return ExitCode.INVALID;
    }
  }
}
