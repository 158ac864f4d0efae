package org.govchain.core.chain;

import com.google.protobuf.ByteString;
import java.util.regex.Pattern;
import org.govchain.core.MalformedInputException;
import org.govchain.core.codec.Canonical;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.crypto.Hash;
import org.govchain.core.crypto.PrivateKey;
import org.govchain.core.crypto.PublicKey;
import org.govchain.core.crypto.Signature;
import org.govchain.core.proto.Transaction;
import org.govchain.core.proto.TransactionBody;

/** Signing, identifying, decoding and checking transaction envelopes. */
public final class Transactions {
  /** Hard upper bound on an encoded transaction; a chain's genesis may set a lower one. */
  public static final int MAX_TRANSACTION_BYTES = 1024 * 1024;

  public static final int MAX_TYPE_LENGTH = 64;
  private static final Pattern TYPE_FORM = Pattern.compile("[a-z][a-z0-9_]*\\.[a-z][a-z0-9_]*");

  private Transactions() {}

  /** Encodes {@code body} canonically and signs it with the submitter's key. */
  public static Transaction sign(CryptoSuite suite, PrivateKey key, TransactionBody body) {
    if (!body.getSubmitter().equals(key.publicKey().toByteString())) {
      throw new IllegalArgumentException("the body's submitter is not the signing key's owner");
    }
    byte[] bodyBytes = Canonical.encode(body);
    Signature signature = suite.sign(key, Domain.TRANSACTION_SIGNATURE.preimage(bodyBytes));
    return Transaction.newBuilder()
        .setBody(ByteString.copyFrom(bodyBytes))
        .setSignature(signature.toByteString())
        .build();
  }

  /** H("govchain/v1/tx-id" || body bytes). The signature is not part of the id. */
  public static Hash id(CryptoSuite suite, ByteString bodyBytes) {
    return Domain.TRANSACTION_ID.startHash(suite.newHasher()).update(bodyBytes).finish();
  }

  /** Decodes a transaction received as bytes (from a client or peer). */
  public static DecodedTransaction decode(CryptoSuite suite, byte[] bytes, int maxBytes)
      throws MalformedInputException {
    int limit = Math.min(maxBytes, MAX_TRANSACTION_BYTES);
    return decode(suite, Canonical.decode(Transaction.parser(), bytes, limit, "transaction"));
  }

  /**
   * Checks the envelope's forms: a canonical body, a chain id, a type name, a submitter key of this
   * suite, a signature of plausible size. The signature itself is checked by {@link
   * #verifySignature}, separately, so that it can be done in parallel batches.
   */
  public static DecodedTransaction decode(CryptoSuite suite, Transaction transaction)
      throws MalformedInputException {
    if (transaction.getSerializedSize() > MAX_TRANSACTION_BYTES) {
      throw new MalformedInputException(
          "transaction is "
              + transaction.getSerializedSize()
              + " bytes, over "
              + MAX_TRANSACTION_BYTES);
    }
    ByteString bodyBytes = transaction.getBody();
    TransactionBody body =
        Canonical.decode(
            TransactionBody.parser(), bodyBytes, MAX_TRANSACTION_BYTES, "transaction body");
    ChainId chainId = ChainId.parse(body.getChainId());
    String type = body.getType();
    if (type.length() > MAX_TYPE_LENGTH || !TYPE_FORM.matcher(type).matches()) {
      throw new MalformedInputException(
          "transaction type must look like 'ledger.operation' (at most "
              + MAX_TYPE_LENGTH
              + " characters)");
    }
    PublicKey submitter;
    try {
      submitter = suite.decodePublicKey(body.getSubmitter().toByteArray());
    } catch (MalformedInputException e) {
      throw new MalformedInputException(
          "submitter key is not a " + suite.id().describe() + " key: " + e.getMessage());
    }
    Signature signature = Signature.decode(transaction.getSignature());
    return new DecodedTransaction(
        id(suite, bodyBytes),
        chainId,
        type,
        body.getPayload(),
        submitter,
        body.getNonce(),
        body.getTimestampMillis(),
        signature,
        transaction);
  }

  /** True if the submitter signed exactly this body. */
  public static boolean verifySignature(CryptoSuite suite, DecodedTransaction transaction) {
    byte[] preimage =
        Domain.TRANSACTION_SIGNATURE.preimage(transaction.transaction().getBody().toByteArray());
    return suite.verify(transaction.submitter(), preimage, transaction.signature());
  }
}
