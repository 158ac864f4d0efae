package org.govchain.node.client;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.govchain.core.MalformedInputException;
import org.govchain.core.chain.Transactions;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.crypto.KeyCodec;
import org.govchain.core.crypto.PrivateKey;
import org.govchain.core.proto.Transaction;
import org.govchain.core.proto.TransactionBody;
import org.govchain.subchains.ChainKind;
import org.govchain.subchains.Network;
import org.govchain.subchains.dataset.DataSet;
import org.govchain.subchains.dataset.DataSetException;
import org.govchain.subchains.dataset.DataSetLoader;
import org.govchain.subchains.license.LicenseLedger;
import org.govchain.subchains.population.Holder;
import org.govchain.subchains.population.IssuedLicense;
import org.govchain.subchains.population.PopulationGenerator;
import org.govchain.subchains.privacy.HolderKey;

/**
 * Signed transactions of a network made by {@code govchain network init}, as its departments and
 * terminals would submit them: for end-to-end tests, load harnesses and demonstrations. Reads the
 * signing keys from the network directory; nonces grow from the current time in microseconds, so
 * they exceed the genesis nonces and any earlier run's.
 */
public final class Workload {
  private final Path directory;
  private final Network network;
  private final CryptoSuite suite;
  private final DataSet data;
  private final PopulationGenerator population;
  private final Map<String, PrivateKey> keys = new HashMap<>();
  private final Map<String, PrivateKey> issuerKeys = new HashMap<>();
  private final AtomicLong nonce = new AtomicLong(System.currentTimeMillis() * 1000);

  public Workload(Path directory, Network network, CryptoSuite suite, long seed)
      throws IOException {
    this.directory = directory;
    this.network = network;
    this.suite = suite;
    try {
      this.data = DataSetLoader.bundled();
    } catch (DataSetException e) {
      throw new IOException("the bundled data set does not load: " + e.getMessage(), e);
    }
    this.population =
        new PopulationGenerator(
            data,
            suite,
            HolderKey.of(
                suite
                    .hash(("govchain workload holder key " + seed).getBytes(StandardCharsets.UTF_8))
                    .toBytes()),
            seed);
    for (DataSet.Department department : data.departments()) {
      issuerKeys.put(department.code(), department(department.nodeId()));
    }
  }

  public DataSet data() {
    return data;
  }

  public PopulationGenerator population() {
    return population;
  }

  public CryptoSuite suite() {
    return suite;
  }

  public String chainId(ChainKind kind) {
    return network.chainId(kind).value();
  }

  /** A department's signing key, by node id (e.g. "market-regulation"). */
  public PrivateKey department(String nodeId) throws IOException {
    return key(directory.resolve("departments").resolve(nodeId).resolve("signing-key.pem"));
  }

  /** A terminal's signing key, by terminal id (e.g. "hd-kiosk-0001"). */
  public PrivateKey terminal(String terminalId) throws IOException {
    return key(directory.resolve("terminals").resolve(terminalId).resolve("signing-key.pem"));
  }

  private synchronized PrivateKey key(Path path) throws IOException {
    PrivateKey cached = keys.get(path.toString());
    if (cached == null) {
      try {
        cached = KeyCodec.privateKeyFromPem(Files.readString(path, StandardCharsets.US_ASCII));
      } catch (MalformedInputException e) {
        throw new IOException(path + ": " + e.getMessage(), e);
      }
      keys.put(path.toString(), cached);
    }
    return cached;
  }

  /** The next nonce: unique and growing across all signers of this workload. */
  public long nextNonce() {
    return nonce.incrementAndGet();
  }

  /** {@code payload} as a transaction of {@code type} on {@code kind}, signed by {@code signer}. */
  public Transaction transaction(
      ChainKind kind, String type, Message payload, PrivateKey signer, long nonce) {
    return transaction(kind, type, payload.toByteString(), signer, nonce);
  }

  /** A transaction of an already encoded payload (e.g. a pull plan's draft access record). */
  public Transaction transaction(
      ChainKind kind, String type, ByteString payload, PrivateKey signer, long nonce) {
    TransactionBody body =
        TransactionBody.newBuilder()
            .setChainId(chainId(kind))
            .setType(type)
            .setPayload(payload)
            .setSubmitter(signer.publicKey().toByteString())
            .setNonce(nonce)
            .setTimestampMillis(System.currentTimeMillis())
            .build();
    return Transactions.sign(suite, signer, body);
  }

  public Transaction transaction(ChainKind kind, String type, Message payload, PrivateKey signer) {
    return transaction(kind, type, payload, signer, nextNonce());
  }

  /**
   * A {@code license.issue} of the generated licence of type {@code typeKey} for {@code holder},
   * signed by the type's first issuer.
   */
  public Issue issue(Holder holder, String typeKey) {
    IssuedLicense issued =
        population.issue(holder, typeKey, issuerKeys, System.currentTimeMillis());
    PrivateKey issuer = issuerKeys.get(issued.signed().getContent().getIssuerCode());
    return new Issue(
        issued, transaction(ChainKind.LICENSE, LicenseLedger.ISSUE, issued.signed(), issuer));
  }

  /** A licence issue and its transaction. */
  public record Issue(IssuedLicense license, Transaction transaction) {}
}
