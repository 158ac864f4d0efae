package org.govchain.node.vault;

import static org.govchain.node.vault.VaultReleaseTest.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.subchains.population.Holder;
import org.govchain.subchains.population.IssuedLicense;
import org.govchain.subchains.proto.GrantMode;
import org.govchain.subchains.proto.LicenseRecord;
import org.govchain.subchains.pull.MaterialOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

/** Deposits, what is on disk, and records that were tampered with. */
class VaultStorageTest {
  @TempDir Path directory;

  private VaultScenario scenario() throws Exception {
    return new VaultScenario(CryptoSuite.intl(), directory.resolve("vault"));
  }

  @Test
  void aDepositIsStoredOnceAndIdempotent() throws Exception {
    VaultScenario scenario = scenario();
    IssuedLicense card = scenario.pesticide.idCard;
    try (Vault vault = scenario.open()) {
      DepositResult.Stored first =
          assertInstanceOf(
              DepositResult.Stored.class,
              vault.deposit(scenario.onChain(card), VaultScenario.openings(card)));
      assertEquals(false, first.alreadyPresent());
      assertEquals(card.values().size(), first.items());
      DepositResult.Stored again =
          assertInstanceOf(
              DepositResult.Stored.class,
              vault.deposit(scenario.onChain(card), VaultScenario.openings(card)));
      assertEquals(true, again.alreadyPresent());
      assertEquals(1, vault.licenseCount());
    }
  }

  @Test
  void aDepositThatDoesNotOpenTheCommitmentsIsRefusedNamingTheItem() throws Exception {
    VaultScenario scenario = scenario();
    IssuedLicense card = scenario.pesticide.idCard;
    LicenseRecord onChain = scenario.onChain(card);
    String item = card.values().keySet().iterator().next();
    try (Vault vault = scenario.open()) {
      Map<String, ItemOpening> wrongValue = VaultScenario.openings(card);
      wrongValue.put(item, new ItemOpening(card.values().get(item) + "x", card.salts().get(item)));
      VaultRefused refused =
          assertRefused(VaultRefusal.COMMITMENT_MISMATCH, vault.deposit(onChain, wrongValue));
      assertTrue(refused.message().contains(item), refused.message());

      Map<String, ItemOpening> wrongSalt = VaultScenario.openings(card);
      byte[] salt = card.salts().get(item).toByteArray();
      salt[0] ^= 1;
      wrongSalt.put(item, new ItemOpening(card.values().get(item), ByteString.copyFrom(salt)));
      assertRefused(VaultRefusal.COMMITMENT_MISMATCH, vault.deposit(onChain, wrongSalt));

      Map<String, ItemOpening> shortSalt = VaultScenario.openings(card);
      shortSalt.put(
          item, new ItemOpening(card.values().get(item), ByteString.copyFrom(new byte[31])));
      assertRefused(VaultRefusal.MALFORMED_REQUEST, vault.deposit(onChain, shortSalt));

      Map<String, ItemOpening> missing = VaultScenario.openings(card);
      missing.remove(item);
      refused = assertRefused(VaultRefusal.ITEMS_DO_NOT_MATCH, vault.deposit(onChain, missing));
      assertTrue(refused.message().contains(item), refused.message());

      Map<String, ItemOpening> extra = VaultScenario.openings(card);
      extra.put("not_committed", new ItemOpening("v", card.salts().get(item)));
      refused = assertRefused(VaultRefusal.ITEMS_DO_NOT_MATCH, vault.deposit(onChain, extra));
      assertTrue(refused.message().contains("not_committed"), refused.message());

      assertRefused(VaultRefusal.MALFORMED_REQUEST, vault.deposit(onChain, Map.of()));
      assertEquals(0, vault.licenseCount(), "refused deposits store nothing");
      assertInstanceOf(
          DepositResult.Stored.class, vault.deposit(onChain, VaultScenario.openings(card)));
    }
  }

  @Test
  void aLicenceOfADepartmentNotKeptHereOrOverTheLimitIsRefused() throws Exception {
    VaultScenario scenario = scenario();
    IssuedLicense card = scenario.pesticide.idCard;
    IssuedLicense business = scenario.pesticide.businessLicence;
    String cardIssuer = card.signed().getContent().getIssuerCode();
    try (Vault vault = scenario.open(java.util.Set.of(cardIssuer))) {
      assertRefused(
          VaultRefusal.NOT_KEPT_HERE,
          vault.deposit(scenario.onChain(business), VaultScenario.openings(business)));
    }
    VaultLimits one = new VaultLimits(64, 4096, 1, 60_000);
    Holder other = scenario.pesticide.population.citizen(13);
    IssuedLicense otherCard =
        scenario.network.issue(scenario.pesticide.population, other, "resident_id_card");
    try (Vault vault =
        Vault.open(
            directory.resolve("small"),
            scenario.key,
            scenario.network.suite,
            scenario.issuers,
            one,
            new SecureRandom())) {
      assertInstanceOf(
          DepositResult.Stored.class,
          vault.deposit(scenario.onChain(card), VaultScenario.openings(card)));
      assertRefused(
          VaultRefusal.VAULT_FULL,
          vault.deposit(scenario.onChain(otherCard), VaultScenario.openings(otherCard)));
    }
  }

  @Test
  void theFilesAtRestHoldNoValueAndNoSalt() throws Exception {
    VaultScenario scenario = scenario();
    try (Vault vault = scenario.open()) {
      scenario.depositAll(vault);
    }
    byte[] files = allFiles(scenario.directory);
    List<byte[]> secrets = new ArrayList<>();
    for (IssuedLicense licence : scenario.licences) {
      // Positive control: the licence ids (public, in the keys) are found by the same scan.
      assertTrue(
          contains(files, licence.licenseId().getBytes(StandardCharsets.UTF_8)),
          "the scan reads the records");
      licence.values().values().stream()
          .map(value -> value.getBytes(StandardCharsets.UTF_8))
          .filter(bytes -> bytes.length >= 6)
          .forEach(secrets::add);
      licence.salts().values().forEach(salt -> secrets.add(salt.toByteArray()));
    }
    assertTrue(secrets.size() > 40, "enough values to make the scan meaningful: " + secrets.size());
    for (byte[] secret : secrets) {
      assertTrue(!contains(files, secret), "plaintext found at rest");
    }
  }

  @Test
  void swappedOrAlteredRecordsFailAuthentication() throws Exception {
    VaultScenario scenario = scenario().recorded(GrantMode.STANDING);
    IssuedLicense card = scenario.pesticide.idCard;
    Holder other = scenario.pesticide.population.citizen(13);
    IssuedLicense otherCard =
        scenario.network.issue(scenario.pesticide.population, other, "resident_id_card");
    try (Vault vault = scenario.open()) {
      scenario.depositAll(vault);
      vault.deposit(scenario.onChain(otherCard), VaultScenario.openings(otherCard));
    }
    MaterialOutcome.Found material = scenario.material(card);
    String department = card.signed().getContent().getIssuerCode();
    List<String> items = material.releasedItems();
    assertTrue(items.size() >= 2);
    byte[] first = VaultRecords.itemKey(department, card.licenseId(), items.get(0));
    byte[] second = VaultRecords.itemKey(department, card.licenseId(), items.get(1));
    byte[] foreign = VaultRecords.itemKey(department, otherCard.licenseId(), items.get(0));

    // Two items of one licence swapped.
    byte[][] saved = swap(scenario.directory, first, second);
    assertIntegrityFailure(scenario, material);
    restore(scenario.directory, first, saved[0], second, saved[1]);
    assertInstanceOf(ReleaseResult.Released.class, release(scenario, material));

    // The same item of another holder's licence moved in.
    swap(scenario.directory, first, foreign);
    assertIntegrityFailure(scenario, material);
    restore(scenario.directory, first, saved[0], second, saved[1]);

    // One bit of the ciphertext flipped; then one bit of the nonce.
    for (int offset : List.of(VaultRecords.HEADER_BYTES + 3, 5)) {
      byte[] altered = saved[0].clone();
      altered[offset] ^= 1;
      restore(scenario.directory, first, altered, second, saved[1]);
      assertIntegrityFailure(scenario, material);
    }
  }

  @Test
  void aWrongKeyAnotherSuiteOrAForeignDatabaseIsRefusedAtOpen() throws Exception {
    VaultScenario scenario = scenario();
    try (Vault vault = scenario.open()) {
      scenario.depositAll(vault);
    }
    VaultOpenException wrongKey =
        assertThrows(
            VaultOpenException.class,
            () ->
                Vault.open(
                    scenario.directory,
                    VaultKey.generate(new SecureRandom()),
                    scenario.network.suite,
                    scenario.issuers,
                    VaultLimits.DEFAULT,
                    new SecureRandom()));
    assertTrue(wrongKey.getMessage().contains("not the vault.key"), wrongKey.getMessage());
    VaultOpenException wrongSuite =
        assertThrows(
            VaultOpenException.class,
            () ->
                Vault.open(
                    scenario.directory,
                    scenario.key,
                    CryptoSuite.sm(),
                    scenario.issuers,
                    VaultLimits.DEFAULT,
                    new SecureRandom()));
    assertTrue(wrongSuite.getMessage().contains("AES-256-GCM"), wrongSuite.getMessage());
    try (Vault vault = scenario.open()) {
      assertEquals(4, vault.licenseCount(), "refused opens changed nothing");
    }
    Path foreign = directory.resolve("foreign");
    try (Options options = new Options().setCreateIfMissing(true);
        RocksDB db = RocksDB.open(options, foreign.toString())) {
      db.put(new byte[] {9}, new byte[] {9});
    }
    VaultOpenException notVault =
        assertThrows(
            VaultOpenException.class,
            () ->
                Vault.open(
                    foreign,
                    scenario.key,
                    scenario.network.suite,
                    scenario.issuers,
                    VaultLimits.DEFAULT,
                    new SecureRandom()));
    assertTrue(notVault.getMessage().contains("not a vault"), notVault.getMessage());
  }

  private static ReleaseResult release(VaultScenario scenario, MaterialOutcome.Found material)
      throws Exception {
    try (Vault vault = scenario.open()) {
      return vault.release(scenario.views(), scenario.request(material));
    }
  }

  private static void assertIntegrityFailure(VaultScenario scenario, MaterialOutcome.Found material)
      throws Exception {
    try (Vault vault = scenario.open()) {
      VaultIntegrityException e =
          assertThrows(
              VaultIntegrityException.class,
              () -> vault.release(scenario.views(), scenario.request(material)));
      assertTrue(e.getMessage().contains(material.licenseId()), e.getMessage());
    }
  }

  /** Swaps the values at two keys; returns both original values. */
  private static byte[][] swap(Path vault, byte[] target, byte[] source) throws Exception {
    try (Options options = new Options();
        RocksDB db = RocksDB.open(options, vault.toString())) {
      byte[] targetValue = db.get(target);
      byte[] sourceValue = db.get(source);
      db.put(target, sourceValue);
      db.put(source, targetValue);
      return new byte[][] {targetValue, sourceValue};
    }
  }

  private static void restore(
      Path vault, byte[] first, byte[] firstValue, byte[] second, byte[] secondValue)
      throws Exception {
    try (Options options = new Options();
        RocksDB db = RocksDB.open(options, vault.toString())) {
      db.put(first, firstValue);
      db.put(second, secondValue);
    }
  }

  private static byte[] allFiles(Path root) throws Exception {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        out.writeBytes(Files.readAllBytes(file));
      }
    }
    return out.toByteArray();
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
