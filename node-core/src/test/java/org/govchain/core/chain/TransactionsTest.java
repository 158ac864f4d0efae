package org.govchain.core.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.security.SecureRandom;
import org.govchain.core.MalformedInputException;
import org.govchain.core.codec.Canonical;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.crypto.KeyPair;
import org.govchain.core.crypto.SuiteId;
import org.govchain.core.proto.Transaction;
import org.govchain.core.proto.TransactionBody;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TransactionsTest {
  private static TransactionBody body(KeyPair submitter, long nonce) {
    return TransactionBody.newBuilder()
        .setChainId("haidian-license")
        .setType("license.issue")
        .setPayload(ByteString.copyFromUtf8("payload"))
        .setSubmitter(submitter.publicKey().toByteString())
        .setNonce(nonce)
        .setTimestampMillis(1_790_000_000_000L)
        .build();
  }

  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void signedTransactionDecodesAndVerifies(SuiteId id) throws MalformedInputException {
    CryptoSuite suite = CryptoSuite.of(id);
    KeyPair submitter = suite.generateKeyPair(new SecureRandom());
    Transaction transaction = Transactions.sign(suite, submitter.privateKey(), body(submitter, 1));

    DecodedTransaction decoded =
        Transactions.decode(
            suite, Canonical.encode(transaction), Transactions.MAX_TRANSACTION_BYTES);
    assertEquals(new ChainId("haidian-license"), decoded.chainId());
    assertEquals("license.issue", decoded.type());
    assertEquals(submitter.publicKey(), decoded.submitter());
    assertEquals(1, decoded.nonce());
    assertTrue(Transactions.verifySignature(suite, decoded));
    assertEquals(Transactions.id(suite, transaction.getBody()), decoded.id());
  }

  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void changedBodyFailsTheSignatureAndChangesTheId(SuiteId id) throws MalformedInputException {
    CryptoSuite suite = CryptoSuite.of(id);
    KeyPair submitter = suite.generateKeyPair(new SecureRandom());
    Transaction signed = Transactions.sign(suite, submitter.privateKey(), body(submitter, 1));
    Transaction tampered =
        signed.toBuilder().setBody(Canonical.encodeToByteString(body(submitter, 2))).build();
    DecodedTransaction decoded = Transactions.decode(suite, tampered);
    assertFalse(Transactions.verifySignature(suite, decoded));
    assertNotEquals(Transactions.id(suite, signed.getBody()), decoded.id());
  }

  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void submitterKeyOfAnotherSuiteIsRefusedAtDecoding(SuiteId id) {
    CryptoSuite suite = CryptoSuite.of(id);
    CryptoSuite other = CryptoSuite.of(id == SuiteId.SM ? SuiteId.INTL : SuiteId.SM);
    KeyPair foreign = other.generateKeyPair(new SecureRandom());
    Transaction transaction = Transactions.sign(other, foreign.privateKey(), body(foreign, 1));
    MalformedInputException e =
        assertThrows(MalformedInputException.class, () -> Transactions.decode(suite, transaction));
    assertTrue(e.getMessage().contains("submitter key is not a"), e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void malformedEnvelopesAreRefused(SuiteId id) {
    CryptoSuite suite = CryptoSuite.of(id);
    KeyPair submitter = suite.generateKeyPair(new SecureRandom());
    Transaction good = Transactions.sign(suite, submitter.privateKey(), body(submitter, 1));

    Transaction badChain =
        Transactions.sign(
            suite,
            submitter.privateKey(),
            body(submitter, 1).toBuilder().setChainId("Bad Chain!").build());
    assertThrows(MalformedInputException.class, () -> Transactions.decode(suite, badChain));

    Transaction badType =
        Transactions.sign(
            suite, submitter.privateKey(), body(submitter, 1).toBuilder().setType("issue").build());
    assertThrows(MalformedInputException.class, () -> Transactions.decode(suite, badType));

    Transaction noSignature = good.toBuilder().clearSignature().build();
    assertThrows(MalformedInputException.class, () -> Transactions.decode(suite, noSignature));

    Transaction garbageBody =
        good.toBuilder().setBody(ByteString.copyFromUtf8("\u00ff\u00ff")).build();
    assertThrows(MalformedInputException.class, () -> Transactions.decode(suite, garbageBody));

    byte[] oversize = new byte[Transactions.MAX_TRANSACTION_BYTES + 1];
    assertThrows(
        MalformedInputException.class,
        () -> Transactions.decode(suite, oversize, Transactions.MAX_TRANSACTION_BYTES));
  }
}
