package org.govchain.core.testing;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.govchain.core.chain.NodeId;
import org.govchain.core.chain.ValidatorSet;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.crypto.Hash;
import org.govchain.core.crypto.KeyPair;
import org.govchain.core.crypto.PrivateKey;

/** A validator set with its private keys, for tests. */
public record TestValidators(CryptoSuite suite, ValidatorSet set, List<PrivateKey> keys) {
  public static TestValidators create(CryptoSuite suite, int count) {
    SecureRandom random = new SecureRandom();
    List<ValidatorSet.Member> members = new ArrayList<>();
    List<PrivateKey> keys = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      KeyPair pair = suite.generateKeyPair(random);
      keys.add(pair.privateKey());
      Hash tls =
          suite.hash(("tls-certificate-" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      members.add(new ValidatorSet.Member(i, new NodeId("department-" + i), pair.publicKey(), tls));
    }
    return new TestValidators(suite, ValidatorSet.of(members), List.copyOf(keys));
  }

  public PrivateKey key(int index) {
    return keys.get(index);
  }
}
