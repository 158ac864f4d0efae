package org.govchain.core.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.govchain.core.MalformedInputException;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.proto.Validator;
import org.govchain.core.testing.TestValidators;
import org.junit.jupiter.api.Test;

class ValidatorSetTest {
  @Test
  void protoRoundTripKeepsOrderAndLookups() throws MalformedInputException {
    TestValidators validators = TestValidators.create(CryptoSuite.sm(), 4);
    ValidatorSet decoded = ValidatorSet.fromProto(validators.set().toProto(), CryptoSuite.sm());
    assertEquals(4, decoded.size());
    assertEquals(3, decoded.quorum().commit());
    for (ValidatorSet.Member member : validators.set().members()) {
      assertEquals(member, decoded.member(member.index()));
      assertEquals(member, decoded.byNodeId(member.nodeId()).orElseThrow());
      assertEquals(member, decoded.byPublicKey(member.publicKey()).orElseThrow());
    }
  }

  @Test
  void duplicateNodeIdOrKeyIsRefused() {
    List<Validator> proto =
        new ArrayList<>(TestValidators.create(CryptoSuite.sm(), 3).set().toProto());
    List<Validator> sameName = new ArrayList<>(proto);
    sameName.set(1, proto.get(1).toBuilder().setNodeId(proto.get(0).getNodeId()).build());
    MalformedInputException e =
        assertThrows(
            MalformedInputException.class,
            () -> ValidatorSet.fromProto(sameName, CryptoSuite.sm()));
    assertTrue(e.getMessage().contains("share node id"), e.getMessage());

    List<Validator> sameKey = new ArrayList<>(proto);
    sameKey.set(2, proto.get(2).toBuilder().setPublicKey(proto.get(0).getPublicKey()).build());
    assertThrows(
        MalformedInputException.class, () -> ValidatorSet.fromProto(sameKey, CryptoSuite.sm()));
  }

  @Test
  void keyOfAnotherSuiteOrEmptySetIsRefused() {
    List<Validator> intl = TestValidators.create(CryptoSuite.intl(), 2).set().toProto();
    assertThrows(
        MalformedInputException.class, () -> ValidatorSet.fromProto(intl, CryptoSuite.sm()));
    assertThrows(
        MalformedInputException.class, () -> ValidatorSet.fromProto(List.of(), CryptoSuite.sm()));
  }
}
