package org.govchain.node.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.govchain.api.v1.ChainStatus;
import org.govchain.api.v1.FindLicensesRequest;
import org.govchain.api.v1.FindLicensesResponse;
import org.govchain.api.v1.GetTransactionRequest;
import org.govchain.api.v1.LicenseVerification;
import org.govchain.api.v1.MaterialState;
import org.govchain.api.v1.NodeServiceGrpc;
import org.govchain.api.v1.NodeStatus;
import org.govchain.api.v1.PullAnswer;
import org.govchain.api.v1.PullPlan;
import org.govchain.api.v1.PullRequest;
import org.govchain.api.v1.PulledMaterial;
import org.govchain.api.v1.QueryServiceGrpc;
import org.govchain.api.v1.ReleasedItem;
import org.govchain.api.v1.SavedAnswer;
import org.govchain.api.v1.SubmitRequest;
import org.govchain.api.v1.SubmitResponse;
import org.govchain.api.v1.TransactionAnswer;
import org.govchain.api.v1.VerifyLicenseRequest;
import org.govchain.core.chain.DecodedTransaction;
import org.govchain.core.chain.Transactions;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.crypto.Hash;
import org.govchain.core.crypto.PrivateKey;
import org.govchain.core.proto.Transaction;
import org.govchain.core.proto.TransactionBody;
import org.govchain.node.cli.GovchainCommand;
import org.govchain.node.client.AnswerVerifier;
import org.govchain.node.client.ClientCredentials;
import org.govchain.node.client.Workload;
import org.govchain.node.config.HostPort;
import org.govchain.node.network.NetworkInit;
import org.govchain.subchains.ChainKind;
import org.govchain.subchains.Network;
import org.govchain.subchains.catalog.CatalogLedger;
import org.govchain.subchains.consent.ConsentLedger;
import org.govchain.subchains.identity.IdentityLedger;
import org.govchain.subchains.population.Holder;
import org.govchain.subchains.population.PopulationGenerator;
import org.govchain.subchains.proto.AssuranceLevel;
import org.govchain.subchains.proto.DataResource;
import org.govchain.subchains.proto.DefineResource;
import org.govchain.subchains.proto.DefineServiceItem;
import org.govchain.subchains.proto.GrantConsent;
import org.govchain.subchains.proto.GrantMode;
import org.govchain.subchains.proto.HolderRole;
import org.govchain.subchains.proto.RecordVerification;
import org.govchain.subchains.proto.ServiceItem;
import org.govchain.subchains.proto.VerificationMethod;
import org.govchain.subchains.proto.VerificationResult;
import org.govchain.subchains.service.ServiceLedger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Four department node processes on loopback with mutual TLS: transactions on all five chains, the
 * same certified blocks on every node, a crashed node, a restarted one, a wiped one, a killed
 * primary, and refused bad input. The steps share one network and run in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FourNodeNetworkIT {
  private static final String KIOSK = "hd-kiosk-0001";

  private NodeProcesses nodes;
  private Workload workload;
  private List<String> ids;
  private String primary;
  private String follower;
  private final Map<String, Long> heights = new HashMap<>();
  private int nextHolder = 100;

  /** The pesticide pull the kiosk step set up: the request, its licences, its access record. */
  private record PullScenario(
      PullRequest request,
      Holder representative,
      Holder company,
      Map<String, Workload.Issue> issued,
      Hash verification,
      PullAnswer javaAnswer) {}

  private PullScenario scenario;

  @BeforeAll
  void startNetwork(@TempDir Path directory) throws Exception {
    nodes = NodeProcesses.create(directory.resolve("net"), 4, 8);
    ids = nodes.nodeIds();
    primary = ids.get(0);
    follower = ids.get(3);
    workload = new Workload(nodes.directory(), Network.parse("haidian"), CryptoSuite.sm(), 2026);
    nodes.startAll();
    nodes.awaitReady(ids);
  }

  @AfterAll
  void stopNetwork() {
    if (nodes != null) {
      nodes.close();
    }
  }

  private String chain(ChainKind kind) {
    return workload.chainId(kind);
  }

  private SubmitResponse submit(String node, ChainKind kind, Transaction transaction)
      throws Exception {
    SubmitResponse response =
        nodes
            .api(node)
            .submit(
                SubmitRequest.newBuilder()
                    .setChainId(chain(kind))
                    .setTransaction(transaction)
                    .setWaitForCommit(true)
                    .build());
    assertEquals(SubmitResponse.State.COMMITTED, response.getState());
    heights.merge(chain(kind), response.getHeight(), Math::max);
    return response;
  }

  private SubmitResponse issueLicence(String node) throws Exception {
    Holder holder = workload.population().enterprise(nextHolder++);
    return submit(
        node, ChainKind.LICENSE, workload.issue(holder, "business_licence").transaction());
  }

  /** Every node in {@code on} serves the same verified blocks up to the highest commit seen. */
  private void assertSameCertifiedBlocks(List<String> on) throws Exception {
    for (Map.Entry<String, Long> chain : heights.entrySet()) {
      List<Hash> reference = null;
      for (String node : on) {
        nodes.awaitHeight(node, chain.getKey(), chain.getValue());
        List<Hash> hashes = nodes.verifiedChain(node, chain.getKey(), chain.getValue());
        if (reference == null) {
          reference = hashes;
        } else {
          assertEquals(reference, hashes, node + " disagrees on " + chain.getKey());
        }
      }
    }
  }

  @Test
  @Order(1)
  void transactionsOnAllFiveChainsCommitWithTheSameCertifiedBlocksEverywhere() throws Exception {
    for (String node : ids) {
      assertEquals(5, nodes.status(node).getChainsCount());
    }
    PrivateKey dataBureau = workload.department("data-bureau");
    PrivateKey kiosk = workload.terminal(KIOSK);

    // Licence chain: licences issued by market regulation, submitted to every node in turn.
    for (String node : ids) {
      issueLicence(node);
    }

    // Identity chain: the kiosk verifies a citizen (submitted to the second node).
    Holder citizen = workload.population().citizen(7);
    long now = System.currentTimeMillis();
    Transaction verification =
        workload.transaction(
            ChainKind.IDENTITY,
            IdentityLedger.RECORD_VERIFICATION,
            RecordVerification.newBuilder()
                .setSubject(citizen.holder().toByteString())
                .setMethod(VerificationMethod.ID_CARD_AND_FACE)
                .setAssurance(AssuranceLevel.HIGH)
                .setVerifiedAtMillis(now)
                .setResult(VerificationResult.PASSED)
                .build(),
            kiosk);
    SubmitResponse verified = submit(ids.get(1), ChainKind.IDENTITY, verification);

    // Consent chain: the citizen grants a service item, at the same kiosk (third node).
    ServiceItem item = workload.data().serviceItem("pesticide_business_first");
    Hash verificationId = Hash.of(verified.getTransactionId().toByteArray());
    submit(
        ids.get(2),
        ChainKind.CONSENT,
        workload.transaction(
            ChainKind.CONSENT,
            ConsentLedger.GRANT,
            GrantConsent.newBuilder()
                .setGrant(
                    PopulationGenerator.grantFor(
                        citizen.holder(),
                        item,
                        HolderRole.ROLE_APPLICANT,
                        verificationId,
                        now,
                        now + 86_400_000L,
                        GrantMode.ONE_TIME))
                .build(),
            kiosk));

    // Catalog chain: the data bureau publishes a new version of a resource (fourth node).
    DataResource resource = workload.data().resources().get(0);
    submit(
        ids.get(3),
        ChainKind.CATALOG,
        workload.transaction(
            ChainKind.CATALOG,
            CatalogLedger.DEFINE_RESOURCE,
            DefineResource.newBuilder()
                .setResource(
                    resource.toBuilder()
                        .setVersion(resource.getVersion() + 1)
                        .setUpdatedHeight(0)
                        .setSummary("updated by the end-to-end test"))
                .build(),
            dataBureau));

    // Service chain: a new version of a service item (first node).
    submit(
        ids.get(0),
        ChainKind.SERVICE,
        workload.transaction(
            ChainKind.SERVICE,
            ServiceLedger.DEFINE_ITEM,
            DefineServiceItem.newBuilder()
                .setItem(item.toBuilder().setVersion(item.getVersion() + 1).setUpdatedHeight(0))
                .build(),
            dataBureau));

    assertEquals(5, heights.size());
    assertSameCertifiedBlocks(ids);

    // Every node exports its chains' figures to Prometheus.
    String metrics = nodes.metrics(ids.get(0));
    long licenceHeight = heights.get(chain(ChainKind.LICENSE));
    assertTrue(
        metrics.contains(
            "govchain_chain_height{chain=\"haidian-license\",node=\""
                + ids.get(0)
                + "\"} "
                + licenceHeight
                + ".0"),
        metrics);
    assertTrue(metrics.contains("govchain_commit_latency_seconds_count{chain=\"haidian-license\""));
    assertTrue(metrics.contains("govchain_p2p_peers_connected{node=\"" + ids.get(0) + "\"} 3.0"));
  }

  @Test
  @Order(2)
  void licenceAnswersCarryProofsThatCheckAgainstTheGenesisAlone() throws Exception {
    Holder holder = workload.population().enterprise(nextHolder++);
    Workload.Issue issue = workload.issue(holder, "business_licence");
    submit(ids.get(2), ChainKind.LICENSE, issue.transaction());
    String licenceId = issue.license().licenseId();
    QueryServiceGrpc.QueryServiceBlockingStub query =
        QueryServiceGrpc.newBlockingStub(nodes.client(ids.get(1)).channel())
            .withDeadlineAfter(30, java.util.concurrent.TimeUnit.SECONDS);
    nodes.awaitHeight(ids.get(1), chain(ChainKind.LICENSE), heights.get(chain(ChainKind.LICENSE)));
    AnswerVerifier verifier = new AnswerVerifier(List.of(nodes.genesis(chain(ChainKind.LICENSE))));

    LicenseVerification valid =
        query.verifyLicense(VerifyLicenseRequest.newBuilder().setLicenseId(licenceId).build());
    assertEquals(LicenseVerification.Verdict.VALID, valid.getVerdict());
    assertEquals(
        issue.license().signed().getContent(), valid.getAnswer().getLicense().getContent());
    List<String> report = verifier.verify(SavedAnswer.newBuilder().setVerification(valid).build());
    assertTrue(report.get(report.size() - 1).contains("VALID"), report.toString());

    // Unknown: proven absent.
    String unknownId = licenceId.substring(0, licenceId.length() - 5) + "9.1.X";
    LicenseVerification unknown =
        query.verifyLicense(VerifyLicenseRequest.newBuilder().setLicenseId(unknownId).build());
    assertEquals(LicenseVerification.Verdict.UNKNOWN, unknown.getVerdict());
    assertTrue(unknown.getAnswer().getState().getProof().hasAbsence());
    verifier.verify(SavedAnswer.newBuilder().setVerification(unknown).build());

    // A forged answer does not hold: a changed status, a verdict that does not follow, a vote.
    LicenseVerification forgedStatus =
        valid.toBuilder()
            .setAnswer(
                valid.getAnswer().toBuilder()
                    .setLicense(
                        valid.getAnswer().getLicense().toBuilder()
                            .setStatus(org.govchain.subchains.proto.LicenseStatus.LICENSE_REVOKED)))
            .setVerdict(LicenseVerification.Verdict.REVOKED)
            .build();
    assertThrows(
        AnswerVerifier.InvalidAnswerException.class,
        () -> verifier.verify(SavedAnswer.newBuilder().setVerification(forgedStatus).build()));
    LicenseVerification forgedVerdict =
        unknown.toBuilder().setVerdict(LicenseVerification.Verdict.VALID).build();
    assertThrows(
        AnswerVerifier.InvalidAnswerException.class,
        () -> verifier.verify(SavedAnswer.newBuilder().setVerification(forgedVerdict).build()));

    // The suspended licence answers SUSPENDED, proven.
    submit(
        ids.get(0),
        ChainKind.LICENSE,
        workload.transaction(
            ChainKind.LICENSE,
            org.govchain.subchains.license.LicenseLedger.SUSPEND,
            org.govchain.subchains.proto.ChangeLicenseStatus.newBuilder()
                .setLicenseId(licenceId)
                .setReason("end-to-end test")
                .build(),
            workload.department("market-regulation")));
    nodes.awaitHeight(ids.get(1), chain(ChainKind.LICENSE), heights.get(chain(ChainKind.LICENSE)));
    LicenseVerification suspended =
        query.verifyLicense(VerifyLicenseRequest.newBuilder().setLicenseId(licenceId).build());
    assertEquals(LicenseVerification.Verdict.SUSPENDED, suspended.getVerdict());
    verifier.verify(SavedAnswer.newBuilder().setVerification(suspended).build());

    // The holder's licences, each proven; a transaction with its inclusion proof.
    FindLicensesResponse found =
        query.findLicenses(
            FindLicensesRequest.newBuilder().setHolder(holder.holder().toByteString()).build());
    assertEquals(1, found.getLicensesCount());
    verifier.verify(SavedAnswer.newBuilder().setLicenses(found).build());
    TransactionAnswer transaction =
        query.getTransaction(
            GetTransactionRequest.newBuilder()
                .setChainId(chain(ChainKind.LICENSE))
                .setTransactionId(
                    org.govchain.core.chain.Transactions.id(
                            workload.suite(), issue.transaction().getBody())
                        .toByteString())
                .build());
    verifier.verify(SavedAnswer.newBuilder().setTransaction(transaction).build());

    // The command line: query --save, then verify-proof offline; a changed byte fails it.
    Path saved = nodes.directory().resolve("licence-answer.bin");
    Path genesis =
        nodes.directory().resolve("genesis").resolve(chain(ChainKind.LICENSE) + ".genesis");
    assertEquals(
        0,
        cli(
            "query",
            "verify-license",
            licenceId,
            "--dir",
            nodes.directory().toString(),
            "--node",
            ids.get(2),
            "--save",
            saved.toString()));
    assertEquals(0, cli("verify-proof", saved.toString(), "--genesis", genesis.toString()));
    byte[] bytes = java.nio.file.Files.readAllBytes(saved);
    SavedAnswer parsed = SavedAnswer.parseFrom(bytes);
    LicenseVerification changed =
        parsed.getVerification().toBuilder()
            .setAtMillis(parsed.getVerification().getAtMillis() + 1)
            .build();
    byte[] signature =
        changed
            .getAnswer()
            .getState()
            .getAnchor()
            .getCertificate()
            .getVotes(0)
            .getSignature()
            .toByteArray();
    signature[5] ^= 1;
    LicenseVerification forgedVote =
        changed.toBuilder()
            .setAnswer(
                changed.getAnswer().toBuilder()
                    .setState(
                        changed.getAnswer().getState().toBuilder()
                            .setAnchor(
                                changed.getAnswer().getState().getAnchor().toBuilder()
                                    .setCertificate(
                                        changed
                                            .getAnswer()
                                            .getState()
                                            .getAnchor()
                                            .getCertificate()
                                            .toBuilder()
                                            .setVotes(
                                                0,
                                                changed
                                                    .getAnswer()
                                                    .getState()
                                                    .getAnchor()
                                                    .getCertificate()
                                                    .getVotes(0)
                                                    .toBuilder()
                                                    .setSignature(
                                                        ByteString.copyFrom(signature)))))))
            .build();
    java.nio.file.Files.write(
        saved, SavedAnswer.newBuilder().setVerification(forgedVote).build().toByteArray());
    assertEquals(1, cli("verify-proof", saved.toString(), "--genesis", genesis.toString()));
  }

  private static int cli(String... args) {
    picocli.CommandLine commandLine = org.govchain.node.cli.GovchainCommand.newCommandLine();
    java.io.StringWriter out = new java.io.StringWriter();
    commandLine.setOut(new java.io.PrintWriter(out, true));
    commandLine.setErr(new java.io.PrintWriter(out, true));
    return commandLine.execute(args);
  }

  @Test
  @Order(3)
  void theKioskPullsThePesticideLicenceMaterialsWithProofsAndARecordedAccess() throws Exception {
    try (Kiosk kiosk = new Kiosk(nodes, workload, heights)) {
      scenario = pullScenario(kiosk);
    }
  }

  private PullScenario pullScenario(Kiosk kiosk) throws Exception {
    ServiceItem item = workload.data().serviceItem("pesticide_business_first");
    Holder company = workload.population().enterprise(12);
    Holder representative = workload.population().citizen(12);
    Map<String, Workload.Issue> issued = new java.util.LinkedHashMap<>();
    issued.put("business_licence", kiosk.issueAndDeposit(company, "business_licence"));
    for (String type :
        List.of("resident_id_card", "academic_certificate", "real_estate_certificate")) {
      issued.put(type, kiosk.issueAndDeposit(representative, type));
    }
    // Licences issued by at least two departments.
    assertTrue(
        issued.values().stream()
                .map(i -> i.license().signed().getContent().getIssuerCode())
                .distinct()
                .count()
            >= 2);
    Hash verification = kiosk.verify(KIOSK, representative);
    kiosk.grant(KIOSK, representative, item, HolderRole.ROLE_APPLICANT, verification);
    kiosk.grant(KIOSK, company, item, HolderRole.ROLE_ORGANIZATION, verification);

    PullRequest request = kiosk.request(KIOSK, representative, company, item, verification);
    PullAnswer answer = kiosk.pull(KIOSK, ids.get(1), request);
    AnswerVerifier verifier = new AnswerVerifier(List.of(nodes.genesis(chain(ChainKind.LICENSE))));
    List<PulledMaterial> found =
        answer.getMaterialsList().stream()
            .filter(m -> m.getPlan().getState() == MaterialState.FOUND)
            .toList();
    assertEquals(4, found.size(), answer.getPlan().toString());
    for (PulledMaterial material : found) {
      assertEquals("", material.getVaultError(), material.getPlan().getMaterialCode());
      Workload.Issue licence =
          issued.values().stream()
              .filter(i -> i.license().licenseId().equals(material.getPlan().getLicenseId()))
              .findFirst()
              .orElseThrow();
      assertEquals(material.getPlan().getReleasedItemsCount(), material.getItemsCount());
      for (ReleasedItem value : material.getItemsList()) {
        assertEquals(licence.license().values().get(value.getItemCode()), value.getValue());
      }
      verifier.verify(SavedAnswer.newBuilder().setLicense(material.getLicense()).build());
    }
    assertEquals(4, answer.getPlan().getPullReduction().getNumerator());
    // The access record is on the consent chain, provably.
    TransactionAnswer access =
        QueryServiceGrpc.newBlockingStub(nodes.client(ids.get(3)).channel())
            .withDeadlineAfter(30, java.util.concurrent.TimeUnit.SECONDS)
            .getTransaction(
                GetTransactionRequest.newBuilder()
                    .setChainId(chain(ChainKind.CONSENT))
                    .setTransactionId(answer.getAccessRecordId())
                    .build());
    new AnswerVerifier(List.of(nodes.genesis(chain(ChainKind.CONSENT))))
        .verify(SavedAnswer.newBuilder().setTransaction(access).build());
    return new PullScenario(request, representative, company, issued, verification, answer);
  }

  @Test
  @Order(4)
  void aJavaScriptTerminalSignsItsAccessRecordAndChecksEveryPulledMaterial() throws Exception {
    assumeTrue(
        JavaScriptKiosk.nodeAvailable(),
        "Node.js (node) is not installed: the JavaScript client is not run");
    assertTrue(scenario != null, "the kiosk step set up no pull");
    String served = ids.get(2);
    nodes.awaitHeight(served, chain(ChainKind.CONSENT), heights.get(chain(ChainKind.CONSENT)));
    NetworkInit.NodeEntry entry = nodes.entry(served);
    JavaScriptKiosk kiosk =
        new JavaScriptKiosk(
            JavaScriptKiosk.repositoryRoot(),
            new HostPort(entry.host(), entry.grpcPort()),
            ClientCredentials.ofTerminal(nodes.directory(), KIOSK),
            List.of(
                nodes
                    .directory()
                    .resolve("genesis")
                    .resolve(chain(ChainKind.LICENSE) + ".genesis")));
    PullRequest request = scenario.request();
    java.util.HexFormat hex = java.util.HexFormat.of();
    // The JavaScript terminal signs with the kiosk's own key; its nonce continues this workload's.
    JavaScriptKiosk.Run pulled =
        kiosk.run(
            List.of(
                "--signing-key",
                nodes.directory().resolve("terminals/" + KIOSK + "/signing-key.pem").toString(),
                "--applicant",
                hex.formatHex(request.getApplicant().toByteArray()),
                "--organization",
                hex.formatHex(request.getOrganization().toByteArray()),
                "--verification",
                hex.formatHex(request.getVerificationId().toByteArray()),
                "--nonce",
                Long.toString(workload.nextNonce())),
            "pull",
            List.of(request.getServiceItemCode()));
    assertEquals(0, pulled.exitCode(), pulled.toString());
    List<JsonNode> found =
        pulled.results().stream().filter(r -> r.path("state").asText().equals("FOUND")).toList();
    assertEquals(4, found.size(), pulled.toString());
    java.util.Set<String> licenceIds = new java.util.HashSet<>();
    scenario.issued().values().forEach(i -> licenceIds.add(i.license().licenseId()));
    for (JsonNode material : found) {
      assertEquals(true, material.path("ok").asBoolean(), material.toString());
      assertTrue(licenceIds.remove(material.path("license_id").asText()), material.toString());
      assertTrue(material.path("items").asInt() > 0, material.toString());
      assertEquals("match", material.path("commitments").asText(), material.toString());
      assertEquals("present", material.path("proof").asText(), material.toString());
      assertEquals(chain(ChainKind.LICENSE), material.path("chain").asText());
      assertEquals(4, material.path("validators").asInt());
      assertTrue(material.path("votes").asInt() >= 3, material.toString());
    }
    assertTrue(licenceIds.isEmpty(), "not pulled: " + licenceIds);

    // The access record the JavaScript terminal signed is on the consent chain, provably, signed
    // by the kiosk's key; it is a new record, not the Java kiosk's.
    ByteString accessId =
        ByteString.copyFrom(hex.parseHex(found.get(0).path("access_record_id").asText()));
    found.forEach(
        m ->
            assertEquals(
                hex.formatHex(accessId.toByteArray()), m.path("access_record_id").asText()));
    assertTrue(
        !accessId.equals(scenario.javaAnswer().getAccessRecordId()),
        "the Java kiosk's record again");
    TransactionAnswer access =
        QueryServiceGrpc.newBlockingStub(nodes.client(ids.get(3)).channel())
            .withDeadlineAfter(30, java.util.concurrent.TimeUnit.SECONDS)
            .getTransaction(
                GetTransactionRequest.newBuilder()
                    .setChainId(chain(ChainKind.CONSENT))
                    .setTransactionId(accessId)
                    .build());
    new AnswerVerifier(List.of(nodes.genesis(chain(ChainKind.CONSENT))))
        .verify(SavedAnswer.newBuilder().setTransaction(access).build());
    DecodedTransaction recorded = Transactions.decode(CryptoSuite.sm(), access.getTransaction());
    assertEquals(ConsentLedger.RECORD_ACCESS, recorded.type());
    assertEquals(workload.terminal(KIOSK).publicKey(), recorded.submitter());
    assertTrue(Transactions.verifySignature(CryptoSuite.sm(), recorded));
    assertEquals(accessId, recorded.id().toByteString());
    heights.merge(
        chain(ChainKind.CONSENT), found.get(0).path("access_record_height").asLong(), Math::max);

    // Offline, the same checks can fail: the Java kiosk's answer checks, copies with a changed
    // value or a dropped item are refused for that.
    PullAnswer genuine = scenario.javaAnswer();
    int index = 0;
    while (genuine.getMaterials(index).getPlan().getState() != MaterialState.FOUND) {
      index++;
    }
    PulledMaterial material = genuine.getMaterials(index);
    ReleasedItem first = material.getItems(0);
    Map<String, PullAnswer> copies = new java.util.LinkedHashMap<>();
    copies.put("genuine", genuine);
    copies.put(
        "does not match its commitment",
        genuine.toBuilder()
            .setMaterials(
                index,
                material.toBuilder()
                    .setItems(0, first.toBuilder().setValue(first.getValue() + " (altered)")))
            .build());
    copies.put(
        "the released items are not the planned",
        genuine.toBuilder().setMaterials(index, material.toBuilder().removeItems(0)).build());
    List<String> files = new ArrayList<>();
    for (PullAnswer copy : copies.values()) {
      Path file = nodes.directory().resolve("js-pull-" + files.size() + ".answer");
      Files.write(file, copy.toByteArray());
      files.add(file.toString());
    }
    JavaScriptKiosk.Run checked = kiosk.run("check-pull", files);
    assertEquals(3, checked.exitCode(), checked.toString());
    int fileIndex = 0;
    for (String reason : copies.keySet()) {
      String file = files.get(fileIndex++);
      List<JsonNode> lines =
          checked.results().stream().filter(r -> r.path("argument").asText().equals(file)).toList();
      assertEquals(genuine.getMaterialsCount(), lines.size(), checked.toString());
      List<JsonNode> refused = lines.stream().filter(r -> !r.path("ok").asBoolean()).toList();
      if (reason.equals("genuine")) {
        assertEquals(List.of(), refused, checked.toString());
        assertEquals(
            4, lines.stream().filter(r -> r.path("commitments").asText().equals("match")).count());
      } else {
        assertEquals(1, refused.size(), reason + ": " + lines);
        assertTrue(refused.get(0).path("error").asText().contains(reason), reason + ": " + lines);
      }
    }
  }

  @Test
  @Order(5)
  void pullsAreRefusedWithoutAGrantForARevokedLicenceAndFromASuspendedTerminal() throws Exception {
    assertTrue(scenario != null, "the kiosk step set up no pull");
    try (Kiosk kiosk = new Kiosk(nodes, workload, heights)) {
      refusalScenario(kiosk);
    }
  }

  private void refusalScenario(Kiosk kiosk) throws Exception {
    ServiceItem item = workload.data().serviceItem("pesticide_business_first");
    Holder company = scenario.company();
    Holder representative = scenario.representative();
    Map<String, Workload.Issue> issued = scenario.issued();
    Hash verification = scenario.verification();
    PullRequest request = scenario.request();

    // Without a grant: another applicant, verified at the kiosk, gave none.
    Holder stranger = workload.population().citizen(13);
    Hash strangerVerification = kiosk.verify(KIOSK, stranger);
    PullPlan ungranted =
        kiosk.plan(
            KIOSK, ids.get(2), kiosk.request(KIOSK, stranger, company, item, strangerVerification));
    assertTrue(
        ungranted.getMaterialsList().stream()
            .filter(m -> m.getState() == MaterialState.REFUSED)
            .anyMatch(m -> m.getReason().equals("NO_GRANT")),
        ungranted.toString());

    // A revoked licence: refused with that reason.
    String businessId = issued.get("business_licence").license().licenseId();
    kiosk.changeStatus(
        issued.get("business_licence"), org.govchain.subchains.license.LicenseLedger.REVOKE);
    PullPlan revoked = kiosk.plan(KIOSK, ids.get(2), request);
    assertTrue(
        revoked.getMaterialsList().stream()
            .anyMatch(
                m ->
                    m.getState() == MaterialState.REFUSED
                        && m.getReason().equals("LICENSE_REVOKED")),
        revoked.toString());
    assertTrue(
        revoked.getMaterialsList().stream().noneMatch(m -> m.getLicenseId().equals(businessId)));

    // A suspended terminal is refused at once.
    String suspended = "hd-kiosk-0002";
    kiosk.suspendTerminal(suspended);
    StatusRuntimeException refused =
        assertThrows(
            StatusRuntimeException.class,
            () ->
                kiosk.plan(
                    suspended,
                    ids.get(0),
                    kiosk.request(suspended, representative, company, item, verification)));
    assertEquals(Status.Code.PERMISSION_DENIED, refused.getStatus().getCode());
    assertTrue(refused.getStatus().getDescription().contains("SUSPENDED"), refused.toString());
    // And a caller cannot pull as another terminal.
    StatusRuntimeException impostor =
        assertThrows(
            StatusRuntimeException.class, () -> kiosk.plan("hd-kiosk-0003", ids.get(0), request));
    assertEquals(Status.Code.PERMISSION_DENIED, impostor.getStatus().getCode());
  }

  @Test
  @Order(6)
  void aJavaScriptClientChecksLicenceAnswersWithItsOwnHashing() throws Exception {
    assumeTrue(
        JavaScriptKiosk.nodeAvailable(),
        "Node.js (node) is not installed: the JavaScript client is not run");
    Holder holder = workload.population().enterprise(nextHolder++);
    Workload.Issue issue = workload.issue(holder, "business_licence");
    submit(ids.get(0), ChainKind.LICENSE, issue.transaction());
    String licenceId = issue.license().licenseId();
    String unknownId = licenceId.substring(0, licenceId.length() - 5) + "9.1.Y";
    String served = ids.get(2);
    nodes.awaitHeight(served, chain(ChainKind.LICENSE), heights.get(chain(ChainKind.LICENSE)));
    Path genesisFile =
        nodes.directory().resolve("genesis").resolve(chain(ChainKind.LICENSE) + ".genesis");
    NetworkInit.NodeEntry entry = nodes.entry(served);
    JavaScriptKiosk kiosk =
        new JavaScriptKiosk(
            JavaScriptKiosk.repositoryRoot(),
            new HostPort(entry.host(), entry.grpcPort()),
            ClientCredentials.ofDepartment(nodes.directory(), "data-bureau"),
            List.of(genesisFile));

    // Over gRPC: the valid licence proven present with its status, the unknown one proven absent.
    JavaScriptKiosk.Run verified = kiosk.run("verify-license", List.of(licenceId, unknownId));
    assertEquals(0, verified.exitCode(), verified.toString());
    JsonNode valid = verified.results().get(0);
    assertEquals(true, valid.path("ok").asBoolean(), valid.toString());
    assertEquals("VALID", valid.path("verdict").asText());
    assertEquals("present", valid.path("proof").asText());
    assertEquals(licenceId, valid.path("license_id").asText());
    assertEquals("LICENSE_VALID", valid.path("status").asText());
    assertEquals(4, valid.path("validators").asInt());
    assertTrue(valid.path("votes").asInt() >= 3, valid.toString());
    JsonNode unknown = verified.results().get(1);
    assertEquals(true, unknown.path("ok").asBoolean(), unknown.toString());
    assertEquals("UNKNOWN", unknown.path("verdict").asText());
    assertEquals("absent", unknown.path("proof").asText());
    JavaScriptKiosk.Run fetched = kiosk.run("get-license", List.of(licenceId));
    assertEquals(0, fetched.exitCode(), fetched.toString());
    assertEquals("present", fetched.results().get(0).path("proof").asText());
    assertEquals(licenceId, fetched.results().get(0).path("license_id").asText());
    assertTrue(fetched.results().get(0).path("value_bytes").asInt() > 0, fetched.toString());

    // Offline: the genuine answer checks; tampered copies are refused, each for its own reason.
    LicenseVerification answer =
        QueryServiceGrpc.newBlockingStub(nodes.client(served).channel())
            .withDeadlineAfter(30, java.util.concurrent.TimeUnit.SECONDS)
            .verifyLicense(VerifyLicenseRequest.newBuilder().setLicenseId(licenceId).build());
    Map<String, LicenseVerification> copies = new java.util.LinkedHashMap<>();
    copies.put("genuine", answer);
    copies.put("root mismatch", JavaScriptTampering.provenValue(answer));
    copies.put("differs from the proven value", JavaScriptTampering.recordStatus(answer));
    copies.put("another block", JavaScriptTampering.stateRoot(answer));
    copies.put("does not verify", JavaScriptTampering.voteSignature(answer));
    copies.put("does not follow", JavaScriptTampering.verdict(answer));
    List<String> files = new java.util.ArrayList<>();
    for (Map.Entry<String, LicenseVerification> copy : copies.entrySet()) {
      Path file = nodes.directory().resolve("js-" + files.size() + ".answer");
      java.nio.file.Files.write(
          file, SavedAnswer.newBuilder().setVerification(copy.getValue()).build().toByteArray());
      files.add(file.toString());
    }
    JavaScriptKiosk.Run checked = kiosk.run("check-saved", files);
    assertEquals(3, checked.exitCode(), checked.toString());
    assertEquals(copies.size(), checked.results().size(), checked.toString());
    assertEquals(true, checked.results().get(0).path("ok").asBoolean(), checked.toString());
    int index = 0;
    for (String reason : copies.keySet()) {
      JsonNode result = checked.results().get(index++);
      if (!reason.equals("genuine")) {
        assertEquals(false, result.path("ok").asBoolean(), reason + ": " + result);
        assertTrue(result.path("error").asText().contains(reason), reason + ": " + result);
      }
    }
  }

  @Test
  @Order(7)
  void badInputIsRefusedWithTypedErrorsAndChangesNothing() throws Exception {
    String node = ids.get(1);
    NodeStatus before = nodes.status(node);
    NodeServiceGrpc.NodeServiceBlockingStub api = nodes.api(node);
    Holder holder = workload.population().enterprise(nextHolder++);
    Transaction good = workload.issue(holder, "business_licence").transaction();

    // A bad signature.
    byte[] signature = good.getSignature().toByteArray();
    signature[signature.length - 1] ^= 1;
    Transaction forged = good.toBuilder().setSignature(ByteString.copyFrom(signature)).build();
    assertCode(Status.Code.INVALID_ARGUMENT, api, chain(ChainKind.LICENSE), forged, "signature");

    // Submitted to a chain other than the one it was signed for.
    assertCode(Status.Code.INVALID_ARGUMENT, api, chain(ChainKind.CONSENT), good, "chain");
    // A chain this network does not have.
    assertCode(Status.Code.NOT_FOUND, api, "haidian-nosuch", good, "nosuch");
    assertCode(Status.Code.INVALID_ARGUMENT, api, "Not A Chain!", good, "chain");

    // Oversize: larger than any transaction may be (and than the API's message limit).
    TransactionBody huge =
        TransactionBody.parseFrom(good.getBody()).toBuilder()
            .setPayload(ByteString.copyFrom(new byte[3 * 1024 * 1024]))
            .build();
    Transaction oversize = good.toBuilder().setBody(huge.toByteString()).build();
    StatusRuntimeException tooLarge =
        assertThrows(
            StatusRuntimeException.class,
            () ->
                api.submit(
                    SubmitRequest.newBuilder()
                        .setChainId(chain(ChainKind.LICENSE))
                        .setTransaction(oversize)
                        .build()));
    assertTrue(
        tooLarge.getStatus().getCode() == Status.Code.RESOURCE_EXHAUSTED
            || tooLarge.getStatus().getCode() == Status.Code.INVALID_ARGUMENT,
        tooLarge.toString());

    // A replayed nonce: a committed transaction's nonce reused in a new body.
    Holder other = workload.population().enterprise(nextHolder++);
    PrivateKey issuer = workload.department("market-regulation");
    long nonce = workload.nextNonce();
    Transaction first =
        workload.transaction(
            ChainKind.LICENSE,
            org.govchain.subchains.license.LicenseLedger.ISSUE,
            workload
                .population()
                .issue(other, "business_licence", issuerKeys(), System.currentTimeMillis())
                .signed(),
            issuer,
            nonce);
    submit(node, ChainKind.LICENSE, first);
    // The commit answer can come a moment before the node's status shows the new height.
    nodes.awaitHeight(node, chain(ChainKind.LICENSE), heights.get(chain(ChainKind.LICENSE)));
    Holder third = workload.population().enterprise(nextHolder++);
    Transaction replay =
        workload.transaction(
            ChainKind.LICENSE,
            org.govchain.subchains.license.LicenseLedger.ISSUE,
            workload
                .population()
                .issue(third, "business_licence", issuerKeys(), System.currentTimeMillis())
                .signed(),
            issuer,
            nonce);
    NodeStatus afterFirst = nodes.status(node);
    assertCode(Status.Code.FAILED_PRECONDITION, api, chain(ChainKind.LICENSE), replay, "nonce");

    // Nothing changed by the refusals: heights as after the one good commit, mempools empty.
    NodeStatus after = nodes.status(node);
    for (ChainStatus chain : after.getChainsList()) {
      ChainStatus was =
          afterFirst.getChainsList().stream()
              .filter(c -> c.getChainId().equals(chain.getChainId()))
              .findFirst()
              .orElseThrow();
      assertEquals(was.getHeight(), chain.getHeight(), chain.getChainId());
      assertEquals(0, chain.getMempoolTransactions(), chain.getChainId());
    }
    assertEquals(
        before.getChainsList().stream().mapToLong(ChainStatus::getHeight).sum() + 1,
        after.getChainsList().stream().mapToLong(ChainStatus::getHeight).sum());
  }

  private Map<String, PrivateKey> issuerKeys() throws Exception {
    Map<String, PrivateKey> keys = new HashMap<>();
    for (var department : workload.data().departments()) {
      keys.put(department.code(), workload.department(department.nodeId()));
    }
    return keys;
  }

  private static void assertCode(
      Status.Code code,
      NodeServiceGrpc.NodeServiceBlockingStub api,
      String chainId,
      Transaction transaction,
      String mentioned) {
    StatusRuntimeException refused =
        assertThrows(
            StatusRuntimeException.class,
            () ->
                api.submit(
                    SubmitRequest.newBuilder()
                        .setChainId(chainId)
                        .setTransaction(transaction)
                        .setWaitForCommit(true)
                        .build()));
    assertEquals(code, refused.getStatus().getCode(), refused.toString());
    String description = String.valueOf(refused.getStatus().getDescription()).toLowerCase();
    assertTrue(description.contains(mentioned), "message names the problem: " + description);
  }

  @Test
  @Order(8)
  void withOneNodeKilledTheOthersCommitAndItCatchesUpWhenRestarted() throws Exception {
    nodes.kill(follower);
    List<String> alive = ids.stream().filter(n -> !n.equals(follower)).toList();
    for (int i = 0; i < 3; i++) {
      issueLicence(alive.get(i % alive.size()));
    }
    assertSameCertifiedBlocks(alive);
    nodes.start(follower);
    nodes.awaitReady(ids);
    assertSameCertifiedBlocks(ids);
  }

  @Test
  @Order(9)
  void aNodeWithAWipedDiskRebuildsFromItsPeers() throws Exception {
    nodes.stop(follower);
    nodes.wipe(follower);
    // Commits continue meanwhile, past a checkpoint.
    List<String> alive = ids.stream().filter(n -> !n.equals(follower)).toList();
    for (int i = 0; i < 10; i++) {
      issueLicence(alive.get(i % alive.size()));
    }
    nodes.start(follower);
    nodes.awaitReady(ids);
    assertSameCertifiedBlocks(ids);
    // And it takes part again: a commit submitted through it.
    issueLicence(follower);
    assertSameCertifiedBlocks(ids);
  }

  @Test
  @Order(10)
  void killingThePrimaryTriggersAViewChangeAndCommitsContinue() throws Exception {
    String licence = chain(ChainKind.LICENSE);
    ChainStatus before = nodes.chain(ids.get(1), licence);
    assertEquals(primary, before.getValidators(before.getPrimaryIndex()));
    nodes.kill(primary);
    List<String> alive = ids.stream().filter(n -> !n.equals(primary)).toList();
    issueLicence(alive.get(0));
    issueLicence(alive.get(1));
    ChainStatus after = nodes.chain(alive.get(0), licence);
    assertTrue(after.getView() > before.getView(), "view changed: " + after);
    assertTrue(after.getViewChanges() > 0);
    assertTrue(!after.getValidators(after.getPrimaryIndex()).equals(primary));
    assertSameCertifiedBlocks(alive);
  }

  @Test
  @Order(11)
  void replayPassesOnEveryNodesDataDirectoryLiveAndStopped() throws Exception {
    List<String> genesis = new ArrayList<>();
    try (Stream<Path> files = Files.list(nodes.directory().resolve("genesis"))) {
      files
          .filter(file -> file.toString().endsWith(".genesis"))
          .forEach(file -> genesis.addAll(List.of("--genesis", file.toString())));
    }
    String live = ids.get(1);
    assertTrue(nodes.running(live));
    assertReplayPasses(live, genesis);
    for (String node : ids) {
      nodes.stop(node);
    }
    for (String node : ids) {
      assertReplayPasses(node, genesis);
    }
  }

  private void assertReplayPasses(String node, List<String> genesis) {
    List<String> args = new ArrayList<>(List.of("replay"));
    args.addAll(genesis);
    args.addAll(
        List.of(
            "--data", nodes.directory().resolve("nodes").resolve(node).resolve("data").toString()));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = GovchainCommand.newCommandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exitCode = commandLine.execute(args.toArray(String[]::new));
    assertEquals(0, exitCode, node + ": " + err);
    assertTrue(out.toString().startsWith("replay OK: 5 chains"), node + ": " + out);
    assertTrue(out.toString().contains("stored state compared: yes"), node + ": " + out);
  }
}
