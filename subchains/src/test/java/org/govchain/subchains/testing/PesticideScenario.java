package org.govchain.subchains.testing;

import java.util.Optional;
import org.govchain.core.crypto.Hash;
import org.govchain.subchains.population.Holder;
import org.govchain.subchains.population.IssuedLicense;
import org.govchain.subchains.population.PopulationGenerator;
import org.govchain.subchains.proto.GrantMode;
import org.govchain.subchains.proto.HolderRole;
import org.govchain.subchains.proto.ServiceItem;
import org.govchain.subchains.pull.PullRequest;

/**
 * The report's scenario: a company's legal representative applies at a kiosk for a first pesticide
 * business licence. The company holds a business licence; the representative an ID card, an
 * academic certificate and the title of the premises. The representative was verified at the kiosk
 * and granted the item access to both their own and the company's licences.
 */
public final class PesticideScenario {
  public static final String KIOSK = "hd-kiosk-0001";
  public static final long DAY_MILLIS = 86_400_000L;

  public final TestNetwork network;
  public final PopulationGenerator population;
  public final ServiceItem item;
  public final Holder representative;
  public final Holder company;
  public final IssuedLicense businessLicence;
  public final IssuedLicense idCard;
  public final IssuedLicense academicCertificate;
  public final IssuedLicense premisesTitle;
  public Hash verification;
  public Hash personalGrant;
  public Hash companyGrant;

  public PesticideScenario() throws Exception {
    this(TestNetwork.create());
  }

  public PesticideScenario(TestNetwork network) {
    this.network = network;
    this.population = network.population(2020);
    this.item = network.data.serviceItem("pesticide_business_first");
    this.company = population.enterprise(12);
    this.representative = population.citizen(12);
    this.businessLicence = network.issue(population, company, "business_licence");
    this.idCard = network.issue(population, representative, "resident_id_card");
    this.academicCertificate = network.issue(population, representative, "academic_certificate");
    this.premisesTitle = network.issue(population, representative, "real_estate_certificate");
  }

  /** Verifies the representative at the kiosk and records both grants (one-time). */
  public PesticideScenario verifiedAndGranted(GrantMode mode) {
    verification = network.verify(KIOSK, representative.holder());
    personalGrant =
        network.grant(KIOSK, grant(representative.holder(), HolderRole.ROLE_APPLICANT, mode));
    companyGrant =
        network.grant(KIOSK, grant(company.holder(), HolderRole.ROLE_ORGANIZATION, mode));
    return this;
  }

  public org.govchain.subchains.proto.Grant grant(Hash subject, HolderRole role, GrantMode mode) {
    return PopulationGenerator.grantFor(
        subject, item, role, verification, network.now(), network.now() + DAY_MILLIS, mode);
  }

  public PullRequest request() {
    return request(KIOSK);
  }

  public PullRequest request(String terminalId) {
    return new PullRequest(
        representative.holder(),
        Optional.of(company.holder()),
        item.getCode(),
        network.terminal(terminalId).publicKey(),
        verification,
        network.now());
  }
}
