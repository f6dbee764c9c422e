package org.fairness4j.core.table.csv;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Maps byte ranges to one shared String per distinct content, without allocating for content seen
 * before (sensitive attributes and declared labels have few distinct values). Open addressing; not
 * thread-safe.
 */
final class ByteInterner {
  private byte[][] keys = new byte[64][];
  private String[] values = new String[64];
  private int size;

  String intern(byte[] b, int from, int to) {
    int h = hash(b, from, to);
    int mask = keys.length - 1;
    int slot = h & mask;
    while (keys[slot] != null) {
      if (Arrays.equals(keys[slot], 0, keys[slot].length, b, from, to)) {
        return values[slot];
      }
      slot = (slot + 1) & mask;
    }
    String s = new String(b, from, to - from, StandardCharsets.UTF_8);
    keys[slot] = Arrays.copyOfRange(b, from, to);
    values[slot] = s;
    if (++size * 2 > keys.length) {
      rehash();
    }
    return s;
  }

  private static int hash(byte[] b, int from, int to) {
    int h = 0;
    for (int i = from; i < to; i++) {
      h = 31 * h + b[i];
    }
    return h ^ (h >>> 16);
  }

  private void rehash() {
    byte[][] oldKeys = keys;
    String[] oldValues = values;
    keys = new byte[oldKeys.length * 2][];
    values = new String[oldKeys.length * 2];
    int mask = keys.length - 1;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != null) {
        int slot = hash(oldKeys[i], 0, oldKeys[i].length) & mask;
        while (keys[slot] != null) {
          slot = (slot + 1) & mask;
        }
        keys[slot] = oldKeys[i];
        values[slot] = oldValues[i];
      }
    }
  }
}
