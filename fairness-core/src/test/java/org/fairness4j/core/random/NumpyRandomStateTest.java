package org.fairness4j.core.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * {@link NumpyRandomState} against sequences printed by NumPy itself: {@code /work/pyenv/bin/python
 * tools/make_numpy_random_fixture.py >
 * fairness-core/src/test/resources/random/numpy_randomstate.txt} (numpy 2.4.6; the legacy
 * RandomState is frozen, so every NumPy version prints the same).
 */
class NumpyRandomStateTest {
  @Test
  void everySequenceOfTheFixtureEqualsNumpy() throws IOException {
    Map<String, Integer> checked = new TreeMap<>();
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(
                getClass().getResourceAsStream("/random/numpy_randomstate.txt"),
                StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.startsWith("#")) {
          continue;
        }
        int colon = line.indexOf(" :");
        String[] head = line.substring(0, colon).split(" ");
        String tail = line.substring(colon + 2).strip();
        long[] expected =
            tail.isEmpty()
                ? new long[0]
                : Arrays.stream(tail.split(" ")).mapToLong(Long::parseLong).toArray();
        NumpyRandomState rs = new NumpyRandomState(Long.parseLong(head[1]));
        long[] actual =
            switch (head[0]) {
              case "raw" -> {
                long[] a = new long[Integer.parseInt(head[2])];
                for (int i = 0; i < a.length; i++) {
                  a[i] = rs.nextUint32();
                }
                yield a;
              }
              case "perm" -> toLong(rs.permutation(Integer.parseInt(head[2])));
              case "randint" ->
                  rs.randint(
                      Long.parseLong(head[2]), Long.parseLong(head[3]), Integer.parseInt(head[4]));
              case "choice" ->
                  toLong(
                      rs.choice(
                          Integer.parseInt(head[2]),
                          Integer.parseInt(head[3]),
                          head[4].equals("1")));
              case "seq" -> {
                int n = Integer.parseInt(head[2]);
                long[] a = toLong(rs.permutation(n));
                long[] b = rs.randint(0, n, n);
                long[] c = toLong(rs.choice(n, n / 2, false));
                long[] all = new long[a.length + b.length + c.length];
                System.arraycopy(a, 0, all, 0, a.length);
                System.arraycopy(b, 0, all, a.length, b.length);
                System.arraycopy(c, 0, all, a.length + b.length, c.length);
                yield all;
              }
              default -> throw new IllegalStateException("unknown kind in fixture: " + line);
            };
        assertArrayEquals(expected, actual, line.substring(0, colon));
        checked.merge(head[0], 1, Integer::sum);
      }
    }
    assertEquals(Map.of("raw", 8, "perm", 184, "randint", 88, "choice", 504, "seq", 24), checked);
  }

  @Test
  void rejectsWhatNumpyRejects() {
    assertThrows(IllegalArgumentException.class, () -> new NumpyRandomState(-1));
    assertThrows(IllegalArgumentException.class, () -> new NumpyRandomState(1L << 32));
    NumpyRandomState rs = new NumpyRandomState(1);
    assertThrows(IllegalArgumentException.class, () -> rs.choice(5, 6, false));
    assertThrows(IllegalArgumentException.class, () -> rs.choice(0, 1, true));
    assertThrows(IllegalArgumentException.class, () -> rs.randint(3, 3, 1));
    assertThrows(IllegalArgumentException.class, () -> rs.permutation(-1));
  }

  private static long[] toLong(int[] a) {
    return Arrays.stream(a).asLongStream().toArray();
  }
}
