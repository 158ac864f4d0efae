package org.govchain.node.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.govchain.core.chain.Blocks;
import org.govchain.core.chain.Transactions;
import org.govchain.core.codec.Canonical;
import org.govchain.core.crypto.Hash;
import org.govchain.core.crypto.PrivateKey;
import org.govchain.core.proto.Block;
import org.govchain.core.proto.BlockHeader;
import org.govchain.core.proto.CommitCertificate;
import org.govchain.core.proto.Transaction;
import org.govchain.core.proto.TransactionBody;
import org.govchain.node.chain.ChainSetup;
import org.govchain.node.cli.GovchainCommand;
import org.govchain.subchains.ChainKind;
import org.govchain.subchains.catalog.CatalogLedger;
import org.govchain.subchains.dataset.DataSet;
import org.govchain.subchains.proto.DataResource;
import org.govchain.subchains.proto.DefineResource;
import org.govchain.subchains.proto.SignedLicense;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replay on a real data directory (blocks built by the node's executor on RocksDB, certified by
 * three of four validators' real votes) and on its exports: passes on the originals and fails,
 * naming chain, height and reason, on copies with one changed byte of a block, one transaction
 * signature, one certificate vote, one stored state value.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplayTest {
  private Path directory;
  private CertifiedNetwork network;
  private long licenceHeight;
  private long catalogHeight;
  private int transactions;

  @BeforeAll
  void buildChains(@TempDir Path temporary) throws Exception {
    directory = temporary;
    network = new CertifiedNetwork(directory.resolve("network"));
    catalogHeight = network.commit(ChainKind.CATALOG, List.of(resourceVersion(1)));
    for (int block = 0; block < 3; block++) {
      licenceHeight = network.commit(ChainKind.LICENSE, network.licenceIssues(100 + block * 5, 5));
    }
    catalogHeight = network.commit(ChainKind.CATALOG, List.of(resourceVersion(2)));
    licenceHeight = network.commit(ChainKind.LICENSE, network.licenceIssues(200, 4));
    transactions = 2 + 3 * 5 + 4;
    network.close();
  }

  @AfterAll
  void close() {
    network.close();
  }

  private Transaction resourceVersion(int step) throws Exception {
    DataResource resource = network.workload.data().resources().get(0);
    return network.workload.transaction(
        ChainKind.CATALOG,
        CatalogLedger.DEFINE_RESOURCE,
        DefineResource.newBuilder()
            .setResource(
                resource.toBuilder()
                    .setVersion(resource.getVersion() + step)
                    .setUpdatedHeight(0)
                    .setSummary("version " + step))
            .build(),
        network.workload.department("data-bureau"));
  }

  private Replayer replayer() {
    return new Replayer(network.chains, directory, 2, 16);
  }

  private ReplayReport replayData(Path data) throws Exception {
    try (DataDirectory opened = DataDirectory.open(data, network.chains)) {
      List<ChainSource> sources = new ArrayList<>();
      network.chains.all().forEach(chain -> sources.add(opened.source(chain)));
      return replayer().replay(sources);
    }
  }

  private ReplayReport replayExports(List<Path> files) throws Exception {
    List<ChainSource> sources = new ArrayList<>();
    try {
      for (Path file : files) {
        sources.add(ExportReader.open(file));
      }
      return replayer().replay(sources);
    } finally {
      sources.forEach(ChainSource::close);
    }
  }

  private Map<String, Path> exportAll(Path data, String tag) throws Exception {
    Map<String, Path> files = new TreeMap<>();
    try (DataDirectory opened = DataDirectory.open(data, network.chains)) {
      for (ChainSetup chain : network.chains.all()) {
        Path file = directory.resolve(tag + "-" + chain.id().value() + ".export");
        Exporter.export(opened, chain, 0, -1, file);
        files.put(chain.id().value(), file);
      }
    }
    return files;
  }

  private String licenceChain() {
    return network.chain(ChainKind.LICENSE).id().value();
  }

  private static Map<String, Long> listing(Path data) throws Exception {
    Map<String, Long> files = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(data)) {
      for (Path path : paths.filter(Files::isRegularFile).toList()) {
        files.put(
            data.relativize(path).toString(),
            Files.size(path) ^ Files.getLastModifiedTime(path).toMillis());
      }
    }
    return files;
  }

  @Test
  void replayPassesOnTheDataDirectoryAndLeavesItUntouched() throws Exception {
    Map<String, Long> before = listing(network.data);
    ReplayReport report = replayData(network.data);
    assertEquals(5, report.chains().size());
    assertEquals(transactions, report.transactions() - genesisTransactions(report));
    assertTrue(report.storedStateCompared());
    assertEquals(licenceHeight, lastHeight(report, ChainKind.LICENSE));
    assertEquals(catalogHeight, lastHeight(report, ChainKind.CATALOG));
    assertEquals(before, listing(network.data), "the read-only replay changed no file");
  }

  private long genesisTransactions(ReplayReport report) {
    long genesis = 0;
    for (ChainSetup chain : network.chains.all()) {
      genesis += chain.genesis().getTransactionsCount();
    }
    return genesis;
  }

  private long lastHeight(ReplayReport report, ChainKind kind) {
    return report.chains().stream()
        .filter(c -> c.chain().equals(network.chain(kind).id()))
        .findFirst()
        .orElseThrow()
        .lastHeight();
  }

  @Test
  void replayPassesOnExportsAndTheirFormatIsChecked() throws Exception {
    Map<String, Path> files = exportAll(network.data, "good");
    ReplayReport report = replayExports(List.copyOf(files.values()));
    assertFalse(report.storedStateCompared());
    assertEquals(transactions, report.transactions() - genesisTransactions(report));

    // The licence chain alone: its first block anchors catalog height 1, which nothing holds.
    ReplayException missing =
        assertThrows(
            ReplayException.class, () -> replayExports(List.of(files.get(licenceChain()))));
    assertEquals(ReplayProblem.MISSING_ANCHOR, missing.problem());
    assertEquals(1, missing.height());
    assertTrue(missing.reason().contains("height 1 of chain haidian-catalog"), missing.reason());

    // Cut short: the trailer and part of the last record are gone.
    Path licence = files.get(licenceChain());
    byte[] bytes = Files.readAllBytes(licence);
    Path truncated = directory.resolve("truncated.export");
    Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length - 40));
    List<Path> withTruncated = new ArrayList<>(files.values());
    withTruncated.set(withTruncated.indexOf(licence), truncated);
    ReplayException cut = assertThrows(ReplayException.class, () -> replayExports(withTruncated));
    assertEquals(ReplayProblem.UNREADABLE, cut.problem());
    assertEquals(licenceHeight, cut.height());
    assertEquals(licenceChain(), cut.chain().value());

    // Not an export at all.
    Path garbage = directory.resolve("garbage.export");
    Files.write(garbage, new byte[] {1, 2, 3});
    assertThrows(ExportFormatException.class, () -> ExportReader.open(garbage));
  }

  @Test
  void theCommandLineExportsAndReplays() throws Exception {
    List<String> genesis = new ArrayList<>();
    network.genesisFiles.forEach(file -> genesis.add(file.toString()));
    List<String> replayArgs = new ArrayList<>(List.of("replay", "--scratch", directory.toString()));
    genesis.forEach(file -> replayArgs.addAll(List.of("--genesis", file)));
    List<String> onData = new ArrayList<>(replayArgs);
    onData.addAll(List.of("--data", network.data.toString()));
    String[] output = run(onData);
    assertEquals("0", output[0], output[2]);
    assertTrue(output[1].startsWith("replay OK: 5 chains"), output[1]);

    List<String> exportArgs = new ArrayList<>(List.of("export", "--data", network.data.toString()));
    genesis.forEach(file -> exportArgs.addAll(List.of("--genesis", file)));
    Path out = directory.resolve("cli-catalog.export");
    exportArgs.addAll(
        List.of("--chain", network.chain(ChainKind.CATALOG).id().value(), "--out", out.toString()));
    output = run(exportArgs);
    assertEquals("0", output[0], output[2]);
    List<String> onExport = new ArrayList<>(replayArgs);
    onExport.addAll(List.of("--export", out.toString()));
    output = run(onExport);
    assertEquals("0", output[0], output[2]);
    assertTrue(output[1].contains("stored state compared: no"), output[1]);
  }

  private static String[] run(List<String> args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    picocli.CommandLine commandLine = GovchainCommand.newCommandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exitCode = commandLine.execute(args.toArray(String[]::new));
    return new String[] {Integer.toString(exitCode), out.toString(), err.toString()};
  }

  @Test
  void oneChangedByteOfABlockHeaderBreaksItsCertificate() throws Exception {
    Path copy = RawStore.copy(network.data, directory.resolve("block-byte"));
    long height = 2;
    RawStore.editBlock(copy, licenceChain(), height, flipInStateRoot());
    ReplayException failure = assertThrows(ReplayException.class, () -> replayData(copy));
    assertEquals(licenceChain(), failure.chain().value());
    assertEquals(height, failure.height());
    assertEquals(ReplayProblem.CERTIFICATE, failure.problem());
    assertTrue(failure.reason().startsWith("WRONG_BLOCK"), failure.reason());
  }

  /** Flips one bit of the header's state root inside the encoded block. */
  private static UnaryOperator<byte[]> flipInStateRoot() {
    return encoded -> {
      Block block = parse(encoded);
      byte[] root = block.getHeader().getStateRoot().toByteArray();
      int at = indexOf(encoded, root);
      byte[] edited = encoded.clone();
      edited[at + 7] ^= 0x10;
      return edited;
    };
  }

  @Test
  void oneChangedTransactionSignatureIsNamed() throws Exception {
    Path copy = RawStore.copy(network.data, directory.resolve("signature"));
    long height = 3;
    RawStore.editBlock(
        copy,
        licenceChain(),
        height,
        encoded -> {
          byte[] signature = parse(encoded).getTransactions(2).getSignature().toByteArray();
          int at = indexOf(encoded, signature);
          byte[] edited = encoded.clone();
          edited[at + signature.length - 5] ^= 0x01;
          return edited;
        });
    ReplayException failure = assertThrows(ReplayException.class, () -> replayData(copy));
    assertEquals(licenceChain(), failure.chain().value());
    assertEquals(height, failure.height());
    assertEquals(ReplayProblem.SIGNATURE, failure.problem());
    assertTrue(failure.reason().startsWith("transaction 2 "), failure.reason());
  }

  @Test
  void oneChangedCertificateVoteInAnExportIsNamed() throws Exception {
    Map<String, Path> files = exportAll(network.data, "vote");
    long height = 2;
    Path forged = rewrite(files.get(licenceChain()), height, true);
    files.put(licenceChain(), forged);
    ReplayException failure =
        assertThrows(ReplayException.class, () -> replayExports(List.copyOf(files.values())));
    assertEquals(licenceChain(), failure.chain().value());
    assertEquals(height, failure.height());
    assertEquals(ReplayProblem.CERTIFICATE, failure.problem());
    assertTrue(failure.reason().startsWith("BAD_SIGNATURE"), failure.reason());
  }

  @Test
  void oneChangedSignatureInAnExportIsNamed() throws Exception {
    Map<String, Path> files = exportAll(network.data, "export-signature");
    long height = 1;
    files.put(licenceChain(), rewrite(files.get(licenceChain()), height, false));
    ReplayException failure =
        assertThrows(ReplayException.class, () -> replayExports(List.copyOf(files.values())));
    assertEquals(height, failure.height());
    assertEquals(ReplayProblem.SIGNATURE, failure.problem());
  }

  /**
   * The issuer signature inside a licence issue is checked by the verification pipeline (the
   * ledger's stateless check), not again during execution: a block whose licence issue carries a
   * forged issuer signature, under a valid transaction signature and a valid certificate, still
   * fails, naming the transaction.
   */
  @Test
  void aForgedIssuerSignatureUnderValidSignaturesIsNamed() throws Exception {
    Map<String, Path> files = exportAll(network.data, "issuer");
    ChainSetup chain = network.chain(ChainKind.LICENSE);
    Path out =
        copyChanging(
            files.get(licenceChain()),
            "forged-issuer-",
            licenceHeight,
            stored -> {
              Block block = withForgedIssuerSignature(chain, stored.block(), 1);
              Hash hash = Blocks.hash(chain.suite(), block.getHeader());
              return new Stored(
                  block, java.util.Optional.of(network.certify(chain, licenceHeight, hash)));
            });
    files.put(licenceChain(), out);
    ReplayException failure =
        assertThrows(ReplayException.class, () -> replayExports(List.copyOf(files.values())));
    assertEquals(licenceChain(), failure.chain().value());
    assertEquals(licenceHeight, failure.height());
    assertEquals(ReplayProblem.MALFORMED_TRANSACTION, failure.problem());
    assertTrue(failure.reason().startsWith("transaction 1 "), failure.reason());
    assertTrue(failure.reason().contains("ISSUER_SIGNATURE_INVALID"), failure.reason());
  }

  /**
   * {@code block} with transaction {@code index}'s issuer signature bit-flipped, the transaction
   * signed again by its submitter and the header's transactions root recomputed.
   */
  private Block withForgedIssuerSignature(ChainSetup chain, Block block, int index)
      throws Exception {
    Transaction original = block.getTransactions(index);
    TransactionBody body = TransactionBody.parseFrom(original.getBody());
    SignedLicense licence = SignedLicense.parseFrom(body.getPayload());
    byte[] signature = licence.getIssuerSignature().toByteArray();
    signature[signature.length - 3] ^= 0x01;
    SignedLicense forged =
        licence.toBuilder()
            .setIssuerSignature(com.google.protobuf.ByteString.copyFrom(signature))
            .build();
    PrivateKey submitter = null;
    for (DataSet.Department department : network.workload.data().departments()) {
      PrivateKey key = network.workload.department(department.nodeId());
      if (key.publicKey().toByteString().equals(body.getSubmitter())) {
        submitter = key;
      }
    }
    Transaction resigned =
        Transactions.sign(
            chain.suite(),
            submitter,
            body.toBuilder().setPayload(Canonical.encodeToByteString(forged)).build());
    Block changed = block.toBuilder().setTransactions(index, resigned).build();
    BlockHeader header =
        changed.getHeader().toBuilder()
            .setTransactionsRoot(Blocks.transactionsRoot(chain.suite(), changed).toByteString())
            .build();
    return changed.toBuilder().setHeader(header).build();
  }

  /**
   * A copy of an export with, at {@code height}, one vote's or one transaction's signature bit
   * flipped.
   */
  private Path rewrite(Path file, long height, boolean vote) throws Exception {
    return copyChanging(
        file,
        "forged-",
        height,
        stored -> {
          if (vote) {
            CommitCertificate original = stored.certificate().orElseThrow();
            byte[] signature = original.getVotes(1).getSignature().toByteArray();
            signature[signature.length - 3] ^= 0x01;
            return new Stored(
                stored.block(),
                java.util.Optional.of(
                    original.toBuilder()
                        .setVotes(
                            1,
                            original.getVotes(1).toBuilder()
                                .setSignature(com.google.protobuf.ByteString.copyFrom(signature)))
                        .build()));
          }
          Transaction transaction = stored.block().getTransactions(0);
          byte[] signature = transaction.getSignature().toByteArray();
          signature[signature.length - 3] ^= 0x01;
          return new Stored(
              stored.block().toBuilder()
                  .setTransactions(
                      0,
                      transaction.toBuilder()
                          .setSignature(com.google.protobuf.ByteString.copyFrom(signature)))
                  .build(),
              stored.certificate());
        });
  }

  /** A block of an export and its certificate. */
  private record Stored(Block block, java.util.Optional<CommitCertificate> certificate) {}

  /** What a test does to one stored block. */
  private interface Change {
    Stored apply(Stored stored) throws Exception;
  }

  /**
   * A copy of the licence chain's export {@code file} (named with {@code prefix}) in which the
   * block at {@code height} and its certificate are what {@code change} makes of them.
   */
  private Path copyChanging(Path file, String prefix, long height, Change change) throws Exception {
    Path out = file.resolveSibling(prefix + file.getFileName());
    ChainSetup chain = network.chain(ChainKind.LICENSE);
    try (ExportReader reader = ExportReader.open(file);
        ExportWriter writer =
            ExportWriter.create(
                out, chain.suite(), chain.id(), reader.genesis(), 0, reader.lastHeight())) {
      for (var next = reader.next(); next.isPresent(); next = reader.next()) {
        Stored stored = new Stored(next.get().block(), next.get().certificate());
        if (next.get().height() == height) {
          stored = change.apply(stored);
        }
        writer.append(stored.block(), stored.certificate());
      }
      writer.finish();
    }
    return out;
  }

  @Test
  void oneChangedStoredStateValueIsNamed() throws Exception {
    Path copy = RawStore.copy(network.data, directory.resolve("state"));
    RawStore.editFirstStateValue(copy, licenceChain(), 16);
    ReplayException failure = assertThrows(ReplayException.class, () -> replayData(copy));
    assertEquals(licenceChain(), failure.chain().value());
    assertEquals(licenceHeight, failure.height());
    assertEquals(ReplayProblem.STORED_STATE, failure.problem());
    assertTrue(failure.reason().startsWith("the stored value of key "), failure.reason());
  }

  @Test
  void anotherGenesisIsRefused() throws Exception {
    Map<String, Path> files = exportAll(network.data, "genesis");
    try (CertifiedNetwork other = new CertifiedNetwork(directory.resolve("other"))) {
      Replayer replayer = new Replayer(other.chains, directory, 2, 16);
      List<ChainSource> sources = new ArrayList<>();
      try {
        sources.add(ExportReader.open(files.get(licenceChain())));
        ReplayException failure =
            assertThrows(ReplayException.class, () -> replayer.replay(sources));
        assertEquals(ReplayProblem.GENESIS_MISMATCH, failure.problem());
        assertEquals(0, failure.height());
      } finally {
        sources.forEach(ChainSource::close);
      }
    }
  }

  private static Block parse(byte[] encoded) {
    try {
      return Canonical.decode(Block.parser(), encoded, encoded.length, "block");
    } catch (org.govchain.core.MalformedInputException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      boolean match = true;
      for (int j = 0; j < needle.length && match; j++) {
        match = haystack[i + j] == needle[j];
      }
      if (match) {
        return i;
      }
    }
    throw new IllegalStateException("not found");
  }
}
