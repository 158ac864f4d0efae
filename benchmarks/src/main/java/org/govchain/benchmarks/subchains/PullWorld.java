package org.govchain.benchmarks.subchains;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.govchain.core.MalformedInputException;
import org.govchain.core.chain.DecodedTransaction;
import org.govchain.core.chain.Transactions;
import org.govchain.core.codec.Canonical;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.crypto.Hash;
import org.govchain.core.crypto.KeyPair;
import org.govchain.core.crypto.PrivateKey;
import org.govchain.core.crypto.PublicKey;
import org.govchain.core.proto.Transaction;
import org.govchain.core.proto.TransactionBody;
import org.govchain.core.state.StateReader;
import org.govchain.subchains.ChainKind;
import org.govchain.subchains.ExecutionContext;
import org.govchain.subchains.Network;
import org.govchain.subchains.Subchains;
import org.govchain.subchains.Verdict;
import org.govchain.subchains.consent.ConsentLedger;
import org.govchain.subchains.dataset.DataSet;
import org.govchain.subchains.dataset.DataSetLoader;
import org.govchain.subchains.genesis.GenesisContent;
import org.govchain.subchains.genesis.GenesisExecution;
import org.govchain.subchains.genesis.GenesisKeys;
import org.govchain.subchains.identity.IdentityLedger;
import org.govchain.subchains.license.LicenseState;
import org.govchain.subchains.population.Holder;
import org.govchain.subchains.population.PopulationGenerator;
import org.govchain.subchains.privacy.HolderKey;
import org.govchain.subchains.proto.AssuranceLevel;
import org.govchain.subchains.proto.GrantConsent;
import org.govchain.subchains.proto.GrantMode;
import org.govchain.subchains.proto.HolderRole;
import org.govchain.subchains.proto.LicenseRecord;
import org.govchain.subchains.proto.RecordVerification;
import org.govchain.subchains.proto.ServiceItem;
import org.govchain.subchains.proto.VerificationMethod;
import org.govchain.subchains.proto.VerificationResult;
import org.govchain.subchains.pull.ChainViews;
import org.govchain.subchains.pull.PullRequest;
import org.govchain.subchains.state.MemoryState;

/**
 * The five chains in memory at the scale of a district: the bundled data set's genesis, a synthetic
 * population holding {@code licenceCount} licences on the licence chain, and {@code applicants}
 * pesticide-licence applicants (a company and its legal representative) who were verified at a
 * kiosk and granted the item access — the state the pull benchmark reads.
 */
final class PullWorld {
  static final String KIOSK = "hd-kiosk-0001";
  private static final long NOW = 1_600_000_000_000L;
  private static final int CHUNK = 20_000;

  final CryptoSuite suite;
  final Map<ChainKind, MemoryState> states;
  final List<PullRequest> requests = new ArrayList<>();
  private final DataSet data;
  private final Subchains subchains;
  private final Map<String, PrivateKey> departmentKeys = new HashMap<>();
  private final Map<String, PrivateKey> terminalKeys = new HashMap<>();
  private final Map<String, Long> nonces = new HashMap<>();
  private final PopulationGenerator population;
  private long height;

  PullWorld(CryptoSuite suite, int licenceCount, int applicants) throws Exception {
    this.suite = suite;
    this.data = DataSetLoader.bundled();
    this.subchains = new Subchains(new Network("bench"), suite);
    this.population =
        new PopulationGenerator(data, suite, HolderKey.of(new byte[HolderKey.BYTES]), 2020);
    this.states = genesis(seededRandom());
    ServiceItem item = data.serviceItem("pesticide_business_first");
    List<Task> tasks = applicantLicences(applicants);
    tasks.addAll(populationLicences(licenceCount - tasks.size(), applicants));
    issueAll(tasks, cacheFile(suite, licenceCount, applicants));
    for (int index = 0; index < applicants; index++) {
      requests.add(verifyAndGrant(item, population.citizen(index), population.enterprise(index)));
    }
  }

  /** Where the signed population is cached between forks: {@code -Dgovchain.bench.cache=DIR}. */
  private static Path cacheFile(CryptoSuite suite, int licenceCount, int applicants) {
    String directory =
        System.getProperty(
            "govchain.bench.cache", System.getProperty("java.io.tmpdir") + "/govchain-bench");
    return Path.of(
        directory, "population-" + suite.id() + "-" + licenceCount + "-" + applicants + ".bin");
  }

  ChainViews views() {
    return new ChainViews(
        states.get(ChainKind.LICENSE),
        states.get(ChainKind.IDENTITY),
        states.get(ChainKind.CONSENT),
        states.get(ChainKind.CATALOG),
        states.get(ChainKind.SERVICE));
  }

  int licenceRecords() {
    return states.get(ChainKind.LICENSE).size() / 2;
  }

  private static SecureRandom seededRandom() throws NoSuchAlgorithmException {
    SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
    random.setSeed(1);
    return random;
  }

  private Map<ChainKind, MemoryState> genesis(SecureRandom random) throws MalformedInputException {
    Map<String, PublicKey> departments = new HashMap<>();
    for (DataSet.Department department : data.departments()) {
      KeyPair pair = suite.generateKeyPair(random);
      departmentKeys.put(department.code(), pair.privateKey());
      departments.put(department.nodeId(), pair.publicKey());
    }
    Map<String, PublicKey> terminals = new HashMap<>();
    for (DataSet.Terminal terminal : data.terminals()) {
      KeyPair pair = suite.generateKeyPair(random);
      terminalKeys.put(terminal.terminalId(), pair.privateKey());
      terminals.put(terminal.terminalId(), pair.publicKey());
    }
    GenesisKeys keys =
        new GenesisKeys(departmentKeys.get(data.dataBureau().code()), departments, terminals);
    var content = new GenesisContent(subchains.network(), suite, keys, NOW).generate(data);
    return GenesisExecution.execute(subchains, content, NOW);
  }

  private record Task(boolean citizen, long index, String typeKey) {}

  /** The four licences of each applicant pair, so every pull finds its materials. */
  private static List<Task> applicantLicences(int applicants) {
    List<Task> tasks = new ArrayList<>();
    for (long index = 0; index < applicants; index++) {
      tasks.add(new Task(false, index, "business_licence"));
      tasks.add(new Task(true, index, "resident_id_card"));
      tasks.add(new Task(true, index, "academic_certificate"));
      tasks.add(new Task(true, index, "real_estate_certificate"));
    }
    return tasks;
  }

  /** The rest of the population: nine citizens to one enterprise, each with its licence types. */
  private List<Task> populationLicences(int count, long firstIndex) {
    List<Task> tasks = new ArrayList<>(count);
    long citizen = firstIndex;
    long enterprise = firstIndex;
    for (long holder = 0; tasks.size() < count; holder++) {
      boolean isCitizen = holder % 10 != 9;
      Holder next = isCitizen ? population.citizen(citizen++) : population.enterprise(enterprise++);
      for (String type : population.licenseTypesOf(next)) {
        if (tasks.size() < count) {
          tasks.add(new Task(isCitizen, next.index(), type));
        }
      }
    }
    return tasks;
  }

  /**
   * Signs in parallel, chunk by chunk, and writes the records as the ledger would. Signing a
   * million licences takes minutes (SM2 signs at about 7,000 per second and core), so the records
   * are also written to a cache file and read back by the next fork: the population is a function
   * of the seed, and so are the issuers' keys, so the cached signatures verify.
   */
  private void issueAll(List<Task> tasks, Path cache) throws IOException {
    MemoryState licences = states.get(ChainKind.LICENSE);
    if (Files.isRegularFile(cache) && readCache(cache, licences, tasks.size())) {
      licences.setHeight(1);
      return;
    }
    Files.createDirectories(cache.getParent());
    Path partial = cache.resolveSibling(cache.getFileName() + ".partial");
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial))) {
      for (int start = 0; start < tasks.size(); start += CHUNK) {
        List<LicenseRecord> records =
            tasks.subList(start, Math.min(tasks.size(), start + CHUNK)).parallelStream()
                .map(this::issue)
                .toList();
        for (LicenseRecord record : records) {
          LicenseState.putNew(licences, record);
          record.writeDelimitedTo(out);
        }
      }
    }
    Files.move(partial, cache, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    licences.setHeight(1);
  }

  /** Loads cached records if the file holds exactly {@code expected} of them. */
  private static boolean readCache(Path cache, MemoryState licences, int expected)
      throws IOException {
    MemoryState loaded = new MemoryState();
    int count = 0;
    try (InputStream in = new BufferedInputStream(Files.newInputStream(cache))) {
      LicenseRecord record;
      while (count <= expected && (record = LicenseRecord.parseDelimitedFrom(in)) != null) {
        LicenseState.putNew(loaded, record);
        count++;
      }
    }
    if (count != expected) {
      return false;
    }
    loaded.entries().forEach(licences::put);
    return true;
  }

  private LicenseRecord issue(Task task) {
    Holder holder =
        task.citizen() ? population.citizen(task.index()) : population.enterprise(task.index());
    return population.issue(holder, task.typeKey(), departmentKeys, NOW).record(1);
  }

  private PullRequest verifyAndGrant(ServiceItem item, Holder person, Holder company)
      throws MalformedInputException {
    PrivateKey kiosk = terminalKeys.get(KIOSK);
    Hash verification =
        execute(
            ChainKind.IDENTITY,
            kiosk,
            IdentityLedger.RECORD_VERIFICATION,
            RecordVerification.newBuilder()
                .setSubject(person.holder().toByteString())
                .setMethod(VerificationMethod.ID_CARD_AND_FACE)
                .setAssurance(AssuranceLevel.HIGH)
                .setVerifiedAtMillis(NOW)
                .setResult(VerificationResult.PASSED)
                .build());
    for (var role : List.of(HolderRole.ROLE_APPLICANT, HolderRole.ROLE_ORGANIZATION)) {
      Hash subject = role == HolderRole.ROLE_APPLICANT ? person.holder() : company.holder();
      var grant =
          PopulationGenerator.grantFor(
              subject, item, role, verification, NOW, NOW + 86_400_000L, GrantMode.STANDING);
      execute(
          ChainKind.CONSENT,
          kiosk,
          ConsentLedger.GRANT,
          GrantConsent.newBuilder().setGrant(grant).build());
    }
    return new PullRequest(
        person.holder(),
        Optional.of(company.holder()),
        item.getCode(),
        kiosk.publicKey(),
        verification,
        NOW);
  }

  private Hash execute(ChainKind kind, PrivateKey signer, String type, Message payload)
      throws MalformedInputException {
    String nonceKey = kind + signer.publicKey().toHex();
    long nonce = nonces.merge(nonceKey, 1L, Long::sum);
    TransactionBody body =
        TransactionBody.newBuilder()
            .setChainId(subchains.network().chainId(kind).value())
            .setType(type)
            .setPayload(ByteString.copyFrom(Canonical.encode(payload)))
            .setSubmitter(signer.publicKey().toByteString())
            .setNonce(nonce)
            .setTimestampMillis(NOW)
            .build();
    Transaction transaction = Transactions.sign(suite, signer, body);
    DecodedTransaction decoded = Transactions.decode(suite, transaction);
    Map<ChainKind, StateReader> anchored = new EnumMap<>(ChainKind.class);
    subchains.ledger(kind).reads(type).forEach(other -> anchored.put(other, states.get(other)));
    Verdict verdict =
        subchains
            .ledger(kind)
            .execute(decoded, new ExecutionContext(++height, NOW, states.get(kind), anchored));
    if (!verdict.isAccepted()) {
      throw new IllegalStateException(
          type + " refused while building the benchmark state: " + verdict);
    }
    return decoded.id();
  }
}
