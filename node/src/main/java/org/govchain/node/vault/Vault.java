package org.govchain.node.vault;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.crypto.Hash;
import org.govchain.subchains.privacy.ItemCommitments;
import org.govchain.subchains.proto.ItemCommitment;
import org.govchain.subchains.proto.LicenseRecord;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The issuing departments' vault on one node: licence item values and salts, encrypted at rest
 * (SM4-GCM under the SM suite, AES-256-GCM under INTL) in a RocksDB instance of its own, released
 * item by item only against a committed access record on the consent chain. See docs/vault.md.
 *
 * <p>Thread-safe: releases run concurrently; deposits and {@link #close()} are exclusive.
 */
public final class Vault implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Vault.class);

  /** The header's key check value: 16 zero bytes sealed under the vault key. */
  private static final int CHECK_BYTES = 16;

  static {
    RocksDB.loadLibrary();
  }

  private final Path directory;
  private final CryptoSuite suite;
  private final VaultCipher cipher;
  private final Set<String> departments;
  private final VaultLimits limits;
  private final SecureRandom random;
  private final ReleaseRules rules;
  private final Options options;
  private final WriteOptions writeOptions;
  private final RocksDB db;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private long licenseCount;
  private boolean closed;

  private Vault(
      Path directory,
      CryptoSuite suite,
      VaultCipher cipher,
      Set<String> departments,
      VaultLimits limits,
      SecureRandom random,
      Options options,
      RocksDB db) {
    this.directory = directory;
    this.suite = suite;
    this.cipher = cipher;
    this.departments = Set.copyOf(departments);
    this.limits = limits;
    this.random = random;
    this.rules = new ReleaseRules(departments, limits);
    this.options = options;
    this.writeOptions = new WriteOptions().setSync(true);
    this.db = db;
  }

  /**
   * Opens (or creates, when {@code directory} is absent or empty) the vault of {@code departments}
   * (credit codes) at {@code directory}: a directory of its own, never the chain store's.
   */
  public static Vault open(
      Path directory,
      VaultKey key,
      CryptoSuite suite,
      Set<String> departments,
      VaultLimits limits,
      SecureRandom random)
      throws VaultOpenException {
    if (departments.isEmpty()) {
      throw new IllegalArgumentException("a vault keeps at least one department's licences");
    }
    createDirectory(directory);
    Options options =
        new Options()
            .setCreateIfMissing(true)
            .setInfoLogLevel(InfoLogLevel.WARN_LEVEL)
            .setKeepLogFileNum(2);
    RocksDB db;
    try {
      db = RocksDB.open(options, directory.toString());
    } catch (RocksDBException e) {
      options.close();
      throw new VaultOpenException(
          "the vault at " + directory + " does not open: " + e.getMessage(), e);
    }
    Vault vault =
        new Vault(
            directory,
            suite,
            VaultCipher.forSuite(suite.id(), key),
            departments,
            limits,
            random,
            options,
            db);
    try {
      vault.checkOrCreateHeader();
    } catch (VaultOpenException | RuntimeException e) {
      vault.close();
      throw e;
    }
    LOG.info(
        "vault {}: {} licences of {}, {}",
        directory,
        vault.licenseCount,
        vault.departments,
        vault.cipher.algorithm().displayName());
    return vault;
  }

  public Set<String> departments() {
    return departments;
  }

  public long licenseCount() {
    lock.readLock().lock();
    try {
      return licenseCount;
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Stores a licence's item values and salts. {@code onChain} is the record read from the committed
   * licence chain; every committed item must be given, and every value and salt must open its
   * commitment. Depositing the same values again changes nothing.
   */
  public DepositResult deposit(LicenseRecord onChain, Map<String, ItemOpening> openings) {
    lock.writeLock().lock();
    try {
      requireOpen();
      Map<String, Hash> commitments = checkDeposit(onChain, openings);
      String department = onChain.getContent().getIssuerCode();
      String licenseId = onChain.getContent().getLicenseId();
      byte[] marker = get(VaultRecords.licenseKey(department, licenseId));
      if (marker != null) {
        requireSameAsStored(department, licenseId, commitments, openings);
        return new DepositResult.Stored(licenseId, openings.size(), true);
      }
      if (licenseCount >= limits.licensesMax()) {
        return new VaultRefused(
            VaultRefusal.VAULT_FULL, "the vault holds " + licenseCount + " licences, its limit");
      }
      write(department, licenseId, openings);
      return new DepositResult.Stored(licenseId, openings.size(), false);
    } catch (RefusedException e) {
      return e.toResult();
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Releases items of a licence under a committed access record, checked against the chains at the
   * heights of {@code views}. Each value is checked against its on-chain commitment before it
   * leaves.
   */
  public ReleaseResult release(ReleaseViews views, ReleaseRequest request) {
    lock.readLock().lock();
    try {
      requireOpen();
      ReleaseRules.Authorized authorized = rules.authorize(views, request);
      LicenseRecord license = authorized.license();
      Map<String, Hash> commitments = commitments(license);
      String department = license.getContent().getIssuerCode();
      String licenseId = request.licenseId();
      List<ReleasedItem> items = new ArrayList<>();
      for (String item : authorized.itemCodes()) {
        Hash commitment = commitments.get(item);
        Optional<ItemOpening> opening = read(department, licenseId, item);
        if (commitment == null || opening.isEmpty()) {
          throw new RefusedException(
              VaultRefusal.NOT_DEPOSITED,
              "the vault holds no value of item " + item + " of licence " + licenseId);
        }
        requireOpens(commitment, department, licenseId, item, opening.get());
        items.add(new ReleasedItem(item, opening.get().value(), opening.get().salt()));
      }
      return new ReleaseResult.Released(licenseId, items);
    } catch (RefusedException e) {
      return e.toResult();
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      db.close();
      writeOptions.close();
      options.close();
    } finally {
      lock.writeLock().unlock();
    }
  }

  // Deposit.

  private Map<String, Hash> checkDeposit(LicenseRecord onChain, Map<String, ItemOpening> openings)
      throws RefusedException {
    String licenseId = onChain.getContent().getLicenseId();
    String issuer = onChain.getContent().getIssuerCode();
    if (!departments.contains(issuer)) {
      throw new RefusedException(
          VaultRefusal.NOT_KEPT_HERE,
          "licence " + licenseId + " is issued by " + issuer + ", whose vault is not kept here");
    }
    if (openings.isEmpty()
        || openings.size() > limits.itemsPerLicenseMax()
        || !VaultRecords.fits(licenseId)
        || !VaultRecords.fits(issuer)) {
      throw new RefusedException(
          VaultRefusal.MALFORMED_REQUEST,
          "a deposit holds 1.." + limits.itemsPerLicenseMax() + " items of a well-formed licence");
    }
    Map<String, Hash> commitments = commitments(onChain);
    for (String item : openings.keySet()) {
      if (!commitments.containsKey(item)) {
        throw new RefusedException(
            VaultRefusal.ITEMS_DO_NOT_MATCH,
            "licence " + licenseId + " commits to no item " + item);
      }
    }
    for (String item : commitments.keySet()) {
      ItemOpening opening = openings.get(item);
      if (opening == null) {
        throw new RefusedException(
            VaultRefusal.ITEMS_DO_NOT_MATCH,
            "item " + item + " of licence " + licenseId + " is committed but not deposited");
      }
      checkOpening(licenseId, item, commitments.get(item), opening);
    }
    return commitments;
  }

  private void checkOpening(String licenseId, String item, Hash commitment, ItemOpening opening)
      throws RefusedException {
    int valueBytes = opening.value().getBytes(StandardCharsets.UTF_8).length;
    if (opening.salt().size() != ItemCommitments.SALT_BYTES
        || valueBytes > limits.valueBytesMax()) {
      throw new RefusedException(
          VaultRefusal.MALFORMED_REQUEST,
          "item "
              + item
              + ": a salt is "
              + ItemCommitments.SALT_BYTES
              + " bytes and a value at most "
              + limits.valueBytesMax()
              + " bytes");
    }
    if (!ItemCommitments.opens(
        suite, commitment, licenseId, item, opening.salt(), opening.value())) {
      throw new RefusedException(
          VaultRefusal.COMMITMENT_MISMATCH,
          "the value and salt of item "
              + item
              + " do not open licence "
              + licenseId
              + "'s commitment");
    }
  }

  private void requireSameAsStored(
      String department,
      String licenseId,
      Map<String, Hash> commitments,
      Map<String, ItemOpening> openings) {
    for (Map.Entry<String, ItemOpening> entry : openings.entrySet()) {
      Optional<ItemOpening> stored = read(department, licenseId, entry.getKey());
      boolean same =
          stored.isPresent()
              && stored.get().value().equals(entry.getValue().value())
              && stored.get().salt().equals(entry.getValue().salt());
      if (!same) {
        throw new VaultIntegrityException(
            "licence "
                + department
                + "/"
                + licenseId
                + " is stored with other values than a deposit that opens the same"
                + " commitments, or is missing item "
                + entry.getKey());
      }
      requireOpens(
          commitments.get(entry.getKey()), department, licenseId, entry.getKey(), stored.get());
    }
  }

  private void write(String department, String licenseId, Map<String, ItemOpening> openings) {
    int algorithmId = cipher.algorithm().id();
    try (WriteBatch batch = new WriteBatch()) {
      for (Map.Entry<String, ItemOpening> entry : openings.entrySet()) {
        byte[] nonce = new byte[VaultCipher.NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] aad = VaultRecords.itemAad(algorithmId, department, licenseId, entry.getKey());
        byte[] sealed = cipher.seal(nonce, VaultRecords.plaintext(entry.getValue()), aad);
        batch.put(
            VaultRecords.itemKey(department, licenseId, entry.getKey()),
            VaultRecords.record(algorithmId, nonce, sealed));
      }
      batch.put(
          VaultRecords.licenseKey(department, licenseId), new byte[] {(byte) openings.size()});
      batch.put(VaultRecords.countKey(), VaultRecords.u64(licenseCount + 1));
      db.write(writeOptions, batch);
      licenseCount++;
    } catch (RocksDBException e) {
      throw new VaultStorageException("the vault at " + directory + " cannot write", e);
    }
  }

  // Reading.

  private Optional<ItemOpening> read(String department, String licenseId, String item) {
    byte[] record = get(VaultRecords.itemKey(department, licenseId, item));
    if (record == null) {
      return Optional.empty();
    }
    String place = department + "/" + licenseId + "/" + item;
    int algorithmId = cipher.algorithm().id();
    if (record.length < VaultRecords.HEADER_BYTES + VaultCipher.TAG_BYTES
        || record[0] != VaultRecords.FORMAT_VERSION
        || record[1] != algorithmId) {
      throw new VaultIntegrityException(
          "vault record " + place + " is not a version-1 record of this vault");
    }
    byte[] nonce = Arrays.copyOfRange(record, 2, VaultRecords.HEADER_BYTES);
    byte[] sealed = Arrays.copyOfRange(record, VaultRecords.HEADER_BYTES, record.length);
    byte[] plaintext =
        cipher
            .open(nonce, sealed, VaultRecords.itemAad(algorithmId, department, licenseId, item))
            .orElseThrow(
                () ->
                    new VaultIntegrityException(
                        "vault record "
                            + place
                            + " fails authentication: altered, moved from another place, or"
                            + " written under another key"));
    if (plaintext.length < ItemCommitments.SALT_BYTES) {
      throw new VaultIntegrityException("vault record " + place + " is shorter than a salt");
    }
    return Optional.of(VaultRecords.opening(plaintext));
  }

  private void requireOpens(
      Hash commitment, String department, String licenseId, String item, ItemOpening opening) {
    if (!ItemCommitments.opens(
        suite, commitment, licenseId, item, opening.salt(), opening.value())) {
      throw new VaultIntegrityException(
          "vault record "
              + department
              + "/"
              + licenseId
              + "/"
              + item
              + " does not open the licence's on-chain commitment");
    }
  }

  private static Map<String, Hash> commitments(LicenseRecord license) {
    Map<String, Hash> out = new HashMap<>();
    for (ItemCommitment item : license.getContent().getItemsList()) {
      out.put(item.getItemCode(), Hash.of(item.getCommitment().toByteArray()));
    }
    return out;
  }

  private byte[] get(byte[] key) {
    try {
      return db.get(key);
    } catch (RocksDBException e) {
      throw new VaultStorageException("the vault at " + directory + " cannot be read", e);
    }
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("the vault at " + directory + " is closed");
    }
  }

  // Header.

  private void checkOrCreateHeader() throws VaultOpenException {
    byte[] meta = get(VaultRecords.metaKey());
    int algorithmId = cipher.algorithm().id();
    if (meta == null) {
      createHeader(algorithmId);
      return;
    }
    if (meta.length != VaultRecords.HEADER_BYTES + VaultCipher.TAG_BYTES + CHECK_BYTES
        || meta[0] != VaultRecords.FORMAT_VERSION) {
      throw new VaultOpenException(
          "the vault at " + directory + " has a header of an unknown format");
    }
    if (meta[1] != algorithmId) {
      String stored =
          VaultCipher.Algorithm.byId(meta[1]).map(VaultCipher.Algorithm::displayName).orElse("?");
      throw new VaultOpenException(
          "the vault at "
              + directory
              + " was created for "
              + stored
              + "; this node's suite uses "
              + cipher.algorithm().displayName());
    }
    byte[] nonce = Arrays.copyOfRange(meta, 2, VaultRecords.HEADER_BYTES);
    byte[] sealed = Arrays.copyOfRange(meta, VaultRecords.HEADER_BYTES, meta.length);
    if (cipher.open(nonce, sealed, VaultRecords.checkAad(algorithmId)).isEmpty()) {
      throw new VaultOpenException(
          "the vault key does not open the vault at "
              + directory
              + ": it is not the vault.key the vault was created with");
    }
    byte[] count = get(VaultRecords.countKey());
    licenseCount = count == null ? 0 : VaultRecords.readU64(count);
  }

  private void createHeader(int algorithmId) throws VaultOpenException {
    try (RocksIterator iterator = db.newIterator()) {
      iterator.seekToFirst();
      if (iterator.isValid()) {
        throw new VaultOpenException(
            directory
                + " holds a database that is not a vault: give the vault a directory of its own");
      }
    }
    byte[] nonce = new byte[VaultCipher.NONCE_BYTES];
    random.nextBytes(nonce);
    byte[] sealed = cipher.seal(nonce, new byte[CHECK_BYTES], VaultRecords.checkAad(algorithmId));
    try (WriteBatch batch = new WriteBatch()) {
      batch.put(VaultRecords.metaKey(), VaultRecords.record(algorithmId, nonce, sealed));
      batch.put(VaultRecords.countKey(), VaultRecords.u64(0));
      db.write(writeOptions, batch);
    } catch (RocksDBException e) {
      throw new VaultOpenException("the vault at " + directory + " cannot be created", e);
    }
    licenseCount = 0;
  }

  private static void createDirectory(Path directory) throws VaultOpenException {
    try {
      if (!Files.isDirectory(directory)) {
        Files.createDirectories(
            directory,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      }
    } catch (UnsupportedOperationException e) {
      try {
        Files.createDirectories(directory);
      } catch (IOException inner) {
        throw new VaultOpenException("cannot create the vault directory " + directory, inner);
      }
    } catch (IOException e) {
      throw new VaultOpenException("cannot create the vault directory " + directory, e);
    }
  }
}
