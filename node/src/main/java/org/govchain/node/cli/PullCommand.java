package org.govchain.node.cli;

import com.google.protobuf.util.JsonFormat;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.govchain.api.v1.KioskServiceGrpc;
import org.govchain.api.v1.PullAnswer;
import org.govchain.api.v1.PullMaterialsRequest;
import org.govchain.api.v1.PullPlan;
import org.govchain.api.v1.PullRequest;
import org.govchain.core.chain.Transactions;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.crypto.PrivateKey;
import org.govchain.core.proto.Transaction;
import org.govchain.core.proto.TransactionBody;
import org.govchain.node.client.ApiClient;
import org.govchain.node.client.ClientCredentials;
import org.govchain.subchains.consent.ConsentLedger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code govchain pull}: the kiosk's one action from the command line, as a terminal: plan, sign
 * the draft access record with the terminal's key, pull.
 */
@Command(
    name = "pull",
    mixinStandardHelpOptions = true,
    description = {
      "Pull the licence materials a service item needs for a verified applicant, as a terminal"
          + " (counter staff, kiosk operators). Prints the answer as JSON: per material found"
          + " (items with values, the licence with its proof), missing or refused (with why).",
      "--plan-only shows the plan without recording an access or releasing anything."
    },
    footer = ExitCode.HELP_TEXT)
final class PullCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin NetworkOptions network;

  @Option(
      names = "--terminal",
      required = true,
      paramLabel = "TERMINAL_ID",
      description = "The requesting terminal (its client certificate and signing key are used).")
  String terminal;

  @Option(names = "--item", required = true, paramLabel = "CODE", description = "Service item.")
  String item;

  @Option(
      names = "--applicant",
      required = true,
      paramLabel = "HEX",
      description = "Keyed holder hash of the applicant's ID number.")
  String applicant;

  @Option(
      names = "--organization",
      paramLabel = "HEX",
      description = "Keyed holder hash of the organization's credit code.")
  String organization;

  @Option(
      names = "--verification",
      required = true,
      paramLabel = "HEX",
      description = "The applicant's identity verification at this terminal (transaction id).")
  String verification;

  @Option(names = "--plan-only", description = "Plan only: record nothing, release nothing.")
  boolean planOnly;

  @Override
  public Integer call() throws IOException {
    ClientCredentials credentials = ClientCredentials.ofTerminal(network.dir, terminal);
    Path missing = credentials.missing();
    if (missing != null) {
      throw CliException.badInput("no credentials for terminal " + terminal + " (" + missing + ")");
    }
    PrivateKey key = InputFiles.privateKey(credentials.signingKey());
    PullRequest.Builder request =
        PullRequest.newBuilder()
            .setApplicant(QueryCommand.hex(applicant, "--applicant"))
            .setServiceItemCode(item)
            .setRequester(key.publicKey().toByteString())
            .setVerificationId(QueryCommand.hex(verification, "--verification"));
    if (organization != null) {
      request.setOrganization(QueryCommand.hex(organization, "--organization"));
    }
    PrintWriter out = spec.commandLine().getOut();
    try (ApiClient client = new ApiClient(network.target(), credentials)) {
      KioskServiceGrpc.KioskServiceBlockingStub kiosk =
          KioskServiceGrpc.newBlockingStub(client.channel())
              .withDeadlineAfter(60, TimeUnit.SECONDS);
      PullPlan plan = kiosk.planPull(request.build());
      if (planOnly || plan.getAccessRecordPayload().isEmpty()) {
        out.println(JsonFormat.printer().print(plan));
        out.flush();
        return ExitCode.OK;
      }
      long now = System.currentTimeMillis();
      Transaction access =
          Transactions.sign(
              CryptoSuite.of(key.suite()),
              key,
              TransactionBody.newBuilder()
                  .setChainId(plan.getConsentChainId())
                  .setType(ConsentLedger.RECORD_ACCESS)
                  .setPayload(plan.getAccessRecordPayload())
                  .setSubmitter(key.publicKey().toByteString())
                  .setNonce(Math.multiplyExact(now, 1000L))
                  .setTimestampMillis(now)
                  .build());
      PullAnswer answer =
          kiosk.pullMaterials(
              PullMaterialsRequest.newBuilder()
                  .setRequest(request.build())
                  .setAccessRecord(access)
                  .build());
      out.println(JsonFormat.printer().print(answer));
      out.flush();
      return ExitCode.OK;
    } catch (StatusRuntimeException e) {
      throw CliException.fromNode(network.target(), e);
    }
  }
}
