package org.govchain.benchmarks.query;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.govchain.api.v1.DepositRequest;
import org.govchain.api.v1.PullRequest;
import org.govchain.api.v1.ReleasedItem;
import org.govchain.api.v1.SubmitRequest;
import org.govchain.api.v1.SubmitResponse;
import org.govchain.api.v1.VaultServiceGrpc;
import org.govchain.core.crypto.Hash;
import org.govchain.core.crypto.PrivateKey;
import org.govchain.core.proto.Transaction;
import org.govchain.node.client.ApiClient;
import org.govchain.node.client.ClientCredentials;
import org.govchain.node.client.Workload;
import org.govchain.node.config.HostPort;
import org.govchain.subchains.ChainKind;
import org.govchain.subchains.consent.ConsentLedger;
import org.govchain.subchains.dataset.DataSet;
import org.govchain.subchains.identity.IdentityLedger;
import org.govchain.subchains.population.Holder;
import org.govchain.subchains.population.PopulationGenerator;
import org.govchain.subchains.proto.AssuranceLevel;
import org.govchain.subchains.proto.GrantConsent;
import org.govchain.subchains.proto.GrantMode;
import org.govchain.subchains.proto.HolderRole;
import org.govchain.subchains.proto.RecordVerification;
import org.govchain.subchains.proto.ServiceItem;
import org.govchain.subchains.proto.VerificationMethod;
import org.govchain.subchains.proto.VerificationResult;

/**
 * The pesticide business licence scenario for many applicants, through a running node's public API,
 * as departments and kiosks drive it: per applicant pair (a company and its legal representative)
 * four licences issued by their departments (business licence, identity card, academic certificate,
 * premises title) and deposited in the issuers' vaults; then at the applicant's terminal an
 * identity verification and two standing grants (applicant and organization). Returns the ready
 * pull requests by terminal.
 *
 * <p>Each signer submits in order and waits for the commit (its nonces must reach the node in
 * order); different signers run in parallel.
 */
final class KioskScenario {
  static final String SERVICE_ITEM = "pesticide_business_first";
  static final List<String> APPLICANT_LICENCES =
      List.of("resident_id_card", "academic_certificate", "real_estate_certificate");
  private static final long DAY_MILLIS = 86_400_000L;
  private static final long WAIT_MILLIS = 60_000;

  private final Workload workload;
  private final Path net;
  private final HostPort node;

  KioskScenario(Workload workload, Path net, HostPort node) {
    this.workload = workload;
    this.net = net;
    this.node = node;
  }

  /** A company and its representative. */
  private record Pair(Holder company, Holder representative) {}

  /**
   * Prepares {@code pairsPerTerminal} applicant pairs for each of {@code terminals}, holders
   * numbered from {@code firstHolder}; returns each terminal's pull requests.
   */
  Map<String, List<PullRequest>> prepare(
      List<String> terminals, int pairsPerTerminal, long firstHolder) throws Exception {
    Map<String, List<Pair>> pairs = new LinkedHashMap<>();
    long next = firstHolder;
    for (String terminal : terminals) {
      List<Pair> own = new ArrayList<>();
      for (int i = 0; i < pairsPerTerminal; i++, next++) {
        own.add(
            new Pair(workload.population().enterprise(next), workload.population().citizen(next)));
      }
      pairs.put(terminal, own);
    }
    issueAndDeposit(pairs.values().stream().flatMap(List::stream).toList());
    ServiceItem item = workload.data().serviceItem(SERVICE_ITEM);
    Map<String, List<PullRequest>> requests = new LinkedHashMap<>();
    ExecutorService threads = Executors.newFixedThreadPool(terminals.size());
    try (ApiClient client =
        new ApiClient(node, ClientCredentials.ofDepartment(net, "data-bureau"))) {
      Map<String, Future<List<PullRequest>>> running = new LinkedHashMap<>();
      for (String terminal : terminals) {
        running.put(
            terminal,
            threads.submit(() -> verifyAndGrant(client, terminal, pairs.get(terminal), item)));
      }
      for (Map.Entry<String, Future<List<PullRequest>>> entry : running.entrySet()) {
        requests.put(entry.getKey(), entry.getValue().get(10, TimeUnit.MINUTES));
      }
    } finally {
      threads.shutdownNow();
    }
    return requests;
  }

  /** Issues each pair's four licences (each issuer in order) and deposits their values. */
  private void issueAndDeposit(List<Pair> pairs) throws Exception {
    Map<String, List<Workload.Issue>> byIssuer = new LinkedHashMap<>();
    for (Pair pair : pairs) {
      List<Workload.Issue> issues = new ArrayList<>();
      issues.add(workload.issue(pair.company(), "business_licence"));
      for (String type : APPLICANT_LICENCES) {
        issues.add(workload.issue(pair.representative(), type));
      }
      for (Workload.Issue issue : issues) {
        byIssuer
            .computeIfAbsent(
                nodeOf(issue.license().signed().getContent().getIssuerCode()),
                k -> new ArrayList<>())
            .add(issue);
      }
    }
    ExecutorService threads = Executors.newFixedThreadPool(byIssuer.size());
    try (ApiClient client =
        new ApiClient(node, ClientCredentials.ofDepartment(net, "data-bureau"))) {
      List<Future<?>> running = new ArrayList<>();
      for (Map.Entry<String, List<Workload.Issue>> entry : byIssuer.entrySet()) {
        running.add(
            threads.submit(
                () -> {
                  try (ApiClient issuer =
                      new ApiClient(node, ClientCredentials.ofDepartment(net, entry.getKey()))) {
                    for (Workload.Issue issue : entry.getValue()) {
                      submit(client, ChainKind.LICENSE, issue.transaction());
                      deposit(issuer, issue);
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> future : running) {
        future.get(10, TimeUnit.MINUTES);
      }
    } finally {
      threads.shutdownNow();
    }
  }

  private static void deposit(ApiClient issuer, Workload.Issue issue) {
    DepositRequest.Builder deposit =
        DepositRequest.newBuilder().setLicenseId(issue.license().licenseId());
    issue
        .license()
        .values()
        .forEach(
            (item, value) ->
                deposit.addItems(
                    ReleasedItem.newBuilder()
                        .setItemCode(item)
                        .setValue(value)
                        .setSalt(issue.license().salts().get(item))));
    VaultServiceGrpc.newBlockingStub(issuer.channel())
        .withDeadlineAfter(WAIT_MILLIS, TimeUnit.MILLISECONDS)
        .deposit(deposit.build());
  }

  private List<PullRequest> verifyAndGrant(
      ApiClient client, String terminal, List<Pair> pairs, ServiceItem item) throws IOException {
    PrivateKey key = workload.terminal(terminal);
    List<PullRequest> requests = new ArrayList<>();
    for (Pair pair : pairs) {
      SubmitResponse verified =
          submit(
              client,
              ChainKind.IDENTITY,
              workload.transaction(
                  ChainKind.IDENTITY,
                  IdentityLedger.RECORD_VERIFICATION,
                  RecordVerification.newBuilder()
                      .setSubject(pair.representative().holder().toByteString())
                      .setMethod(VerificationMethod.ID_CARD_AND_FACE)
                      .setAssurance(AssuranceLevel.HIGH)
                      .setVerifiedAtMillis(System.currentTimeMillis())
                      .setResult(VerificationResult.PASSED)
                      .build(),
                  key));
      Hash verification = Hash.of(verified.getTransactionId().toByteArray());
      grant(client, key, pair.representative(), item, HolderRole.ROLE_APPLICANT, verification);
      grant(client, key, pair.company(), item, HolderRole.ROLE_ORGANIZATION, verification);
      requests.add(
          PullRequest.newBuilder()
              .setApplicant(pair.representative().holder().toByteString())
              .setOrganization(pair.company().holder().toByteString())
              .setServiceItemCode(item.getCode())
              .setRequester(key.publicKey().toByteString())
              .setVerificationId(verification.toByteString())
              .build());
    }
    return requests;
  }

  private void grant(
      ApiClient client,
      PrivateKey terminal,
      Holder subject,
      ServiceItem item,
      HolderRole role,
      Hash verification) {
    long now = System.currentTimeMillis();
    submit(
        client,
        ChainKind.CONSENT,
        workload.transaction(
            ChainKind.CONSENT,
            ConsentLedger.GRANT,
            GrantConsent.newBuilder()
                .setGrant(
                    PopulationGenerator.grantFor(
                        subject.holder(),
                        item,
                        role,
                        verification,
                        now - 60_000,
                        now + DAY_MILLIS,
                        GrantMode.STANDING))
                .build(),
            terminal));
  }

  private SubmitResponse submit(ApiClient client, ChainKind kind, Transaction transaction) {
    SubmitResponse response =
        client
            .node(WAIT_MILLIS)
            .submit(
                SubmitRequest.newBuilder()
                    .setChainId(workload.chainId(kind))
                    .setTransaction(transaction)
                    .setWaitForCommit(true)
                    .build());
    if (response.getState() != SubmitResponse.State.COMMITTED) {
      throw new IllegalStateException(
          kind + " transaction not committed: " + response.getState() + " " + response);
    }
    return response;
  }

  private String nodeOf(String departmentCode) {
    return workload.data().departments().stream()
        .filter(d -> d.code().equals(departmentCode))
        .map(DataSet.Department::nodeId)
        .findFirst()
        .orElseThrow();
  }
}
