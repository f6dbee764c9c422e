package org.fairness4j.examples.nih;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The study's "NIH 6x200" protocol: single-label images of six findings, two age groups and two
 * sexes; per disease × age group × sex cell one image per patient, 50 sampled and split 35 / 5 / 10
 * (840 / 120 / 240 in all). Every random choice uses {@link SplitMix64}, so that the sampling is
 * reproducible in any language: tools/nih_protocol_reference.py re-implements it with pandas and
 * its output is a test fixture.
 *
 * <p>The rules, in order: keep rows whose {@code Finding Labels} is exactly one of {@link
 * #CLASSES}; drop ages of 100 and over; age group {@code young} [0, 60) or {@code old} [60, 100);
 * within each cell sort by image index and keep each patient's first image; sample the cell (cell
 * number c = disease·4 + age·2 + sex, with F = 0, M = 1, young = 0, old = 1) with a generator
 * seeded {@code seed·1000003 + c}: with at least 50 candidates a Fisher–Yates shuffle (i from n−1
 * down to 1 swaps i with {@code below(i+1)}) and the first 50; otherwise 50 draws {@code below(n)}
 * with replacement; the first 35 sampled go to training, the next 5 to validation, the last 10 to
 * test.
 *
 * <p>As in the authors' protocol, one patient can appear in several cells (e.g. once young, once
 * old) and so on both sides of the split; {@link #patientDisjoint} avoids that.
 */
public final class NihProtocol {
  /** The six classes, in class-index (alphabetical) order. */
  public static final List<String> CLASSES =
      List.of("Atelectasis", "Cardiomegaly", "Consolidation", "Edema", "Effusion", "Pneumothorax");

  /** Images per cell and their split. */
  static final int PER_CELL = 50;

  static final int TRAIN = 35;
  static final int VAL = 5;

  /** How images are assigned to training, validation and test. */
  public enum Design {
    /** The authors' protocol ({@link #sample}): a patient may be on two sides. */
    AUTHORS,
    /** Patients first assigned to one side ({@link #patientDisjoint}). */
    PATIENT_DISJOINT,
    /** The official NIH lists ({@link #official}). */
    OFFICIAL
  }

  /** Which split an image belongs to. */
  public enum Split {
    /** Training. */
    TRAIN,
    /** Validation. */
    VAL,
    /** Test. */
    TEST
  }

  /**
   * One sampled image.
   *
   * @param record the metadata row
   * @param classIndex the class (index into {@link #CLASSES})
   * @param ageGroup {@code young} or {@code old}
   * @param split its split
   */
  public record Item(NihRecord record, int classIndex, String ageGroup, Split split) {}

  private NihProtocol() {}

  /** Age group of an age: young [0, 60), old [60, 100), null otherwise. */
  static String ageGroup(int age) {
    if (age < 0 || age >= 100) {
      return null;
    }
    return age < 60 ? "young" : "old";
  }

  /** The cell candidates: cell number to the first image of each patient, by image index. */
  static Map<Integer, List<NihRecord>> cells(List<NihRecord> records) {
    Map<Integer, TreeMap<String, NihRecord>> byPatient = new TreeMap<>();
    for (NihRecord r : records) {
      if (r.findings().size() != 1) {
        continue;
      }
      int cls = CLASSES.indexOf(r.findings().get(0));
      String age = ageGroup(r.age());
      if (cls < 0 || age == null) {
        continue;
      }
      int cell = cls * 4 + (age.equals("old") ? 2 : 0) + (r.sex().equals("M") ? 1 : 0);
      TreeMap<String, NihRecord> patients = byPatient.computeIfAbsent(cell, k -> new TreeMap<>());
      NihRecord prev = patients.get(r.patientId());
      if (prev == null || r.imageIndex().compareTo(prev.imageIndex()) < 0) {
        patients.put(r.patientId(), r);
      }
    }
    Map<Integer, List<NihRecord>> out = new TreeMap<>();
    byPatient.forEach(
        (cell, patients) -> {
          List<NihRecord> l = new ArrayList<>(patients.values());
          l.sort(Comparator.comparing(NihRecord::imageIndex));
          out.put(cell, l);
        });
    return out;
  }

  /**
   * Draws {@code k} items: shuffle and take k when there are enough, else k draws with replacement.
   */
  static <T> List<T> sample(List<T> candidates, int k, SplitMix64 rng) {
    int n = candidates.size();
    List<T> out = new ArrayList<>(k);
    if (n == 0) {
      return out;
    }
    if (n >= k) {
      List<T> a = new ArrayList<>(candidates);
      for (int i = n - 1; i >= 1; i--) {
        int j = rng.below(i + 1);
        T t = a.get(i);
        a.set(i, a.get(j));
        a.set(j, t);
      }
      return new ArrayList<>(a.subList(0, k));
    }
    for (int i = 0; i < k; i++) {
      out.add(candidates.get(rng.below(n)));
    }
    return out;
  }

  /**
   * Samples the study's data set.
   *
   * @param records the metadata rows (e.g. {@link NihMetadata.Loaded#records()})
   * @param seed the seed
   * @return the sampled images, cell by cell (train, then validation, then test within a cell)
   */
  public static List<Item> sample(List<NihRecord> records, long seed) {
    List<Item> out = new ArrayList<>();
    for (Map.Entry<Integer, List<NihRecord>> e : cells(records).entrySet()) {
      int cell = e.getKey();
      List<NihRecord> s = sample(e.getValue(), PER_CELL, new SplitMix64(seed * 1000003L + cell));
      for (int i = 0; i < s.size(); i++) {
        Split split = i < TRAIN ? Split.TRAIN : i < TRAIN + VAL ? Split.VAL : Split.TEST;
        out.add(new Item(s.get(i), cell / 4, (cell & 2) != 0 ? "old" : "young", split));
      }
    }
    return out;
  }

  /**
   * Samples the same cells but with patients assigned to one split first, so that no patient is on
   * two sides: the sorted distinct patients of all cells are shuffled (generator seeded {@code
   * seed·1000003 − 1}) and the first 70 % go to training, the next 10 % to validation, the rest to
   * test; then each cell draws 35, 5 and 10 from its candidates of each split (with replacement
   * where too few).
   *
   * @param records the metadata rows
   * @param seed the seed
   * @return the sampled images
   */
  public static List<Item> patientDisjoint(List<NihRecord> records, long seed) {
    Map<Integer, List<NihRecord>> cells = cells(records);
    Set<String> patients = new TreeSet<>();
    cells.values().forEach(l -> l.forEach(r -> patients.add(r.patientId())));
    List<String> order =
        sample(new ArrayList<>(patients), patients.size(), new SplitMix64(seed * 1000003L - 1));
    Map<String, Split> assigned = new LinkedHashMap<>();
    int n = order.size();
    for (int i = 0; i < n; i++) {
      assigned.put(
          order.get(i), i < n * 7 / 10 ? Split.TRAIN : i < n * 8 / 10 ? Split.VAL : Split.TEST);
    }
    List<Item> out = new ArrayList<>();
    for (Map.Entry<Integer, List<NihRecord>> e : cells.entrySet()) {
      int cell = e.getKey();
      SplitMix64 rng = new SplitMix64(seed * 1000003L + cell);
      int[] sizes = {TRAIN, VAL, PER_CELL - TRAIN - VAL};
      for (Split split : Split.values()) {
        List<NihRecord> cand =
            e.getValue().stream().filter(r -> assigned.get(r.patientId()) == split).toList();
        for (NihRecord r : sample(cand, sizes[split.ordinal()], rng)) {
          out.add(new Item(r, cell / 4, (cell & 2) != 0 ? "old" : "young", split));
        }
      }
    }
    return out;
  }

  /**
   * Samples the same cells from the official NIH split: training and validation images from {@code
   * train_val_list.txt}, test images from {@code test_list.txt} (the official lists put each
   * patient on one side). Each cell draws 40 of its candidates in the training list (the first 35
   * for training, the next 5 for validation) and 10 in the test list, with replacement where too
   * few; generators seeded as in {@link #sample}, the test draw with {@code seed·1000003 + cell +
   * 7919}.
   *
   * @param records the metadata rows
   * @param trainVal image names of {@code train_val_list.txt}
   * @param test image names of {@code test_list.txt}
   * @param seed the seed
   * @return the sampled images
   * @throws IllegalArgumentException if an image is on both lists
   */
  public static List<Item> official(
      List<NihRecord> records, Set<String> trainVal, Set<String> test, long seed) {
    for (String t : test) {
      if (trainVal.contains(t)) {
        throw new IllegalArgumentException(t + " is on both train_val_list.txt and test_list.txt");
      }
    }
    List<Item> out = new ArrayList<>();
    Map<Integer, List<NihRecord>> tv =
        cells(records.stream().filter(r -> trainVal.contains(r.imageIndex())).toList());
    Map<Integer, List<NihRecord>> te =
        cells(records.stream().filter(r -> test.contains(r.imageIndex())).toList());
    for (int cell = 0; cell < CLASSES.size() * 4; cell++) {
      String age = (cell & 2) != 0 ? "old" : "young";
      List<NihRecord> a =
          sample(
              tv.getOrDefault(cell, List.of()),
              TRAIN + VAL,
              new SplitMix64(seed * 1000003L + cell));
      for (int i = 0; i < a.size(); i++) {
        out.add(new Item(a.get(i), cell / 4, age, i < TRAIN ? Split.TRAIN : Split.VAL));
      }
      for (NihRecord r :
          sample(
              te.getOrDefault(cell, List.of()),
              PER_CELL - TRAIN - VAL,
              new SplitMix64(seed * 1000003L + cell + 7919))) {
        out.add(new Item(r, cell / 4, age, Split.TEST));
      }
    }
    return out;
  }
}
