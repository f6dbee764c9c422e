package org.fairness4j.models;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** Paths of the test resources (fixtures written by the scripts in {@code tools/}). */
public final class TestFixtures {
  private TestFixtures() {}

  /**
   * Returns a test resource as a path.
   *
   * @param resource e.g. {@code /clip-tiny/config.json}
   * @return its path
   */
  public static Path path(String resource) {
    try {
      return Path.of(TestFixtures.class.getResource(resource).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("missing test resource " + resource, e);
    }
  }
}
