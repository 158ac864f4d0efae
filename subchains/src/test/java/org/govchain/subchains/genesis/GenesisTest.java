package org.govchain.subchains.genesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.govchain.core.MalformedInputException;
import org.govchain.core.chain.DecodedTransaction;
import org.govchain.core.chain.Transactions;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.crypto.KeyPair;
import org.govchain.core.crypto.PrivateKey;
import org.govchain.core.crypto.PublicKey;
import org.govchain.core.proto.Transaction;
import org.govchain.subchains.ChainKind;
import org.govchain.subchains.Network;
import org.govchain.subchains.Subchains;
import org.govchain.subchains.catalog.CatalogState;
import org.govchain.subchains.dataset.DataSet;
import org.govchain.subchains.identity.IdentityState;
import org.govchain.subchains.service.ServiceState;
import org.govchain.subchains.state.MemoryState;
import org.govchain.subchains.testing.TestNetwork;
import org.junit.jupiter.api.Test;

class GenesisTest {
  private static final long TIME = 1_600_000_000_000L;

  private record Keys(PrivateKey bureau, GenesisKeys genesis) {}

  private static Keys keys(DataSet data, CryptoSuite suite, long seed) throws Exception {
    SecureRandom random = TestNetwork.seededRandom(seed);
    Map<String, PublicKey> departments = new HashMap<>();
    PrivateKey bureau = null;
    for (DataSet.Department department : data.departments()) {
      KeyPair pair = suite.generateKeyPair(random);
      departments.put(department.nodeId(), pair.publicKey());
      if (department.equals(data.dataBureau())) {
        bureau = pair.privateKey();
      }
    }
    Map<String, PublicKey> terminals = new HashMap<>();
    for (DataSet.Terminal terminal : data.terminals()) {
      terminals.put(terminal.terminalId(), suite.generateKeyPair(random).publicKey());
    }
    return new Keys(bureau, new GenesisKeys(bureau, departments, terminals));
  }

  @Test
  void theDataSetBecomesTheGenesisOfTheFiveChainsUnderSm() throws Exception {
    DataSet data = TestNetwork.dataSet();
    CryptoSuite suite = CryptoSuite.sm();
    Network network = new Network("haidian");
    Keys keys = keys(data, suite, 9);
    Map<ChainKind, List<Transaction>> content =
        new GenesisContent(network, suite, keys.genesis(), TIME).generate(data);
    assertEquals(
        1 + (data.departments().size() - 1) + data.terminals().size(),
        content.get(ChainKind.IDENTITY).size());
    assertEquals(
        data.licenseTypes().size() + data.resources().size(),
        content.get(ChainKind.CATALOG).size());
    assertEquals(data.serviceItems().size(), content.get(ChainKind.SERVICE).size());
    assertTrue(content.get(ChainKind.LICENSE).isEmpty());
    assertTrue(content.get(ChainKind.CONSENT).isEmpty());
    long nonce = 0;
    for (Transaction transaction : content.get(ChainKind.IDENTITY)) {
      DecodedTransaction decoded = Transactions.decode(suite, transaction);
      assertEquals(network.chainId(ChainKind.IDENTITY), decoded.chainId());
      assertEquals(keys.bureau().publicKey(), decoded.submitter());
      assertEquals(++nonce, decoded.nonce());
      assertEquals(TIME, decoded.timestampMillis());
      assertTrue(Transactions.verifySignature(suite, decoded));
    }
    Map<ChainKind, MemoryState> states =
        GenesisExecution.execute(new Subchains(network, suite), content, TIME);
    for (DataSet.Department department : data.departments()) {
      assertTrue(
          IdentityState.department(states.get(ChainKind.IDENTITY), department.code()).isPresent());
    }
    for (var type : data.licenseTypes().values()) {
      assertTrue(
          CatalogState.licenseType(states.get(ChainKind.CATALOG), type.getCode()).isPresent());
    }
    for (var item : data.serviceItems().values()) {
      assertTrue(ServiceState.item(states.get(ChainKind.SERVICE), item.getCode()).isPresent());
    }
    states.values().forEach(state -> assertEquals(0, state.height()));
  }

  @Test
  void withTheIntlSuiteGenesisIsIdenticalByteForByte() throws Exception {
    DataSet data = TestNetwork.dataSet();
    Keys keys = keys(data, CryptoSuite.intl(), 4);
    GenesisContent generator =
        new GenesisContent(new Network("haidian"), CryptoSuite.intl(), keys.genesis(), TIME);
    assertEquals(generator.generate(data), generator.generate(data));
  }

  @Test
  void missingOrMismatchedKeysAreNamed() throws Exception {
    DataSet data = TestNetwork.dataSet();
    CryptoSuite suite = CryptoSuite.intl();
    Keys keys = keys(data, suite, 5);
    Map<String, PublicKey> departments = new HashMap<>(keys.genesis().departments());
    departments.remove("health");
    MalformedInputException missing =
        assertThrows(
            MalformedInputException.class,
            () ->
                new GenesisContent(
                        new Network("x"),
                        suite,
                        new GenesisKeys(keys.bureau(), departments, keys.genesis().terminals()),
                        TIME)
                    .generate(data));
    assertTrue(missing.getMessage().contains("health"));
    Map<String, PublicKey> terminals = new HashMap<>(keys.genesis().terminals());
    terminals.remove("hd-kiosk-0003");
    MalformedInputException noTerminal =
        assertThrows(
            MalformedInputException.class,
            () ->
                new GenesisContent(
                        new Network("x"),
                        suite,
                        new GenesisKeys(keys.bureau(), keys.genesis().departments(), terminals),
                        TIME)
                    .generate(data));
    assertTrue(noTerminal.getMessage().contains("hd-kiosk-0003"));
    PrivateKey stranger = suite.generateKeyPair(new SecureRandom()).privateKey();
    assertThrows(
        MalformedInputException.class,
        () ->
            new GenesisContent(
                    new Network("x"),
                    suite,
                    new GenesisKeys(
                        stranger, keys.genesis().departments(), keys.genesis().terminals()),
                    TIME)
                .generate(data));
  }

  @Test
  void aGenesisWhoseKeysCollideIsRefusedByItsDryRun() throws Exception {
    DataSet data = TestNetwork.dataSet();
    CryptoSuite suite = CryptoSuite.intl();
    Keys keys = keys(data, suite, 6);
    Map<String, PublicKey> departments = new HashMap<>(keys.genesis().departments());
    departments.put("health", departments.get("agriculture"));
    Map<ChainKind, List<Transaction>> content =
        new GenesisContent(
                new Network("x"),
                suite,
                new GenesisKeys(keys.bureau(), departments, keys.genesis().terminals()),
                TIME)
            .generate(data);
    MalformedInputException error =
        assertThrows(
            MalformedInputException.class,
            () -> GenesisExecution.execute(new Subchains(new Network("x"), suite), content, TIME));
    assertTrue(error.getMessage().contains("KEY_IN_USE"), error.getMessage());
  }
}
