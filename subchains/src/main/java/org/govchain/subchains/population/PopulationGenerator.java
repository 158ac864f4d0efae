package org.govchain.subchains.population;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.crypto.Hash;
import org.govchain.core.crypto.PrivateKey;
import org.govchain.subchains.dataset.DataSet;
import org.govchain.subchains.ids.CitizenIdNumber;
import org.govchain.subchains.ids.CreditCode;
import org.govchain.subchains.ids.LicenseIdentifier;
import org.govchain.subchains.ids.OrganizationCode;
import org.govchain.subchains.privacy.HolderKey;
import org.govchain.subchains.privacy.ItemCommitments;
import org.govchain.subchains.privacy.LicenseSignatures;
import org.govchain.subchains.proto.DataItem;
import org.govchain.subchains.proto.Grant;
import org.govchain.subchains.proto.GrantMode;
import org.govchain.subchains.proto.GrantScope;
import org.govchain.subchains.proto.HolderCodeType;
import org.govchain.subchains.proto.HolderRole;
import org.govchain.subchains.proto.ItemCommitment;
import org.govchain.subchains.proto.LicenseContent;
import org.govchain.subchains.proto.LicenseOperation;
import org.govchain.subchains.proto.LicenseType;
import org.govchain.subchains.proto.Material;
import org.govchain.subchains.proto.MaterialSource;
import org.govchain.subchains.proto.ServiceItem;
import org.govchain.subchains.proto.SignedLicense;

/**
 * A deterministic synthetic population for tests and load: citizens with valid ID numbers,
 * enterprises with valid credit codes, the licences they hold (signed, with committed items and the
 * vault's values and salts) and grants. Everything is a function of (seed, index), so the i-th
 * citizen is the same on every run and machine, and millions can be generated in parallel without
 * holding them. Only SM2 signatures differ between runs (SM2 signing is randomized); with the INTL
 * suite the output is identical byte for byte.
 *
 * <p>Distinct indexes give distinct ID numbers (a bijection onto birth date, district and sequence)
 * for up to {@link #MAX_CITIZENS}, and distinct credit codes up to {@link #MAX_ENTERPRISES}.
 */
public final class PopulationGenerator {
  private static final String[] DISTRICTS = {
    "110101", "110102", "110105", "110106", "110107", "110108", "110109", "110111",
    "110112", "110113", "110114", "110115", "110116", "110117", "110118", "110119"
  };
  private static final LocalDate FIRST_BIRTH = LocalDate.of(1950, 1, 1);
  private static final int BIRTH_DAYS = 21_915;
  public static final long MAX_CITIZENS = (long) DISTRICTS.length * BIRTH_DAYS * 999;
  public static final long MAX_ENTERPRISES = 100_000_000L;
  private static final long CITIZEN_STRIDE = 1_000_003L;
  private static final long ENTERPRISE_STRIDE = 7_368_787L;

  private static final String[] SURNAMES = {
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林"
  };
  private static final String GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国志红";
  private static final String[] TRADES = {"科技", "农资", "餐饮", "医药", "文化", "建设", "物流", "咨询"};
  private static final String[] STREETS = {"中关村大街", "学院路", "海淀路", "知春路", "苏州街", "万泉河路"};

  /** Licence types citizens and enterprises hold, with the share of holders that have one. */
  private static final Map<String, Double> CITIZEN_LICENSES =
      shares(
          "resident_id_card",
          1.0,
          "household_register",
          0.75,
          "social_security_card",
          0.8,
          "driving_licence",
          0.4,
          "vehicle_licence",
          0.2,
          "marriage_certificate",
          0.35,
          "academic_certificate",
          0.5,
          "real_estate_certificate",
          0.3,
          "passport",
          0.2,
          "residence_permit",
          0.1,
          "disability_certificate",
          0.03,
          "nurse_practising_certificate",
          0.02,
          "nurse_qualification_certificate",
          0.02,
          "teacher_qualification_certificate",
          0.03,
          "mandarin_proficiency_certificate",
          0.05,
          "veteran_certificate",
          0.02,
          "employment_certificate",
          0.05,
          "physician_qualification_certificate",
          0.01);

  private static final Map<String, Double> ENTERPRISE_LICENSES =
      shares(
          "business_licence",
          1.0,
          "food_business_licence",
          0.2,
          "pesticide_business_licence",
          0.05,
          "hr_service_licence",
          0.03,
          "patent_certificate",
          0.1,
          "trademark_registration",
          0.15,
          "public_place_hygiene_licence",
          0.05,
          "construction_planning_permit",
          0.02);

  private final DataSet data;
  private final CryptoSuite suite;
  private final HolderKey holderKey;
  private final long seed;

  public PopulationGenerator(DataSet data, CryptoSuite suite, HolderKey holderKey, long seed) {
    this.data = data;
    this.suite = suite;
    this.holderKey = holderKey;
    this.seed = seed;
  }

  private static Map<String, Double> shares(Object... keysAndShares) {
    Map<String, Double> out = new java.util.LinkedHashMap<>();
    for (int i = 0; i < keysAndShares.length; i += 2) {
      out.put((String) keysAndShares[i], (Double) keysAndShares[i + 1]);
    }
    return java.util.Collections.unmodifiableMap(out);
  }

  /** The {@code index}-th citizen (0 ≤ index < {@link #MAX_CITIZENS}). */
  public Holder citizen(long index) {
    if (index < 0 || index >= MAX_CITIZENS) {
      throw new IllegalArgumentException("citizen index out of range: " + index);
    }
    long permuted =
        Math.floorMod(
            Math.addExact(
                Math.multiplyHigh(0, 0),
                index * CITIZEN_STRIDE % MAX_CITIZENS + Math.floorMod(seed, MAX_CITIZENS)),
            MAX_CITIZENS);
    String district = DISTRICTS[(int) (permuted % DISTRICTS.length)];
    long rest = permuted / DISTRICTS.length;
    LocalDate birth = FIRST_BIRTH.plusDays(rest % BIRTH_DAYS);
    int sequence = (int) (rest / BIRTH_DAYS) + 1;
    CitizenIdNumber id = CitizenIdNumber.of(district, birth, sequence);
    SplittableRandom random = random(1, index);
    String name =
        SURNAMES[random.nextInt(SURNAMES.length)]
            + GIVEN.charAt(random.nextInt(GIVEN.length()))
            + (random.nextBoolean()
                ? ""
                : String.valueOf(GIVEN.charAt(random.nextInt(GIVEN.length()))));
    return new Holder(
        index,
        HolderCodeType.CITIZEN_ID_NUMBER,
        id.value(),
        holderKey.holderHash(suite, HolderCodeType.CITIZEN_ID_NUMBER, id.value()),
        name,
        birth,
        id.male(),
        address(random));
  }

  /** The {@code index}-th enterprise; its legal representative is citizen {@code index}. */
  public Holder enterprise(long index) {
    if (index < 0 || index >= MAX_ENTERPRISES) {
      throw new IllegalArgumentException("enterprise index out of range: " + index);
    }
    // A bijection as for citizens: the stride is coprime with 10^8.
    long permuted =
        (index * ENTERPRISE_STRIDE % MAX_ENTERPRISES + Math.floorMod(seed, MAX_ENTERPRISES))
            % MAX_ENTERPRISES;
    String body = String.format("%08d", permuted);
    String organization = body + OrganizationCode.checkCharacter(body);
    CreditCode code = CreditCode.withCheckCharacter("91110108" + organization);
    SplittableRandom random = random(2, index);
    String name =
        "北京"
            + SURNAMES[random.nextInt(SURNAMES.length)]
            + "氏"
            + TRADES[random.nextInt(TRADES.length)]
            + "有限公司"
            + (index % 1000);
    return new Holder(
        index,
        HolderCodeType.UNIFIED_SOCIAL_CREDIT_CODE,
        code.value(),
        holderKey.holderHash(suite, HolderCodeType.UNIFIED_SOCIAL_CREDIT_CODE, code.value()),
        name,
        LocalDate.of(2000, 1, 1).plusDays(random.nextInt(8000)),
        false,
        address(random));
  }

  private static String address(SplittableRandom random) {
    return "北京市海淀区" + STREETS[random.nextInt(STREETS.length)] + (1 + random.nextInt(200)) + "号";
  }

  /** The data-set keys of the licence types {@code holder} holds, in a fixed order. */
  public List<String> licenseTypesOf(Holder holder) {
    Map<String, Double> shares = holder.isCitizen() ? CITIZEN_LICENSES : ENTERPRISE_LICENSES;
    SplittableRandom random = random(holder.isCitizen() ? 3 : 4, holder.index());
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, Double> entry : shares.entrySet()) {
      if (random.nextDouble() < entry.getValue()
          && data.licenseTypes().containsKey(entry.getKey())) {
        out.add(entry.getKey());
      }
    }
    return out;
  }

  /**
   * Issues {@code holder}'s licence of type {@code typeKey}: values for every item, a salt and
   * commitment per item, the issuer's signature. Identifier serial: 1 (citizen) or 2 (enterprise)
   * and the holder index, so it is unique per type and issuer.
   */
  public IssuedLicense issue(
      Holder holder, String typeKey, Map<String, PrivateKey> issuerKeys, long issuedAtMillis) {
    LicenseType type = data.licenseType(typeKey);
    String issuerCode = type.getIssuerCodes(0);
    PrivateKey issuerKey = issuerKeys.get(issuerCode);
    if (issuerKey == null) {
      throw new IllegalArgumentException("no key for issuer " + issuerCode);
    }
    String serial = (holder.isCitizen() ? "1" : "2") + String.format("%011d", holder.index());
    String licenseId = LicenseIdentifier.of(type.getCode(), issuerCode, serial, 1).text();
    SplittableRandom random = random(5, holder.index() * 131 + type.getCode().hashCode());
    long validFrom = issuedAtMillis - random.nextLong(5L * 365 * 86_400_000L);
    boolean expires =
        type.getItemsList().stream().anyMatch(item -> item.getCode().equals("valid_until"));
    long validUntil = expires ? validFrom + 10L * 365 * 86_400_000L : 0;
    Map<String, String> values = new TreeMap<>();
    Map<String, ByteString> salts = new TreeMap<>();
    LicenseContent.Builder content =
        LicenseContent.newBuilder()
            .setLicenseId(licenseId)
            .setTypeCode(type.getCode())
            .setTypeVersion(type.getVersion())
            .setHolder(holder.holder().toByteString())
            .setHolderCodeType(holder.codeType())
            .setIssuerCode(issuerCode)
            .setIssuedAtMillis(issuedAtMillis)
            .setValidFromMillis(validFrom)
            .setValidUntilMillis(validUntil)
            .setOperation(LicenseOperation.NEW_ISSUE)
            .setIssuerPublicKey(issuerKey.publicKey().toByteString());
    for (DataItem item : type.getItemsList()) {
      String value = value(holder, item, random, validFrom, validUntil);
      ByteString salt = salt(licenseId, item.getCode());
      values.put(item.getCode(), value);
      salts.put(item.getCode(), salt);
      content.addItems(
          ItemCommitment.newBuilder()
              .setItemCode(item.getCode())
              .setCommitment(
                  ItemCommitments.commit(suite, licenseId, item.getCode(), salt, value)
                      .toByteString()));
    }
    LicenseContent built = content.build();
    SignedLicense signed =
        SignedLicense.newBuilder()
            .setContent(built)
            .setIssuerSignature(LicenseSignatures.sign(suite, issuerKey, built).toByteString())
            .build();
    return new IssuedLicense(signed, values, salts);
  }

  private String value(
      Holder holder, DataItem item, SplittableRandom random, long validFrom, long validUntil) {
    return switch (item.getCode()) {
      case "name",
          "holder_name",
          "right_holder",
          "owner",
          "operator_name",
          "unit_name",
          "enterprise_name",
          "patentee",
          "registrant" ->
          holder.name();
      case "sex" -> holder.male() ? "男" : "女";
      case "id_number", "credit_code" -> holder.code();
      case "birth_date", "establishment_date" -> holder.birthDate().toString();
      case "address", "residence_address", "location", "business_premises" -> holder.address();
      case "valid_from" -> date(validFrom);
      case "valid_until" -> validUntil == 0 ? "长期" : date(validUntil);
      default ->
          switch (item.getValueType()) {
            case DATE -> FIRST_BIRTH.plusDays(random.nextInt(BIRTH_DAYS + 9000)).toString();
            case NUMBER -> Integer.toString(random.nextInt(100_000));
            case IMAGE ->
                suite.hash(("image-" + random.nextLong()).getBytes(StandardCharsets.UTF_8)).toHex();
            default -> item.getNameZh() + "-" + Long.toHexString(random.nextLong() & 0xffffffffL);
          };
    };
  }

  private static String date(long millis) {
    return java.time.Instant.ofEpochMilli(millis).atZone(ZoneOffset.UTC).toLocalDate().toString();
  }

  /**
   * Salts are derived from the seed so that a population is reproducible; a real vault draws them.
   */
  private ByteString salt(String licenseId, String itemCode) {
    byte[] input =
        ("salt/" + seed + "/" + licenseId + "/" + itemCode).getBytes(StandardCharsets.UTF_8);
    return suite.hash(input).toByteString();
  }

  /**
   * A grant from {@code subject} to a service item covering every licence material of {@code role},
   * item codes merged per licence type.
   */
  public static Grant grantFor(
      Hash subject,
      ServiceItem item,
      HolderRole role,
      Hash verificationId,
      long validFromMillis,
      long validUntilMillis,
      GrantMode mode) {
    Map<String, TreeSet<String>> scopes = new TreeMap<>();
    for (Material material : item.getMaterialsList()) {
      if (material.getSource() == MaterialSource.FROM_LICENSE && material.getHolderRole() == role) {
        scopes
            .computeIfAbsent(material.getLicenseTypeCode(), unused -> new TreeSet<>())
            .addAll(material.getItemCodesList());
      }
    }
    Grant.Builder grant =
        Grant.newBuilder()
            .setSubject(subject.toByteString())
            .setGranteeServiceItemCode(item.getCode())
            .setPurpose(item.getNameZh())
            .setValidFromMillis(validFromMillis)
            .setValidUntilMillis(validUntilMillis)
            .setMode(mode)
            .setVerificationId(verificationId.toByteString());
    scopes.forEach(
        (type, items) ->
            grant.addScopes(
                GrantScope.newBuilder().setLicenseTypeCode(type).addAllItemCodes(items)));
    return grant.build();
  }

  private SplittableRandom random(int stream, long index) {
    long mixed =
        seed * 0x9E3779B97F4A7C15L + stream * 0xBF58476D1CE4E5B9L + index * 0x94D049BB133111EBL;
    return new SplittableRandom(mixed);
  }
}
