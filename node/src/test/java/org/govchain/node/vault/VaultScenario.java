package org.govchain.node.vault;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.crypto.Hash;
import org.govchain.core.crypto.PublicKey;
import org.govchain.subchains.ChainKind;
import org.govchain.subchains.consent.ConsentLedger;
import org.govchain.subchains.license.LicenseState;
import org.govchain.subchains.population.IssuedLicense;
import org.govchain.subchains.proto.GrantMode;
import org.govchain.subchains.proto.LicenseRecord;
import org.govchain.subchains.proto.RecordAccess;
import org.govchain.subchains.pull.MaterialOutcome;
import org.govchain.subchains.pull.MaterialsPull;
import org.govchain.subchains.pull.PullResult;
import org.govchain.subchains.testing.PesticideScenario;
import org.govchain.subchains.testing.TestNetwork;

/**
 * The pesticide scenario on the real ledgers, with a vault for the four licences' issuers: the
 * representative verified and granted at the kiosk, the kiosk's pull planned and its access record
 * committed on the consent chain.
 */
final class VaultScenario {
  final TestNetwork network;
  final PesticideScenario pesticide;
  final List<IssuedLicense> licences;
  final Set<String> issuers;
  final VaultKey key;
  final Path directory;
  Hash accessId;
  List<MaterialOutcome.Found> found = List.of();

  VaultScenario(CryptoSuite suite, Path directory) throws Exception {
    this.network = TestNetwork.create(suite, 1);
    this.pesticide = new PesticideScenario(network);
    this.licences =
        List.of(
            pesticide.businessLicence,
            pesticide.idCard,
            pesticide.academicCertificate,
            pesticide.premisesTitle);
    Set<String> codes = new LinkedHashSet<>();
    licences.forEach(licence -> codes.add(licence.signed().getContent().getIssuerCode()));
    this.issuers = codes;
    this.key = VaultKey.generate(TestNetwork.seededRandom(7));
    this.directory = directory;
  }

  Vault open() throws Exception {
    return open(issuers);
  }

  Vault open(Set<String> departments) throws Exception {
    return Vault.open(
        directory, key, network.suite, departments, VaultLimits.DEFAULT, new SecureRandom());
  }

  LicenseRecord onChain(IssuedLicense licence) {
    return LicenseState.license(network.state(ChainKind.LICENSE), licence.licenseId())
        .orElseThrow();
  }

  static Map<String, ItemOpening> openings(IssuedLicense licence) {
    Map<String, ItemOpening> out = new LinkedHashMap<>();
    licence
        .values()
        .forEach((item, value) -> out.put(item, new ItemOpening(value, licence.salts().get(item))));
    return out;
  }

  void depositAll(Vault vault) {
    for (IssuedLicense licence : licences) {
      assertInstanceOf(
          DepositResult.Stored.class, vault.deposit(onChain(licence), openings(licence)));
    }
  }

  /** Grants, plans the kiosk's pull and commits its access record. */
  VaultScenario recorded(GrantMode mode) {
    pesticide.verifiedAndGranted(mode);
    PullResult.Plan plan =
        assertInstanceOf(
            PullResult.Plan.class,
            MaterialsPull.verifyingWith(network.suite).plan(network.views(), pesticide.request()));
    List<MaterialOutcome.Found> out = new ArrayList<>();
    plan.outcomes()
        .forEach(
            outcome -> {
              if (outcome instanceof MaterialOutcome.Found hit) {
                out.add(hit);
              }
            });
    found = List.copyOf(out);
    RecordAccess record = plan.accessRecord().orElseThrow();
    accessId =
        network.accept(
            ChainKind.CONSENT,
            network.terminal(PesticideScenario.KIOSK),
            ConsentLedger.RECORD_ACCESS,
            record);
    return this;
  }

  ReleaseViews views() {
    return new ReleaseViews(
        network.state(ChainKind.IDENTITY),
        network.state(ChainKind.CONSENT),
        network.state(ChainKind.LICENSE));
  }

  PublicKey kiosk() {
    return network.terminal(PesticideScenario.KIOSK).publicKey();
  }

  ReleaseRequest request(MaterialOutcome.Found material) {
    return new ReleaseRequest(
        accessId, kiosk(), material.licenseId(), material.releasedItems(), network.now());
  }

  MaterialOutcome.Found material(IssuedLicense licence) {
    return found.stream()
        .filter(material -> material.licenseId().equals(licence.licenseId()))
        .findFirst()
        .orElseThrow();
  }
}
