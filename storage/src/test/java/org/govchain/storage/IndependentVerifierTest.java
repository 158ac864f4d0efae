package org.govchain.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.govchain.core.chain.ChainId;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.storage.proto.StateProof;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proofs from the store checked by a verifier in JavaScript written from docs/storage.md alone
 * (src/test/resources/verify-state-proof.js, on Node.js and its OpenSSL's SM3 and SHA-256): the
 * byte layouts in the documentation are enough to verify, and a tampered proof fails there too.
 */
class IndependentVerifierTest {
  private static final HexFormat HEX = HexFormat.of();
  @TempDir Path directory;

  @Test
  void aJavaScriptVerifierAcceptsGenuineProofsAndRefusesATamperedOne() throws Exception {
    assumeTrue(nodeAvailable(), "Node.js is not installed");
    List<String> requests = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    for (CryptoSuite suite : List.of(CryptoSuite.sm(), CryptoSuite.intl())) {
      ChainFixture fixture =
          new ChainFixture(new ChainId("js-" + suite.id().name().toLowerCase()), suite);
      Path store = directory.resolve(suite.id().name());
      try (Store opened = Store.create(store, StoreOptions.defaults(), List.of(fixture.spec()))) {
        Map<ByteString, Optional<ByteString>> writes = new LinkedHashMap<>();
        for (int i = 0; i < 64; i++) {
          writes.put(
              ChainFixture.bytes("licence/" + i), Optional.of(ChainFixture.bytes("record " + i)));
        }
        fixture.commit(opened.chain(fixture.chain), writes, 1);
        try (StateView state = opened.chain(fixture.chain).state()) {
          String hash = suite.id() == org.govchain.core.crypto.SuiteId.SM ? "sm3" : "sha256";
          String root = state.root().toHex();
          StateProof present = state.prove(ChainFixture.bytes("licence/7"));
          requests.add(json(hash, root, present));
          expected.add(
              "VALID present " + HEX.formatHex(ChainFixture.bytes("record 7").toByteArray()));
          for (int i = 0; i < 8; i++) {
            requests.add(json(hash, root, state.prove(ChainFixture.bytes("revoked/" + i))));
            expected.add("VALID absent");
          }
          StateProof tampered =
              present.toBuilder()
                  .setInclusion(
                      present.getInclusion().toBuilder().setValue(ChainFixture.bytes("forged")))
                  .build();
          requests.add(json(hash, root, tampered));
          expected.add("INVALID root mismatch");
        }
      }
    }
    assertEquals(expected, runVerifier(requests));
  }

  private static String json(String hash, String root, StateProof proof) {
    StringBuilder out = new StringBuilder();
    out.append("{\"hash\":\"").append(hash).append("\",\"root\":\"").append(root);
    out.append("\",\"key\":\"")
        .append(HEX.formatHex(proof.getKey().toByteArray()))
        .append("\",\"siblings\":[");
    for (int i = 0; i < proof.getSiblingsCount(); i++) {
      out.append(i == 0 ? "" : ",")
          .append('"')
          .append(HEX.formatHex(proof.getSiblings(i).toByteArray()))
          .append('"');
    }
    out.append(']');
    if (proof.hasInclusion()) {
      out.append(",\"value\":\"")
          .append(HEX.formatHex(proof.getInclusion().getValue().toByteArray()))
          .append('"');
    } else {
      out.append(",\"otherKeyPath\":\"")
          .append(HEX.formatHex(proof.getAbsence().getOtherKeyPath().toByteArray()))
          .append("\",\"otherValueHash\":\"")
          .append(HEX.formatHex(proof.getAbsence().getOtherValueHash().toByteArray()))
          .append('"');
    }
    return out.append('}').toString();
  }

  private List<String> runVerifier(List<String> requests) throws Exception {
    Path script = directory.resolve("verify-state-proof.js");
    try (var in = IndependentVerifierTest.class.getResourceAsStream("/verify-state-proof.js")) {
      Files.copy(in, script);
    }
    Process node = new ProcessBuilder("node", script.toString()).redirectErrorStream(true).start();
    try (var stdin = node.getOutputStream()) {
      stdin.write((String.join("\n", requests) + "\n").getBytes(StandardCharsets.UTF_8));
    }
    String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(node.waitFor(60, TimeUnit.SECONDS), "node did not finish");
    assertEquals(0, node.exitValue(), output);
    return output.lines().toList();
  }

  private static boolean nodeAvailable() {
    try {
      Process probe = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      probe.getInputStream().readAllBytes();
      return probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }
}
