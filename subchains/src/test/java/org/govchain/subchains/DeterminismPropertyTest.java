package org.govchain.subchains;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.govchain.core.crypto.Hash;
import org.govchain.core.crypto.PrivateKey;
import org.govchain.core.proto.Transaction;
import org.govchain.subchains.consent.ConsentLedger;
import org.govchain.subchains.identity.IdentityLedger;
import org.govchain.subchains.license.LicenseLedger;
import org.govchain.subchains.population.Holder;
import org.govchain.subchains.population.IssuedLicense;
import org.govchain.subchains.population.PopulationGenerator;
import org.govchain.subchains.proto.AssuranceLevel;
import org.govchain.subchains.proto.ChangeLicenseStatus;
import org.govchain.subchains.proto.GrantConsent;
import org.govchain.subchains.proto.GrantMode;
import org.govchain.subchains.proto.HolderRole;
import org.govchain.subchains.proto.PrincipalStatus;
import org.govchain.subchains.proto.RecordVerification;
import org.govchain.subchains.proto.RevokeGrant;
import org.govchain.subchains.proto.ServiceItem;
import org.govchain.subchains.proto.SetTerminalStatus;
import org.govchain.subchains.proto.VerificationMethod;
import org.govchain.subchains.proto.VerificationResult;
import org.govchain.subchains.pull.MaterialsPull;
import org.govchain.subchains.pull.PullRequest;
import org.govchain.subchains.pull.PullResult;
import org.govchain.subchains.testing.TestNetwork;
import org.junit.jupiter.api.Test;

/**
 * Applying any generated sequence of transactions — valid ones, and ones refused for every kind of
 * reason — twice, each time from the genesis state, yields identical state on all five chains; and
 * every refused transaction leaves every chain untouched.
 */
class DeterminismPropertyTest {
  private static final int SEEDS = 6;
  private static final int STEPS = 250;
  private static final String[] TERMINALS = {
    "hd-kiosk-0001", "hd-kiosk-0002", "hd-counter-0001", "hd-agriculture-system"
  };
  private static final String[] LICENCE_STATUS_TYPES = {
    LicenseLedger.SUSPEND,
    LicenseLedger.REINSTATE,
    LicenseLedger.WITHDRAW,
    LicenseLedger.CANCEL,
    LicenseLedger.REVOKE
  };

  private record Step(ChainKind kind, Transaction transaction, long timeMillis) {}

  @Test
  void applyingAGeneratedSequenceTwiceFromGenesisYieldsIdenticalState() throws Exception {
    Set<RefusalCode> refusalsSeen = EnumSet.noneOf(RefusalCode.class);
    int accepted = 0;
    for (long seed = 1; seed <= SEEDS; seed++) {
      TestNetwork original = TestNetwork.create();
      List<Step> steps = new Generator(original, seed).generate();
      Map<ChainKind, Map<ByteString, ByteString>> first = replay(steps, refusalsSeen);
      Map<ChainKind, Map<ByteString, ByteString>> second =
          replay(steps, EnumSet.noneOf(RefusalCode.class));
      assertEquals(first, second, "seed " + seed + " diverged");
      assertEquals(
          original.snapshot(), first, "seed " + seed + ": the replay differs from the run");
      accepted += first.get(ChainKind.LICENSE).size();
    }
    assertTrue(accepted > 0);
    // The sequences exercise refusals, not only the happy path.
    assertTrue(refusalsSeen.size() >= 6, "refusals exercised: " + refusalsSeen);
  }

  private static Map<ChainKind, Map<ByteString, ByteString>> replay(
      List<Step> steps, Set<RefusalCode> seen) throws Exception {
    TestNetwork network = TestNetwork.create();
    for (Step step : steps) {
      network.setNow(step.timeMillis());
      Map<ChainKind, Map<ByteString, ByteString>> before = network.snapshot();
      Verdict verdict = network.execute(step.kind(), step.transaction());
      if (verdict instanceof Verdict.Refused refused) {
        seen.add(refused.code());
        assertEquals(before, network.snapshot(), "refused " + refused + " changed state");
      }
    }
    return network.snapshot();
  }

  /** Drives a live network with random actions and records what it submitted. */
  private static final class Generator {
    private final TestNetwork network;
    private final SplittableRandom random;
    private final PopulationGenerator population;
    private final List<Step> steps = new ArrayList<>();
    private final List<IssuedLicense> issued = new ArrayList<>();
    private final List<Hash> verifications = new ArrayList<>();
    private final List<Hash> grants = new ArrayList<>();
    private final List<ServiceItem> items;

    Generator(TestNetwork network, long seed) {
      this.network = network;
      this.random = new SplittableRandom(seed);
      this.population = network.population(seed);
      this.items = List.copyOf(network.data.serviceItems().values());
    }

    List<Step> generate() {
      for (int i = 0; i < STEPS; i++) {
        network.advanceMillis(random.nextLong(0, 120_000));
        switch (random.nextInt(9)) {
          case 0, 1 -> issue();
          case 2 -> changeStatus();
          case 3, 4 -> verify();
          case 5 -> grant();
          case 6 -> pullAndRecord();
          case 7 -> revokeOrToggleTerminal();
          default -> replayEarlier();
        }
      }
      return steps;
    }

    private Holder holder() {
      long index = random.nextLong(0, 12);
      return random.nextInt(3) == 0 ? population.enterprise(index) : population.citizen(index);
    }

    private void submit(
        ChainKind kind, PrivateKey signer, String type, com.google.protobuf.Message payload) {
      Transaction transaction = network.transaction(kind, signer, type, payload);
      steps.add(new Step(kind, transaction, network.now()));
      network.execute(kind, transaction);
    }

    private void issue() {
      Holder holder = holder();
      List<String> types = population.licenseTypesOf(holder);
      String type = types.get(random.nextInt(types.size()));
      IssuedLicense licence = population.issue(holder, type, network.issuerKeys(), network.now());
      issued.add(licence);
      String issuer = licence.signed().getContent().getIssuerCode();
      // Sometimes the wrong department signs: refused.
      PrivateKey signer =
          random.nextInt(10) == 0 ? network.department("health") : network.departmentByCode(issuer);
      submit(ChainKind.LICENSE, signer, LicenseLedger.ISSUE, licence.signed());
    }

    private void changeStatus() {
      if (issued.isEmpty()) {
        return;
      }
      IssuedLicense licence = issued.get(random.nextInt(issued.size()));
      String type = LICENCE_STATUS_TYPES[random.nextInt(LICENCE_STATUS_TYPES.length)];
      submit(
          ChainKind.LICENSE,
          network.departmentByCode(licence.signed().getContent().getIssuerCode()),
          type,
          ChangeLicenseStatus.newBuilder()
              .setLicenseId(licence.licenseId())
              .setReason("property test")
              .build());
    }

    private void verify() {
      String terminal = TERMINALS[random.nextInt(TERMINALS.length)];
      RecordVerification payload =
          RecordVerification.newBuilder()
              .setSubject(holder().holder().toByteString())
              .setMethod(VerificationMethod.ID_CARD_AND_FACE)
              .setAssurance(AssuranceLevel.HIGH)
              .setVerifiedAtMillis(network.now() - random.nextLong(0, 2 * 86_400_000L))
              .setResult(
                  random.nextInt(8) == 0 ? VerificationResult.FAILED : VerificationResult.PASSED)
              .build();
      Transaction transaction =
          network.transaction(
              ChainKind.IDENTITY,
              network.terminal(terminal),
              IdentityLedger.RECORD_VERIFICATION,
              payload);
      steps.add(new Step(ChainKind.IDENTITY, transaction, network.now()));
      if (network.execute(ChainKind.IDENTITY, transaction).isAccepted()) {
        verifications.add(network.id(transaction));
      }
    }

    private void grant() {
      if (verifications.isEmpty()) {
        return;
      }
      Hash verification = verifications.get(random.nextInt(verifications.size()));
      ServiceItem item = items.get(random.nextInt(items.size()));
      HolderRole role =
          random.nextBoolean() ? HolderRole.ROLE_APPLICANT : HolderRole.ROLE_ORGANIZATION;
      var grant =
          PopulationGenerator.grantFor(
              holder().holder(),
              item,
              role,
              verification,
              network.now(),
              network.now() + 3_600_000L,
              random.nextBoolean() ? GrantMode.ONE_TIME : GrantMode.STANDING);
      if (grant.getScopesCount() == 0) {
        return;
      }
      String terminal = TERMINALS[random.nextInt(TERMINALS.length)];
      Transaction transaction =
          network.transaction(
              ChainKind.CONSENT,
              network.terminal(terminal),
              ConsentLedger.GRANT,
              GrantConsent.newBuilder().setGrant(grant).build());
      steps.add(new Step(ChainKind.CONSENT, transaction, network.now()));
      if (network.execute(ChainKind.CONSENT, transaction).isAccepted()) {
        grants.add(network.id(transaction));
      }
    }

    private void pullAndRecord() {
      if (verifications.isEmpty()) {
        return;
      }
      String terminal = TERMINALS[random.nextInt(TERMINALS.length)];
      ServiceItem item = items.get(random.nextInt(items.size()));
      Holder applicant = population.citizen(random.nextLong(0, 12));
      PullRequest request =
          new PullRequest(
              applicant.holder(),
              Optional.of(population.enterprise(random.nextLong(0, 12)).holder()),
              item.getCode(),
              network.terminal(terminal).publicKey(),
              verifications.get(random.nextInt(verifications.size())),
              network.now());
      PullResult result = MaterialsPull.verifyingWith(network.suite).plan(network.views(), request);
      if (result instanceof PullResult.Plan plan && plan.accessRecord().isPresent()) {
        submit(
            ChainKind.CONSENT,
            network.terminal(terminal),
            ConsentLedger.RECORD_ACCESS,
            plan.accessRecord().get());
      }
    }

    private void revokeOrToggleTerminal() {
      if (random.nextBoolean() && !grants.isEmpty() && !verifications.isEmpty()) {
        submit(
            ChainKind.CONSENT,
            network.terminal(TERMINALS[random.nextInt(TERMINALS.length)]),
            ConsentLedger.REVOKE,
            RevokeGrant.newBuilder()
                .setGrantId(grants.get(random.nextInt(grants.size())).toByteString())
                .setVerificationId(
                    verifications.get(random.nextInt(verifications.size())).toByteString())
                .build());
        return;
      }
      String terminal = TERMINALS[random.nextInt(2)];
      var stored =
          org.govchain.subchains.identity.IdentityState.terminal(
                  network.state(ChainKind.IDENTITY), terminal)
              .orElseThrow();
      PrincipalStatus next =
          stored.getStatus() == PrincipalStatus.ACTIVE
              ? PrincipalStatus.SUSPENDED
              : PrincipalStatus.ACTIVE;
      submit(
          ChainKind.IDENTITY,
          network.dataBureau(),
          IdentityLedger.SET_TERMINAL_STATUS,
          SetTerminalStatus.newBuilder()
              .setTerminalId(terminal)
              .setExpectedVersion(stored.getVersion())
              .setNewStatus(next)
              .build());
    }

    private void replayEarlier() {
      if (steps.isEmpty()) {
        return;
      }
      Step earlier = steps.get(random.nextInt(steps.size()));
      steps.add(new Step(earlier.kind(), earlier.transaction(), network.now()));
      network.execute(earlier.kind(), earlier.transaction());
    }
  }
}
