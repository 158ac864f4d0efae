package org.govchain.core.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;
import org.govchain.core.MalformedInputException;
import org.govchain.core.proto.Block;
import org.govchain.core.proto.BlockHeader;
import org.govchain.core.proto.ChainAnchor;
import org.govchain.core.proto.CommitCertificate;
import org.govchain.core.proto.CommitVote;
import org.govchain.core.proto.Transaction;
import org.govchain.core.proto.TransactionBody;
import org.junit.jupiter.api.Test;

class CanonicalTest {
  private static final int LIMIT = 1 << 20;

  private static ByteString bytes(Random random, int length) {
    byte[] out = new byte[length];
    random.nextBytes(out);
    return ByteString.copyFrom(out);
  }

  private static Block randomBlock(Random random) {
    BlockHeader.Builder header =
        BlockHeader.newBuilder()
            .setChainId("haidian-license")
            .setHeight(random.nextInt(1_000_000))
            .setPreviousHash(bytes(random, 32))
            .setTimestampMillis(1_700_000_000_000L + random.nextInt())
            .setTransactionsRoot(bytes(random, 32))
            .setStateRoot(bytes(random, 32))
            .setTransactionCount(random.nextInt(5))
            .setProposerIndex(random.nextInt(4));
    for (int i = 0; i < random.nextInt(3); i++) {
      header.addAnchors(
          ChainAnchor.newBuilder()
              .setChainId("haidian-catalog")
              .setHeight(random.nextInt(100))
              .setBlockHash(bytes(random, 32)));
    }
    Block.Builder block = Block.newBuilder().setHeader(header);
    for (int i = 0; i < header.getTransactionCount(); i++) {
      TransactionBody body =
          TransactionBody.newBuilder()
              .setChainId("haidian-license")
              .setType("license.issue")
              .setPayload(bytes(random, random.nextInt(200)))
              .setSubmitter(bytes(random, 65))
              .setNonce(random.nextLong() & Long.MAX_VALUE)
              .setTimestampMillis(1_700_000_000_000L)
              .build();
      block.addTransactions(
          Transaction.newBuilder()
              .setBody(Canonical.encodeToByteString(body))
              .setSignature(bytes(random, 71)));
    }
    return block.build();
  }

  @Test
  void reEncodingADecodedMessageGivesIdenticalBytes() throws MalformedInputException {
    Random random = new Random(7);
    for (int i = 0; i < 200; i++) {
      Block block = randomBlock(random);
      byte[] encoded = Canonical.encode(block);
      Block decoded = Canonical.decode(Block.parser(), encoded, LIMIT, "block");
      assertEquals(block, decoded);
      assertArrayEquals(encoded, Canonical.encode(decoded));
    }
  }

  @Test
  void unknownFieldIsRefused() throws Exception {
    byte[] valid = Canonical.encode(certificate());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(valid);
    CodedOutputStream extra = CodedOutputStream.newInstance(out);
    extra.writeUInt64(99, 1); // field 99 is not in CommitCertificate
    extra.flush();
    MalformedInputException e =
        assertThrows(
            MalformedInputException.class,
            () ->
                Canonical.decode(
                    CommitCertificate.parser(), out.toByteArray(), LIMIT, "certificate"));
    assertTrue(e.getMessage().contains("not canonically encoded"), e.getMessage());
  }

  @Test
  void trailingGarbageIsRefused() {
    byte[] valid = Canonical.encode(certificate());
    byte[] withGarbage = Arrays.copyOf(valid, valid.length + 3);
    withGarbage[valid.length] = (byte) 0xff;
    withGarbage[valid.length + 1] = (byte) 0xff;
    withGarbage[valid.length + 2] = (byte) 0xff;
    assertThrows(
        MalformedInputException.class,
        () -> Canonical.decode(CommitCertificate.parser(), withGarbage, LIMIT, "certificate"));
  }

  @Test
  void aFieldRepeatedToOverrideTheFirstIsRefused() throws Exception {
    // Protobuf keeps the last of a repeated scalar field: "height 1, then height 2" parses as
    // height 2 but is not the canonical encoding of it.
    byte[] valid = Canonical.encode(certificate());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(valid);
    CodedOutputStream again = CodedOutputStream.newInstance(out);
    again.writeUInt64(3, 2);
    again.flush();
    assertThrows(
        MalformedInputException.class,
        () ->
            Canonical.decode(CommitCertificate.parser(), out.toByteArray(), LIMIT, "certificate"));
  }

  @Test
  void explicitlyEncodedDefaultValueIsRefused() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CodedOutputStream stream = CodedOutputStream.newInstance(out);
    stream.writeString(1, "haidian-license");
    stream.writeUInt64(2, 0); // view = 0 written out: canonical proto3 omits it
    stream.flush();
    assertThrows(
        MalformedInputException.class,
        () ->
            Canonical.decode(CommitCertificate.parser(), out.toByteArray(), LIMIT, "certificate"));
  }

  @Test
  void oversizedInputIsRefusedBeforeParsing() {
    byte[] valid = Canonical.encode(certificate());
    MalformedInputException e =
        assertThrows(
            MalformedInputException.class,
            () ->
                Canonical.decode(
                    CommitCertificate.parser(), valid, valid.length - 1, "certificate"));
    assertTrue(e.getMessage().contains("over the limit"), e.getMessage());
  }

  @Test
  void truncatedInputIsRefused() {
    byte[] valid = Canonical.encode(certificate());
    byte[] truncated = Arrays.copyOf(valid, valid.length - 5);
    assertThrows(
        MalformedInputException.class,
        () -> Canonical.decode(CommitCertificate.parser(), truncated, LIMIT, "certificate"));
  }

  private static CommitCertificate certificate() {
    return CommitCertificate.newBuilder()
        .setChainId("haidian-license")
        .setView(1)
        .setHeight(1)
        .setBlockHash(ByteString.copyFrom(new byte[32]))
        .addVotes(
            CommitVote.newBuilder()
                .setValidatorIndex(0)
                .setSignature(ByteString.copyFrom(new byte[64])))
        .build();
  }
}
