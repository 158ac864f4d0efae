package org.govchain.pbft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.govchain.core.chain.ChainId;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.crypto.Hash;
import org.govchain.core.testing.TestValidators;
import org.junit.jupiter.api.Test;

class PbftConfigTest {
  private final TestValidators validators = TestValidators.create(CryptoSuite.intl(), 4);
  private final ChainId chain = new ChainId("test-chain");

  private PbftConfig config(int self, int interval, int window, int inFlight, long timeoutMax) {
    return new PbftConfig(
        chain,
        validators.set(),
        self,
        CryptoSuite.intl(),
        Hash.ZERO,
        interval,
        window,
        inFlight,
        10,
        100,
        100,
        100,
        100,
        timeoutMax,
        10,
        8,
        4096,
        8);
  }

  @Test
  void acceptsASaneConfigurationAndDerivesQuorums() {
    PbftConfig config = config(1, 5, 10, 4, 1_000);
    assertEquals(3, config.quorum());
    assertEquals(2, config.weakQuorum());
    assertEquals(1, config.primary(5));
  }

  @Test
  void refusesAWindowThatIsNotTwoCheckpointIntervalsOrAMultiple() {
    assertThrows(IllegalArgumentException.class, () -> config(1, 5, 5, 1, 1_000));
    assertThrows(IllegalArgumentException.class, () -> config(1, 5, 12, 1, 1_000));
  }

  @Test
  void refusesAnInFlightWindowWiderThanTheLog() {
    assertThrows(IllegalArgumentException.class, () -> config(1, 5, 10, 11, 1_000));
  }

  @Test
  void refusesAReplicaOutsideTheValidatorSet() {
    assertThrows(IllegalArgumentException.class, () -> config(4, 5, 10, 1, 1_000));
  }

  @Test
  void refusesABackoffCapBelowTheFirstTimeout() {
    assertThrows(IllegalArgumentException.class, () -> config(1, 5, 10, 1, 50));
  }

  @Test
  void defaultsAreValid() {
    PbftConfig config =
        PbftConfig.defaults(chain, validators.set(), 0, CryptoSuite.intl(), Hash.ZERO, 100, 500);
    assertEquals(200, config.logWindow());
  }
}
