package org.govchain.node.cli;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.govchain.api.v1.CommittedBlock;
import org.govchain.api.v1.FindLicensesRequest;
import org.govchain.api.v1.FindLicensesResponse;
import org.govchain.api.v1.GetBlockRequest;
import org.govchain.api.v1.GetLicenseRequest;
import org.govchain.api.v1.GetStateRequest;
import org.govchain.api.v1.GetTransactionRequest;
import org.govchain.api.v1.LicenseAnswer;
import org.govchain.api.v1.LicenseVerification;
import org.govchain.api.v1.QueryServiceGrpc;
import org.govchain.api.v1.SavedAnswer;
import org.govchain.api.v1.StateAnswer;
import org.govchain.api.v1.TransactionAnswer;
import org.govchain.api.v1.VerifyLicenseRequest;
import org.govchain.node.client.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code govchain query}: provable reads, printed as JSON and optionally saved for verify-proof.
 */
@Command(
    name = "query",
    mixinStandardHelpOptions = true,
    description = {
      "Read from a node, with proofs. Answers are printed as JSON (protobuf JSON mapping);"
          + " --save FILE keeps the answer for an offline check with: govchain verify-proof FILE"
          + " --genesis G"
    },
    footer = ExitCode.HELP_TEXT,
    subcommands = {
      QueryCommand.License.class,
      QueryCommand.VerifyLicense.class,
      QueryCommand.Licenses.class,
      QueryCommand.TransactionQuery.class,
      QueryCommand.BlockQuery.class,
      QueryCommand.StateQuery.class
    })
final class QueryCommand {
  /** What every query takes: the node, the caller, where to save. */
  static class Common {
    @Mixin NetworkOptions network;

    @Option(
        names = "--save",
        paramLabel = "FILE",
        description = "Also write the answer (binary SavedAnswer) to FILE for verify-proof.")
    Path save;

    @Option(
        names = "--timeout",
        defaultValue = "30",
        paramLabel = "SECONDS",
        description = "Deadline of the call (default 30).")
    int timeoutSeconds;
  }

  private interface Call<T> {
    T run(QueryServiceGrpc.QueryServiceBlockingStub query);
  }

  static <T extends Message> int run(
      CommandSpec spec,
      Common common,
      Call<T> call,
      java.util.function.Function<T, SavedAnswer> save)
      throws IOException {
    if (common.timeoutSeconds < 1 || common.timeoutSeconds > 3600) {
      throw CliException.badInput("--timeout must be between 1 and 3600 seconds");
    }
    T answer;
    try (ApiClient client = new ApiClient(common.network.target(), common.network.credentials())) {
      answer =
          call.run(
              QueryServiceGrpc.newBlockingStub(client.channel())
                  .withDeadlineAfter(common.timeoutSeconds, TimeUnit.SECONDS));
    } catch (StatusRuntimeException e) {
      throw CliException.fromNode(common.network.target(), e);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(JsonFormat.printer().print(answer));
    out.flush();
    if (common.save != null) {
      SavedAnswer saved = save.apply(answer);
      if (saved == null) {
        throw CliException.badInput("this answer cannot be saved for verify-proof");
      }
      Files.write(common.save, saved.toByteArray());
    }
    return ExitCode.OK;
  }

  static ByteString hex(String text, String what) {
    try {
      return ByteString.copyFrom(HexFormat.of().parseHex(text));
    } catch (IllegalArgumentException e) {
      throw CliException.badInput(what + " must be hexadecimal: " + e.getMessage());
    }
  }

  @Command(
      name = "license",
      mixinStandardHelpOptions = true,
      description = "A licence record (no item values) with its state proof.")
  static final class License implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Common common;

    @Parameters(paramLabel = "LICENSE_ID", description = "e.g. 1.2.156.3005.2.…")
    String licenseId;

    @Override
    public Integer call() throws IOException {
      return run(
          spec,
          common,
          query -> query.getLicense(GetLicenseRequest.newBuilder().setLicenseId(licenseId).build()),
          (LicenseAnswer answer) -> SavedAnswer.newBuilder().setLicense(answer).build());
    }
  }

  @Command(
      name = "verify-license",
      mixinStandardHelpOptions = true,
      description =
          "Is a licence valid? valid, suspended, withdrawn, cancelled, revoked, expired or"
              + " unknown (proven absent).")
  static final class VerifyLicense implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Common common;

    @Parameters(paramLabel = "LICENSE_ID")
    String licenseId;

    @Override
    public Integer call() throws IOException {
      return run(
          spec,
          common,
          query ->
              query.verifyLicense(
                  VerifyLicenseRequest.newBuilder().setLicenseId(licenseId).build()),
          (LicenseVerification answer) -> SavedAnswer.newBuilder().setVerification(answer).build());
    }
  }

  @Command(
      name = "licenses",
      mixinStandardHelpOptions = true,
      description = "The licences of a holder (keyed holder hash, hex), each with its proof.")
  static final class Licenses implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Common common;

    @Option(names = "--holder", required = true, paramLabel = "HEX")
    String holder;

    @Option(names = "--type", paramLabel = "TYPE_CODE", description = "Only this licence type.")
    String type;

    @Override
    public Integer call() throws IOException {
      FindLicensesRequest.Builder request =
          FindLicensesRequest.newBuilder().setHolder(hex(holder, "--holder"));
      if (type != null) {
        request.setTypeCode(type);
      }
      return run(
          spec,
          common,
          query -> query.findLicenses(request.build()),
          (FindLicensesResponse answer) -> SavedAnswer.newBuilder().setLicenses(answer).build());
    }
  }

  @Command(
      name = "transaction",
      mixinStandardHelpOptions = true,
      description = "A committed transaction with its inclusion proof.")
  static final class TransactionQuery implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Common common;

    @Option(names = "--chain", required = true, paramLabel = "CHAIN_ID")
    String chain;

    @Parameters(paramLabel = "TRANSACTION_ID", description = "hex")
    String id;

    @Override
    public Integer call() throws IOException {
      return run(
          spec,
          common,
          query ->
              query.getTransaction(
                  GetTransactionRequest.newBuilder()
                      .setChainId(chain)
                      .setTransactionId(hex(id, "TRANSACTION_ID"))
                      .build()),
          (TransactionAnswer answer) -> SavedAnswer.newBuilder().setTransaction(answer).build());
    }
  }

  @Command(
      name = "block",
      mixinStandardHelpOptions = true,
      description = "A committed block with its commit certificate.")
  static final class BlockQuery implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Common common;

    @Option(names = "--chain", required = true, paramLabel = "CHAIN_ID")
    String chain;

    @Parameters(paramLabel = "HEIGHT")
    long height;

    @Override
    public Integer call() throws IOException {
      if (height < 0) {
        throw CliException.badInput("HEIGHT must not be negative");
      }
      return run(
          spec,
          common,
          query ->
              query.getBlock(
                  GetBlockRequest.newBuilder().setChainId(chain).setHeight(height).build()),
          (CommittedBlock answer) -> null);
    }
  }

  @Command(
      name = "state",
      mixinStandardHelpOptions = true,
      description = "Any state entry of a chain, proven present or absent.")
  static final class StateQuery implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Common common;

    @Option(names = "--chain", required = true, paramLabel = "CHAIN_ID")
    String chain;

    @Option(names = "--key", required = true, paramLabel = "HEX")
    String key;

    @Override
    public Integer call() throws IOException {
      return run(
          spec,
          common,
          query ->
              query.getState(
                  GetStateRequest.newBuilder().setChainId(chain).setKey(hex(key, "--key")).build()),
          (StateAnswer answer) -> SavedAnswer.newBuilder().setState(answer).build());
    }
  }
}
