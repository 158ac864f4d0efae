package org.govchain.subchains.population;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.govchain.subchains.ChainKind;
import org.govchain.subchains.ids.CitizenIdNumber;
import org.govchain.subchains.ids.CreditCode;
import org.govchain.subchains.ids.LicenseIdentifier;
import org.govchain.subchains.license.LicenseLedger;
import org.govchain.subchains.testing.TestNetwork;
import org.junit.jupiter.api.Test;

class PopulationGeneratorTest {
  private final TestNetwork network;

  PopulationGeneratorTest() throws Exception {
    network = TestNetwork.create();
  }

  @Test
  void citizensAndEnterprisesAreAFunctionOfSeedAndIndex() {
    PopulationGenerator one = network.population(17);
    PopulationGenerator two = network.population(17);
    for (long index : new long[] {0, 1, 999, 123_456_789, PopulationGenerator.MAX_CITIZENS - 1}) {
      assertEquals(one.citizen(index), two.citizen(index));
    }
    assertEquals(one.enterprise(5), two.enterprise(5));
    assertNotEquals(one.citizen(5).code(), network.population(18).citizen(5).code());
    var licence =
        one.issue(one.citizen(3), "resident_id_card", network.issuerKeys(), 1_600_000_000_000L);
    assertEquals(
        licence,
        two.issue(two.citizen(3), "resident_id_card", network.issuerKeys(), 1_600_000_000_000L));
    assertThrows(
        IllegalArgumentException.class, () -> one.citizen(PopulationGenerator.MAX_CITIZENS));
    assertThrows(IllegalArgumentException.class, () -> one.enterprise(-1));
  }

  @Test
  void generatedCodesHaveValidCheckCharactersAndAreDistinct() {
    PopulationGenerator population = network.population(1);
    Set<String> ids = new HashSet<>();
    Set<String> codes = new HashSet<>();
    for (long index = 0; index < 20_000; index++) {
      Holder citizen = population.citizen(index);
      assertNull(CitizenIdNumber.problem(citizen.code()), citizen.code());
      assertTrue(ids.add(citizen.code()), "duplicate " + citizen.code());
      assertEquals(citizen.male(), new CitizenIdNumber(citizen.code()).male());
      Holder enterprise = population.enterprise(index);
      assertTrue(CreditCode.isValid(enterprise.code()), enterprise.code());
      assertTrue(
          org.govchain.subchains.ids.OrganizationCode.isValid(enterprise.code().substring(8, 17)));
      assertTrue(codes.add(enterprise.code()), "duplicate " + enterprise.code());
    }
  }

  @Test
  void licencesAreDistributedRealisticallyAndIssueThroughTheLedger() {
    PopulationGenerator population = network.population(3);
    int licences = 0;
    for (long index = 0; index < 200; index++) {
      Holder citizen = population.citizen(index);
      List<String> types = population.licenseTypesOf(citizen);
      assertTrue(types.contains("resident_id_card"), "everyone has an ID card");
      licences += types.size();
    }
    assertTrue(licences > 600 && licences < 1400, "about five licences per citizen: " + licences);
    Holder citizen = population.citizen(77);
    for (String type : population.licenseTypesOf(citizen)) {
      IssuedLicense issued = network.issue(population, citizen, type);
      assertTrue(LicenseIdentifier.isTypeCode(issued.signed().getContent().getTypeCode()));
      assertEquals(
          network.data.licenseType(type).getItemsCount(),
          issued.signed().getContent().getItemsCount());
    }
    Holder enterprise = population.enterprise(77);
    assertTrue(population.licenseTypesOf(enterprise).contains("business_licence"));
    IssuedLicense business = network.issue(population, enterprise, "business_licence");
    assertEquals(enterprise.code(), business.values().get("credit_code"));
    assertEquals(enterprise.name(), business.values().get("name"));
    assertEquals(LicenseLedger.ISSUE, "license.issue");
    assertTrue(network.state(ChainKind.LICENSE).size() > 0);
  }
}
