package org.govchain.subchains.genesis;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.govchain.core.MalformedInputException;
import org.govchain.core.chain.Transactions;
import org.govchain.core.codec.Canonical;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.crypto.PublicKey;
import org.govchain.core.proto.Transaction;
import org.govchain.core.proto.TransactionBody;
import org.govchain.subchains.ChainKind;
import org.govchain.subchains.Network;
import org.govchain.subchains.catalog.CatalogLedger;
import org.govchain.subchains.dataset.DataSet;
import org.govchain.subchains.identity.IdentityLedger;
import org.govchain.subchains.proto.DataResource;
import org.govchain.subchains.proto.DefineLicenseType;
import org.govchain.subchains.proto.DefineResource;
import org.govchain.subchains.proto.DefineServiceItem;
import org.govchain.subchains.proto.DepartmentRole;
import org.govchain.subchains.proto.LicenseType;
import org.govchain.subchains.proto.RegisterDepartment;
import org.govchain.subchains.proto.RegisterTerminal;
import org.govchain.subchains.proto.ServiceItem;
import org.govchain.subchains.service.ServiceLedger;

/**
 * The initial content of a network's five chains, produced from a data set: the identity chain
 * registers the data bureau (itself), then every department and terminal; the catalog chain defines
 * every licence type and data resource; the service chain defines every service item. The licence
 * and consent chains start empty. Every transaction is signed by the data bureau with nonces 1, 2,
 * 3... per chain, at the genesis time.
 */
public final class GenesisContent {
  private final Network network;
  private final CryptoSuite suite;
  private final GenesisKeys keys;
  private final long timestampMillis;

  public GenesisContent(
      Network network, CryptoSuite suite, GenesisKeys keys, long timestampMillis) {
    this.network = network;
    this.suite = suite;
    this.keys = keys;
    this.timestampMillis = timestampMillis;
  }

  /** The genesis transactions of each chain, in execution order within the chain. */
  public Map<ChainKind, List<Transaction>> generate(DataSet data) throws MalformedInputException {
    Map<ChainKind, List<Transaction>> out = new EnumMap<>(ChainKind.class);
    out.put(ChainKind.IDENTITY, identity(data));
    out.put(ChainKind.CATALOG, catalog(data));
    out.put(ChainKind.SERVICE, service(data));
    out.put(ChainKind.LICENSE, List.of());
    out.put(ChainKind.CONSENT, List.of());
    return out;
  }

  private List<Transaction> identity(DataSet data) throws MalformedInputException {
    Signer signer = new Signer(ChainKind.IDENTITY);
    DataSet.Department bureau = data.dataBureau();
    if (!keyOf(bureau.nodeId()).equals(keys.dataBureau().publicKey())) {
      throw new MalformedInputException(
          "the data bureau's key in the department keys is not the genesis signing key");
    }
    signer.add(IdentityLedger.REGISTER_DEPARTMENT, registration(bureau));
    for (DataSet.Department department : data.departments()) {
      if (department.role() != DepartmentRole.DATA_BUREAU) {
        signer.add(IdentityLedger.REGISTER_DEPARTMENT, registration(department));
      }
    }
    for (DataSet.Terminal terminal : data.terminals()) {
      PublicKey key = keys.terminals().get(terminal.terminalId());
      if (key == null) {
        throw new MalformedInputException("no public key for terminal " + terminal.terminalId());
      }
      signer.add(
          IdentityLedger.REGISTER_TERMINAL,
          RegisterTerminal.newBuilder()
              .setTerminalId(terminal.terminalId())
              .setKind(terminal.kind())
              .setOperatorCode(terminal.operatorCode())
              .setPublicKey(key.toByteString())
              .setLocation(terminal.location())
              .build());
    }
    return signer.transactions;
  }

  private RegisterDepartment registration(DataSet.Department department)
      throws MalformedInputException {
    return RegisterDepartment.newBuilder()
        .setCode(department.code())
        .setNodeId(department.nodeId())
        .setName(department.name())
        .setNameZh(department.nameZh())
        .setRole(department.role())
        .setPublicKey(keyOf(department.nodeId()).toByteString())
        .build();
  }

  private PublicKey keyOf(String nodeId) throws MalformedInputException {
    PublicKey key = keys.departments().get(nodeId);
    if (key == null) {
      throw new MalformedInputException("no public key for department " + nodeId);
    }
    return key;
  }

  private List<Transaction> catalog(DataSet data) {
    Signer signer = new Signer(ChainKind.CATALOG);
    for (LicenseType type : data.licenseTypes().values()) {
      signer.add(
          CatalogLedger.DEFINE_LICENSE_TYPE,
          DefineLicenseType.newBuilder().setLicenseType(type).build());
    }
    for (DataResource resource : data.resources()) {
      signer.add(
          CatalogLedger.DEFINE_RESOURCE, DefineResource.newBuilder().setResource(resource).build());
    }
    return signer.transactions;
  }

  private List<Transaction> service(DataSet data) {
    Signer signer = new Signer(ChainKind.SERVICE);
    for (ServiceItem item : data.serviceItems().values()) {
      signer.add(ServiceLedger.DEFINE_ITEM, DefineServiceItem.newBuilder().setItem(item).build());
    }
    return signer.transactions;
  }

  /** Signs one chain's genesis transactions with consecutive nonces. */
  private final class Signer {
    private final ChainKind kind;
    private final List<Transaction> transactions = new ArrayList<>();

    Signer(ChainKind kind) {
      this.kind = kind;
    }

    void add(String type, Message payload) {
      TransactionBody body =
          TransactionBody.newBuilder()
              .setChainId(network.chainId(kind).value())
              .setType(type)
              .setPayload(ByteString.copyFrom(Canonical.encode(payload)))
              .setSubmitter(keys.dataBureau().publicKey().toByteString())
              .setNonce(transactions.size() + 1L)
              .setTimestampMillis(timestampMillis)
              .build();
      transactions.add(Transactions.sign(suite, keys.dataBureau(), body));
    }
  }
}
