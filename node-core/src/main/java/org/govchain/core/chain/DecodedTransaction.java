package org.govchain.core.chain;

import com.google.protobuf.ByteString;
import org.govchain.core.crypto.Hash;
import org.govchain.core.crypto.PublicKey;
import org.govchain.core.crypto.Signature;
import org.govchain.core.proto.Transaction;

/**
 * A transaction whose envelope decoded canonically and whose fields have valid forms. Its signature
 * has not necessarily been checked: see {@link Transactions#verifySignature}.
 */
public record DecodedTransaction(
    Hash id,
    ChainId chainId,
    String type,
    ByteString payload,
    PublicKey submitter,
    long nonce,
    long timestampMillis,
    Signature signature,
    Transaction transaction) {}
