package org.govchain.node.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LocalNetworkClassPathTest {
  @Test
  void relativeEntriesBecomeAbsoluteSoANodeProcessInItsOwnDirectoryFindsThem() {
    Path cwd = Path.of("").toAbsolutePath();
    String classPath =
        String.join(File.pathSeparator, "benchmarks/target/benchmarks.jar", "/opt/lib/a.jar", "");

    assertEquals(
        cwd.resolve("benchmarks/target/benchmarks.jar") + File.pathSeparator + "/opt/lib/a.jar",
        LocalNetwork.absoluteClassPath(classPath));
  }

  @Test
  void absoluteEntriesAreKeptAsTheyAre() {
    String classPath = String.join(File.pathSeparator, "/a/b.jar", "/c/lib/*");

    assertEquals(classPath, LocalNetwork.absoluteClassPath(classPath));
  }
}
