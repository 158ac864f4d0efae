package org.govchain.subchains.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.govchain.subchains.RefusalCode;
import org.govchain.subchains.Subchains;
import org.govchain.subchains.Verdict;
import org.govchain.subchains.dataset.DataSet;
import org.govchain.subchains.dataset.DataSetLoader;
import org.govchain.subchains.genesis.GenesisContent;
import org.govchain.subchains.genesis.GenesisExecution;
import org.govchain.subchains.genesis.GenesisKeys;
import org.govchain.subchains.population.PopulationGenerator;
import org.govchain.subchains.privacy.HolderKey;
import org.govchain.subchains.pull.ChainViews;
import org.govchain.subchains.state.MemoryState;

/**
 * A network's five chains in memory, started from the bundled data set's genesis, with every
 * department's and terminal's key: submit transactions as any of them and inspect the states.
 * Blocks are one transaction each; anchored reads see the other chains' latest state.
 */
public final class TestNetwork {
  public static final long GENESIS_MILLIS = 1_600_000_000_000L;
  public static final HolderKey HOLDER_KEY =
      HolderKey.of("govchain test holder-code key 32".getBytes(StandardCharsets.US_ASCII));

  private static DataSet cachedData;

  public final CryptoSuite suite;
  public final DataSet data;
  public final Subchains subchains;
  public final Map<ChainKind, MemoryState> states;
  private final Map<String, PrivateKey> departmentKeys = new LinkedHashMap<>();
  private final Map<String, PrivateKey> terminalKeys = new LinkedHashMap<>();
  private final Map<String, Long> nonces = new HashMap<>();
  private final Map<ChainKind, Long> heights = new EnumMap<>(ChainKind.class);
  private final SecureRandom random;
  private long nowMillis = GENESIS_MILLIS;

  private TestNetwork(CryptoSuite suite, long seed) throws Exception {
    this.suite = suite;
    this.data = dataSet();
    this.subchains = new Subchains(new Network("test"), suite);
    this.random = seededRandom(seed);
    Map<String, PublicKey> departments = new HashMap<>();
    for (DataSet.Department department : data.departments()) {
      KeyPair pair = suite.generateKeyPair(random);
      departmentKeys.put(department.nodeId(), pair.privateKey());
      departments.put(department.nodeId(), pair.publicKey());
    }
    Map<String, PublicKey> terminals = new HashMap<>();
    for (DataSet.Terminal terminal : data.terminals()) {
      KeyPair pair = suite.generateKeyPair(random);
      terminalKeys.put(terminal.terminalId(), pair.privateKey());
      terminals.put(terminal.terminalId(), pair.publicKey());
    }
    GenesisKeys keys =
        new GenesisKeys(departmentKeys.get(data.dataBureau().nodeId()), departments, terminals);
    var content =
        new GenesisContent(subchains.network(), suite, keys, GENESIS_MILLIS).generate(data);
    this.states = GenesisExecution.execute(subchains, content, GENESIS_MILLIS);
    for (ChainKind kind : ChainKind.values()) {
      heights.put(kind, 0L);
    }
    nonces.put(
        nonceKey(ChainKind.IDENTITY, keys.dataBureau().publicKey()),
        (long) content.get(ChainKind.IDENTITY).size());
    nonces.put(
        nonceKey(ChainKind.CATALOG, keys.dataBureau().publicKey()),
        (long) content.get(ChainKind.CATALOG).size());
    nonces.put(
        nonceKey(ChainKind.SERVICE, keys.dataBureau().publicKey()),
        (long) content.get(ChainKind.SERVICE).size());
  }

  private static final Map<String, TestNetwork> TEMPLATES = new HashMap<>();

  /** An independent copy of {@code template}: same keys, copied states. */
  private TestNetwork(TestNetwork template) {
    this.suite = template.suite;
    this.data = template.data;
    this.subchains = template.subchains;
    this.random = template.random;
    this.states = new EnumMap<>(ChainKind.class);
    template.states.forEach((kind, state) -> states.put(kind, state.copy()));
    this.departmentKeys.putAll(template.departmentKeys);
    this.terminalKeys.putAll(template.terminalKeys);
    this.nonces.putAll(template.nonces);
    this.heights.putAll(template.heights);
    this.nowMillis = template.nowMillis;
  }

  /** A network with the INTL suite (fast, deterministic signatures). */
  public static TestNetwork create() throws Exception {
    return create(CryptoSuite.intl(), 1);
  }

  /** A fresh network; genesis is computed once per suite and seed and copied. */
  public static synchronized TestNetwork create(CryptoSuite suite, long seed) throws Exception {
    String key = suite.id() + "/" + seed;
    TestNetwork template = TEMPLATES.get(key);
    if (template == null) {
      template = new TestNetwork(suite, seed);
      TEMPLATES.put(key, template);
    }
    return new TestNetwork(template);
  }

  public static synchronized DataSet dataSet() throws Exception {
    if (cachedData == null) {
      cachedData = DataSetLoader.bundled();
    }
    return cachedData;
  }

  public static SecureRandom seededRandom(long seed) throws NoSuchAlgorithmException {
    SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
    random.setSeed(seed);
    return random;
  }

  public PopulationGenerator population(long seed) {
    return new PopulationGenerator(data, suite, HOLDER_KEY, seed);
  }

  public PrivateKey department(String nodeId) {
    PrivateKey key = departmentKeys.get(nodeId);
    if (key == null) {
      throw new IllegalArgumentException("no department " + nodeId);
    }
    return key;
  }

  public PrivateKey dataBureau() {
    return department(data.dataBureau().nodeId());
  }

  public PrivateKey terminal(String terminalId) {
    PrivateKey key = terminalKeys.get(terminalId);
    if (key == null) {
      throw new IllegalArgumentException("no terminal " + terminalId);
    }
    return key;
  }

  /** Issuer keys by credit code, for the population generator. */
  public Map<String, PrivateKey> issuerKeys() {
    Map<String, PrivateKey> out = new HashMap<>();
    for (DataSet.Department department : data.departments()) {
      out.put(department.code(), departmentKeys.get(department.nodeId()));
    }
    return out;
  }

  public KeyPair newKeyPair() {
    return suite.generateKeyPair(random);
  }

  public long now() {
    return nowMillis;
  }

  public void setNow(long millis) {
    nowMillis = millis;
  }

  public void advanceMillis(long millis) {
    nowMillis += millis;
  }

  public MemoryState state(ChainKind kind) {
    return states.get(kind);
  }

  public ChainViews views() {
    return new ChainViews(
        states.get(ChainKind.LICENSE),
        states.get(ChainKind.IDENTITY),
        states.get(ChainKind.CONSENT),
        states.get(ChainKind.CATALOG),
        states.get(ChainKind.SERVICE));
  }

  /** A signed transaction with the signer's next nonce on that chain (not yet consumed). */
  public Transaction transaction(ChainKind kind, PrivateKey signer, String type, Message payload) {
    long nonce = nonces.getOrDefault(nonceKey(kind, signer.publicKey()), 0L) + 1;
    return transaction(kind, signer, type, Canonical.encodeToByteString(payload), nonce);
  }

  public Transaction transaction(
      ChainKind kind, PrivateKey signer, String type, ByteString payload, long nonce) {
    TransactionBody body =
        TransactionBody.newBuilder()
            .setChainId(subchains.network().chainId(kind).value())
            .setType(type)
            .setPayload(payload)
            .setSubmitter(signer.publicKey().toByteString())
            .setNonce(nonce)
            .setTimestampMillis(nowMillis)
            .build();
    return Transactions.sign(suite, signer, body);
  }

  /** Executes a signed transaction as the next block of its chain. */
  public Verdict execute(ChainKind kind, Transaction transaction) {
    try {
      DecodedTransaction decoded = Transactions.decode(suite, transaction);
      assertTrue(Transactions.verifySignature(suite, decoded));
      Map<ChainKind, StateReader> anchored = new EnumMap<>(ChainKind.class);
      for (ChainKind other : subchains.ledger(kind).reads(decoded.type())) {
        anchored.put(other, states.get(other));
      }
      long height = heights.get(kind) + 1;
      MemoryState state = states.get(kind);
      Verdict verdict =
          subchains
              .ledger(kind)
              .execute(decoded, new ExecutionContext(height, nowMillis, state, anchored));
      if (verdict.isAccepted()) {
        heights.put(kind, height);
        state.setHeight(height);
        String key = nonceKey(kind, decoded.submitter());
        nonces.put(key, Math.max(nonces.getOrDefault(key, 0L), decoded.nonce()));
      }
      return verdict;
    } catch (org.govchain.core.MalformedInputException e) {
      throw new AssertionError(e);
    }
  }

  /** Signs with the next nonce and executes. */
  public Verdict submit(ChainKind kind, PrivateKey signer, String type, Message payload) {
    return execute(kind, transaction(kind, signer, type, payload));
  }

  /** Submits and requires acceptance; returns the transaction's id (the record's id). */
  public Hash accept(ChainKind kind, PrivateKey signer, String type, Message payload) {
    Transaction transaction = transaction(kind, signer, type, payload);
    Verdict verdict = execute(kind, transaction);
    assertEquals(Verdict.ACCEPTED, verdict, () -> type + " refused: " + verdict);
    return Transactions.id(suite, transaction.getBody());
  }

  /** Submits, requires the refusal {@code code}, and checks that no chain changed. */
  public Verdict.Refused refuse(
      RefusalCode code, ChainKind kind, PrivateKey signer, String type, Message payload) {
    return refuse(code, kind, transaction(kind, signer, type, payload));
  }

  public Verdict.Refused refuse(RefusalCode code, ChainKind kind, Transaction transaction) {
    Map<ChainKind, Map<ByteString, ByteString>> before = snapshot();
    Verdict verdict = execute(kind, transaction);
    assertTrue(verdict instanceof Verdict.Refused, () -> "accepted, expected " + code);
    Verdict.Refused refused = (Verdict.Refused) verdict;
    assertEquals(code, refused.code(), refused::message);
    assertEquals(before, snapshot(), "a refused transaction changed state");
    return refused;
  }

  public Map<ChainKind, Map<ByteString, ByteString>> snapshot() {
    Map<ChainKind, Map<ByteString, ByteString>> out = new EnumMap<>(ChainKind.class);
    states.forEach((kind, state) -> out.put(kind, Map.copyOf(state.entries())));
    return out;
  }

  public Hash id(Transaction transaction) {
    return Transactions.id(suite, transaction.getBody());
  }

  public List<DataSet.Terminal> terminals() {
    return data.terminals();
  }

  /** The private key of the department with credit code {@code code}. */
  public PrivateKey departmentByCode(String code) {
    for (DataSet.Department department : data.departments()) {
      if (department.code().equals(code)) {
        return department(department.nodeId());
      }
    }
    throw new IllegalArgumentException("no department " + code);
  }

  /** Records a passed ID card + face verification of {@code subject} at the terminal, now. */
  public Hash verify(String terminalId, Hash subject) {
    return accept(
        ChainKind.IDENTITY,
        terminal(terminalId),
        org.govchain.subchains.identity.IdentityLedger.RECORD_VERIFICATION,
        org.govchain.subchains.proto.RecordVerification.newBuilder()
            .setSubject(subject.toByteString())
            .setMethod(org.govchain.subchains.proto.VerificationMethod.ID_CARD_AND_FACE)
            .setAssurance(org.govchain.subchains.proto.AssuranceLevel.HIGH)
            .setVerifiedAtMillis(nowMillis)
            .setResult(org.govchain.subchains.proto.VerificationResult.PASSED)
            .build());
  }

  /** Issues a generated licence through license.issue, signed by its issuer. */
  public org.govchain.subchains.population.IssuedLicense issue(
      org.govchain.subchains.population.PopulationGenerator population,
      org.govchain.subchains.population.Holder holder,
      String typeKey) {
    var issued = population.issue(holder, typeKey, issuerKeys(), nowMillis);
    accept(
        ChainKind.LICENSE,
        departmentByCode(issued.signed().getContent().getIssuerCode()),
        org.govchain.subchains.license.LicenseLedger.ISSUE,
        issued.signed());
    return issued;
  }

  /** Records a grant captured at the terminal. */
  public Hash grant(String terminalId, org.govchain.subchains.proto.Grant grant) {
    return accept(
        ChainKind.CONSENT,
        terminal(terminalId),
        org.govchain.subchains.consent.ConsentLedger.GRANT,
        org.govchain.subchains.proto.GrantConsent.newBuilder().setGrant(grant).build());
  }

  private static String nonceKey(ChainKind kind, PublicKey key) {
    return kind + "/" + key.toHex();
  }
}
