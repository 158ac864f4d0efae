package org.govchain.node.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.Message;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.govchain.api.v1.DepositRequest;
import org.govchain.api.v1.GetStateRequest;
import org.govchain.api.v1.KioskServiceGrpc;
import org.govchain.api.v1.PullAnswer;
import org.govchain.api.v1.PullMaterialsRequest;
import org.govchain.api.v1.PullPlan;
import org.govchain.api.v1.PullRequest;
import org.govchain.api.v1.QueryServiceGrpc;
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
import org.govchain.node.network.NetworkInit;
import org.govchain.subchains.ChainKind;
import org.govchain.subchains.consent.ConsentLedger;
import org.govchain.subchains.dataset.DataSet;
import org.govchain.subchains.identity.IdentityLedger;
import org.govchain.subchains.identity.IdentityState;
import org.govchain.subchains.population.Holder;
import org.govchain.subchains.population.PopulationGenerator;
import org.govchain.subchains.proto.AssuranceLevel;
import org.govchain.subchains.proto.ChangeLicenseStatus;
import org.govchain.subchains.proto.GrantConsent;
import org.govchain.subchains.proto.GrantMode;
import org.govchain.subchains.proto.HolderRole;
import org.govchain.subchains.proto.PrincipalStatus;
import org.govchain.subchains.proto.RecordVerification;
import org.govchain.subchains.proto.ServiceItem;
import org.govchain.subchains.proto.SetTerminalStatus;
import org.govchain.subchains.proto.Terminal;
import org.govchain.subchains.proto.VerificationMethod;
import org.govchain.subchains.proto.VerificationResult;

/**
 * The kiosk flow against a running network, as departments and a kiosk would drive it: issue and
 * deposit licences, verify a person, record grants, plan and pull materials.
 */
final class Kiosk implements AutoCloseable {
  private static final long DAY_MILLIS = 86_400_000L;

  private final NodeProcesses nodes;
  private final Workload workload;
  private final Map<String, Long> heights;
  private final List<ApiClient> clients = new ArrayList<>();

  Kiosk(NodeProcesses nodes, Workload workload, Map<String, Long> heights) {
    this.nodes = nodes;
    this.workload = workload;
    this.heights = heights;
  }

  private ApiClient client(String node, ClientCredentials credentials) throws IOException {
    NetworkInit.NodeEntry entry = nodes.entry(node);
    ApiClient client = new ApiClient(new HostPort(entry.host(), entry.grpcPort()), credentials);
    clients.add(client);
    return client;
  }

  SubmitResponse submit(ChainKind kind, Transaction transaction) throws IOException {
    SubmitResponse response =
        nodes
            .api(nodes.nodeIds().get(0))
            .submit(
                SubmitRequest.newBuilder()
                    .setChainId(workload.chainId(kind))
                    .setTransaction(transaction)
                    .setWaitForCommit(true)
                    .build());
    assertEquals(SubmitResponse.State.COMMITTED, response.getState());
    heights.merge(workload.chainId(kind), response.getHeight(), Math::max);
    return response;
  }

  private String nodeOf(String departmentCode) {
    DataSet.Department department =
        workload.data().departments().stream()
            .filter(d -> d.code().equals(departmentCode))
            .findFirst()
            .orElseThrow();
    return department.nodeId();
  }

  /** Issues the licence (signed by its issuer) and deposits its values at its vault's node. */
  Workload.Issue issueAndDeposit(Holder holder, String type) throws Exception {
    Workload.Issue issue = workload.issue(holder, type);
    submit(ChainKind.LICENSE, issue.transaction());
    String issuer = nodeOf(issue.license().signed().getContent().getIssuerCode());
    String host = nodes.nodeIds().contains(issuer) ? issuer : "data-bureau";
    nodes.awaitHeight(
        host,
        workload.chainId(ChainKind.LICENSE),
        heights.get(workload.chainId(ChainKind.LICENSE)));
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
    VaultServiceGrpc.newBlockingStub(
            client(host, ClientCredentials.ofDepartment(nodes.directory(), issuer)).channel())
        .withDeadlineAfter(30, TimeUnit.SECONDS)
        .deposit(deposit.build());
    return issue;
  }

  Hash verify(String terminal, Holder person) throws Exception {
    SubmitResponse response =
        submit(
            ChainKind.IDENTITY,
            workload.transaction(
                ChainKind.IDENTITY,
                IdentityLedger.RECORD_VERIFICATION,
                RecordVerification.newBuilder()
                    .setSubject(person.holder().toByteString())
                    .setMethod(VerificationMethod.ID_CARD_AND_FACE)
                    .setAssurance(AssuranceLevel.HIGH)
                    .setVerifiedAtMillis(System.currentTimeMillis())
                    .setResult(VerificationResult.PASSED)
                    .build(),
                workload.terminal(terminal)));
    return Hash.of(response.getTransactionId().toByteArray());
  }

  void grant(String terminal, Holder subject, ServiceItem item, HolderRole role, Hash verification)
      throws Exception {
    long now = System.currentTimeMillis();
    submit(
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
            workload.terminal(terminal)));
  }

  PullRequest request(
      String terminal, Holder applicant, Holder organization, ServiceItem item, Hash verification)
      throws IOException {
    return PullRequest.newBuilder()
        .setApplicant(applicant.holder().toByteString())
        .setOrganization(organization.holder().toByteString())
        .setServiceItemCode(item.getCode())
        .setRequester(workload.terminal(terminal).publicKey().toByteString())
        .setVerificationId(verification.toByteString())
        .build();
  }

  private KioskServiceGrpc.KioskServiceBlockingStub kiosk(String terminal, String node)
      throws IOException {
    return KioskServiceGrpc.newBlockingStub(
            client(node, ClientCredentials.ofTerminal(nodes.directory(), terminal)).channel())
        .withDeadlineAfter(60, TimeUnit.SECONDS);
  }

  PullPlan plan(String terminal, String node, PullRequest request) throws IOException {
    return kiosk(terminal, node).planPull(request);
  }

  /** The kiosk's one action: plan, sign the draft access record, pull. */
  PullAnswer pull(String terminal, String node, PullRequest request) throws IOException {
    KioskServiceGrpc.KioskServiceBlockingStub kiosk = kiosk(terminal, node);
    PullPlan plan = kiosk.planPull(request);
    PrivateKey key = workload.terminal(terminal);
    Transaction access =
        workload.transaction(
            ChainKind.CONSENT,
            ConsentLedger.RECORD_ACCESS,
            plan.getAccessRecordPayload(),
            key,
            workload.nextNonce());
    PullAnswer answer =
        kiosk.pullMaterials(
            PullMaterialsRequest.newBuilder().setRequest(request).setAccessRecord(access).build());
    heights.merge(workload.chainId(ChainKind.CONSENT), answer.getAccessRecordHeight(), Math::max);
    return answer;
  }

  void changeStatus(Workload.Issue issue, String type) throws Exception {
    String issuer = nodeOf(issue.license().signed().getContent().getIssuerCode());
    submit(
        ChainKind.LICENSE,
        workload.transaction(
            ChainKind.LICENSE,
            type,
            ChangeLicenseStatus.newBuilder()
                .setLicenseId(issue.license().licenseId())
                .setReason("end-to-end test")
                .build(),
            workload.department(issuer)));
  }

  void suspendTerminal(String terminal) throws Exception {
    Message stored =
        Terminal.parseFrom(
            QueryServiceGrpc.newBlockingStub(nodes.client(nodes.nodeIds().get(0)).channel())
                .withDeadlineAfter(30, TimeUnit.SECONDS)
                .getState(
                    GetStateRequest.newBuilder()
                        .setChainId(workload.chainId(ChainKind.IDENTITY))
                        .setKey(IdentityState.terminalKey(terminal))
                        .build())
                .getProof()
                .getInclusion()
                .getValue());
    submit(
        ChainKind.IDENTITY,
        workload.transaction(
            ChainKind.IDENTITY,
            IdentityLedger.SET_TERMINAL_STATUS,
            SetTerminalStatus.newBuilder()
                .setTerminalId(terminal)
                .setExpectedVersion(((Terminal) stored).getVersion())
                .setNewStatus(PrincipalStatus.SUSPENDED)
                .build(),
            workload.department("data-bureau")));
    // Every node must see the suspension before a kiosk call is judged against it.
    for (String node : nodes.nodeIds()) {
      if (nodes.running(node)) {
        nodes.awaitHeight(
            node,
            workload.chainId(ChainKind.IDENTITY),
            heights.get(workload.chainId(ChainKind.IDENTITY)));
      }
    }
  }

  @Override
  public void close() {
    clients.forEach(ApiClient::close);
  }
}
