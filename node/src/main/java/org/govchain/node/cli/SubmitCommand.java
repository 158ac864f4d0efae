package org.govchain.node.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.govchain.api.v1.ChainStatus;
import org.govchain.api.v1.GetStatusRequest;
import org.govchain.api.v1.NodeStatus;
import org.govchain.api.v1.SubmitRequest;
import org.govchain.api.v1.SubmitResponse;
import org.govchain.core.MalformedInputException;
import org.govchain.core.chain.ChainId;
import org.govchain.core.chain.Transactions;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.crypto.PrivateKey;
import org.govchain.core.crypto.SuiteId;
import org.govchain.core.proto.Transaction;
import org.govchain.core.proto.TransactionBody;
import org.govchain.node.client.ApiClient;
import org.govchain.subchains.Ledger;
import org.govchain.subchains.Network;
import org.govchain.subchains.Subchains;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code govchain submit}: signs a typed transaction with a department's key and submits it to a
 * node, optionally waiting for its commit.
 */
@Command(
    name = "submit",
    mixinStandardHelpOptions = true,
    description = {
      "Sign a transaction with a department's signing key and submit it to a node.",
      "The payload is the JSON form (protobuf JSON mapping) of the message the type names, e.g."
          + " for license.suspend: {\"licenseId\":\"...\",\"reason\":\"...\"}. docs/subchains.md"
          + " lists the types and their fields."
    },
    footer = {
      "%nExample:",
      "  govchain submit --chain license --type license.suspend --payload suspend.json --wait",
      ExitCode.HELP_TEXT
    })
final class SubmitCommand implements Callable<Integer> {
  /** A payload larger than a transaction may be can never be accepted. */
  static final long MAX_PAYLOAD_JSON_BYTES = 4L * Transactions.MAX_TRANSACTION_BYTES;

  @Spec CommandSpec spec;
  @Mixin NetworkOptions network;

  @Option(
      names = "--chain",
      required = true,
      paramLabel = "CHAIN",
      description = "Sub-chain: license, identity, consent, catalog, service (or a full chain id).")
  String chain;

  @Option(
      names = "--type",
      required = true,
      paramLabel = "TYPE",
      description = "Transaction type, <ledger>.<operation>, e.g. license.issue.")
  String type;

  @Option(
      names = "--payload",
      required = true,
      paramLabel = "FILE",
      description = "The payload as JSON; - reads standard input.")
  String payload;

  @Option(
      names = "--nonce",
      paramLabel = "N",
      description =
          "Nonce; must exceed the department's last committed nonce on this chain (default: the"
              + " current time in microseconds, which grows between submissions).")
  Long nonce;

  @Option(names = "--wait", description = "Wait until the transaction is committed.")
  boolean waitForCommit;

  @Option(
      names = "--timeout",
      defaultValue = "30",
      paramLabel = "SECONDS",
      description = "Deadline of the call, waiting included (default 30).")
  int timeoutSeconds;

  @Option(names = "--json", description = "Print JSON instead of text.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    if (timeoutSeconds < 1 || timeoutSeconds > 3600) {
      throw CliException.badInput("--timeout must be between 1 and 3600 seconds");
    }
    PrivateKey key = InputFiles.privateKey(network.credentials().signingKey());
    String json = readPayload();
    try (ApiClient client = new ApiClient(network.target(), network.credentials())) {
      NodeStatus status =
          call(() -> client.node(10_000).getStatus(GetStatusRequest.getDefaultInstance()));
      ChainStatus target = chainOf(status);
      SuiteId suiteId = suiteOf(target);
      if (key.suite() != suiteId) {
        throw CliException.badInput(
            "signing key of department "
                + network.as
                + " is "
                + key.suite()
                + " but chain "
                + target.getChainId()
                + " uses "
                + suiteId);
      }
      CryptoSuite suite = CryptoSuite.of(suiteId);
      Network net = parseNetwork(status.getNetwork());
      Ledger ledger =
          new Subchains(net, suite)
              .ledgerFor(parseChainId(target.getChainId()))
              .orElseThrow(
                  () -> CliException.badInput("chain " + target.getChainId() + " is not known"));
      Message prototype =
          ledger
              .payloadPrototype(type)
              .orElseThrow(
                  () ->
                      CliException.badInput(
                          "type "
                              + type
                              + " is not a transaction type of chain "
                              + target.getChainId()));
      Message.Builder builder = prototype.newBuilderForType();
      try {
        JsonFormat.parser().merge(json, builder);
      } catch (InvalidProtocolBufferException e) {
        throw CliException.badInput("payload is not a valid " + type + ": " + e.getMessage());
      }
      long now = System.currentTimeMillis();
      TransactionBody body =
          TransactionBody.newBuilder()
              .setChainId(target.getChainId())
              .setType(type)
              .setPayload(builder.build().toByteString())
              .setSubmitter(key.publicKey().toByteString())
              .setNonce(nonce != null ? nonce : Math.multiplyExact(now, 1000L))
              .setTimestampMillis(now)
              .build();
      Transaction transaction = Transactions.sign(suite, key, body);
      SubmitResponse response =
          call(
              () ->
                  client
                      .node(timeoutSeconds * 1000L)
                      .submit(
                          SubmitRequest.newBuilder()
                              .setChainId(target.getChainId())
                              .setTransaction(transaction)
                              .setWaitForCommit(waitForCommit)
                              .build()));
      print(target.getChainId(), response);
      return ExitCode.OK;
    }
  }

  private String readPayload() {
    try (InputStream in = InputFiles.open(payload, System.in)) {
      byte[] bytes = in.readNBytes((int) MAX_PAYLOAD_JSON_BYTES + 1);
      if (bytes.length > MAX_PAYLOAD_JSON_BYTES) {
        throw CliException.badInput(
            "payload is larger than " + MAX_PAYLOAD_JSON_BYTES + " bytes of JSON");
      }
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw CliException.badInput("cannot read payload " + payload + ": " + e.getMessage());
    }
  }

  private ChainStatus chainOf(NodeStatus status) {
    Optional<ChainStatus> found =
        status.getChainsList().stream()
            .filter(
                c ->
                    c.getChainId().equals(chain)
                        || c.getChainId().equals(status.getNetwork() + "-" + chain))
            .findFirst();
    return found.orElseThrow(
        () ->
            CliException.badInput(
                "node "
                    + status.getNodeId()
                    + " hosts no chain "
                    + chain
                    + " (chains: "
                    + status.getChainsList().stream().map(ChainStatus::getChainId).toList()
                    + ")"));
  }

  private static SuiteId suiteOf(ChainStatus chain) {
    try {
      return SuiteId.fromProto(chain.getSuite());
    } catch (MalformedInputException e) {
      throw new CliException(
          ExitCode.INTERNAL, "node reports an unknown suite for " + chain.getChainId());
    }
  }

  private static Network parseNetwork(String name) {
    try {
      return Network.parse(name);
    } catch (MalformedInputException e) {
      throw new CliException(ExitCode.INTERNAL, "node reports a bad network name: " + name);
    }
  }

  private static ChainId parseChainId(String id) {
    try {
      return ChainId.parse(id);
    } catch (MalformedInputException e) {
      throw new CliException(ExitCode.INTERNAL, "node reports a bad chain id: " + id);
    }
  }

  private void print(String chainId, SubmitResponse response) throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    String id = HexFormat.of().formatHex(response.getTransactionId().toByteArray());
    if (json) {
      Map<String, Object> map = new LinkedHashMap<>();
      map.put("chain", chainId);
      map.put("transactionId", id);
      map.put("state", response.getState().name());
      if (response.getState() == SubmitResponse.State.COMMITTED) {
        map.put("height", response.getHeight());
        map.put("index", response.getIndex());
        map.put("blockHash", HexFormat.of().formatHex(response.getBlockHash().toByteArray()));
      }
      out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(map));
    } else if (response.getState() == SubmitResponse.State.COMMITTED) {
      out.printf(
          "transaction %s committed on %s at height %d, index %d%n",
          id, chainId, response.getHeight(), response.getIndex());
    } else {
      out.printf("transaction %s accepted on %s, pending%n", id, chainId);
    }
    out.flush();
  }

  private interface Call<T> {
    T run();
  }

  private <T> T call(Call<T> call) {
    try {
      return call.run();
    } catch (StatusRuntimeException e) {
      throw CliException.fromNode(network.target(), e);
    }
  }
}
