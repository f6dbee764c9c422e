package org.fairness4j.cli.nih;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NihProtocolTest {
  private static List<NihRecord> records() throws IOException {
    return NihMetadata.read(NihMetadataTest.FIXTURE, null).records();
  }

  @Test
  void everyCellGives35Then5Then10AndSixHundredImagesPerSplitSet() throws IOException {
    List<NihProtocol.Item> items = NihProtocol.sample(records(), 7);
    Map<NihProtocol.Split, Integer> bySplit = new HashMap<>();
    items.forEach(i -> bySplit.merge(i.split(), 1, Integer::sum));
    assertEquals(840, bySplit.get(NihProtocol.Split.TRAIN));
    assertEquals(120, bySplit.get(NihProtocol.Split.VAL));
    assertEquals(240, bySplit.get(NihProtocol.Split.TEST));
    for (NihProtocol.Item it : items) {
      assertEquals(1, it.record().findings().size());
      assertTrue(it.record().age() < 100);
      assertEquals(it.ageGroup().equals("old"), it.record().age() >= 60);
    }
    assertNotEquals(
        items.stream().map(i -> i.record().imageIndex()).toList(),
        NihProtocol.sample(records(), 8).stream().map(i -> i.record().imageIndex()).toList());
  }

  @Test
  void patientDisjointSplitsShareNoPatient() throws IOException {
    List<NihProtocol.Item> items = NihProtocol.patientDisjoint(records(), 3);
    assertEquals(1200, items.size());
    Map<String, Set<NihProtocol.Split>> sides = new HashMap<>();
    items.forEach(
        i -> sides.computeIfAbsent(i.record().patientId(), k -> new HashSet<>()).add(i.split()));
    assertTrue(sides.values().stream().allMatch(s -> s.size() == 1));
    // The authors' protocol does put patients on both sides (they appear in several cells).
    Map<String, Set<NihProtocol.Split>> authors = new HashMap<>();
    NihProtocol.sample(records(), 3)
        .forEach(
            i ->
                authors
                    .computeIfAbsent(i.record().patientId(), k -> new HashSet<>())
                    .add(i.split()));
    assertTrue(authors.values().stream().anyMatch(s -> s.size() > 1));
  }

  @Test
  void officialSplitKeepsEachListOnItsSide() throws IOException {
    List<NihRecord> all = records();
    // official-style lists: whole patients on one side (patient id parity)
    Set<String> trainVal = new HashSet<>();
    Set<String> test = new HashSet<>();
    for (NihRecord r : all) {
      (Integer.parseInt(r.patientId()) % 4 == 0 ? test : trainVal).add(r.imageIndex());
    }
    List<NihProtocol.Item> items = NihProtocol.official(all, trainVal, test, 5);
    assertEquals(1200, items.size());
    Map<NihProtocol.Split, Integer> bySplit = new HashMap<>();
    for (NihProtocol.Item i : items) {
      bySplit.merge(i.split(), 1, Integer::sum);
      assertTrue(
          i.split() == NihProtocol.Split.TEST
              ? test.contains(i.record().imageIndex())
              : trainVal.contains(i.record().imageIndex()),
          i.toString());
    }
    assertEquals(840, bySplit.get(NihProtocol.Split.TRAIN));
    assertEquals(120, bySplit.get(NihProtocol.Split.VAL));
    assertEquals(240, bySplit.get(NihProtocol.Split.TEST));
    assertEquals(
        items.stream().map(i -> i.record().imageIndex()).toList(),
        NihProtocol.official(all, trainVal, test, 5).stream()
            .map(i -> i.record().imageIndex())
            .toList());
    Set<String> both = new HashSet<>(test);
    both.add(trainVal.iterator().next());
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> NihProtocol.official(all, trainVal, both, 5));
    assertTrue(e.getMessage().contains("on both"), e.getMessage());
  }
}
