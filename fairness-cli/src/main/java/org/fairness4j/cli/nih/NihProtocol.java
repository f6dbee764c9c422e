package org.fairness4j.cli.nih;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.fairness4j.core.random.SplitMix64;

/**
 * The study's "NIH 6x200" protocol: single-label images of six findings, two age groups and two
 * sexes; per disease × age group × sex cell 50 images of distinct patients, split 35 / 5 / 10 (840
 * / 120 / 240 in all).
 *
 * <p>{@link #sample} is the authors' notebook ({@code dataset/nih6x200.ipynb}) to the row and its
 * order, with NumPy's legacy generator ({@link org.fairness4j.core.random.NumpyRandomState}) doing
 * pandas' and scikit-learn's draws: checked against the notebook itself, run unmodified ({@code
 * tools/run_authors_notebook.py}). The other designs are this project's own and draw with
 * SplitMix64: {@link #patientDisjoint} (no patient on two sides) and {@link #official} (the
 * official NIH lists). They share the cell rules — rows whose {@code Finding Labels} is exactly one
 * of {@link #CLASSES}; ages of 100 and over dropped; age group {@code young} [0, 60) or {@code old}
 * [60, 100); within each cell, each patient's first image by image index — and seed a generator per
 * cell number c = disease·4 + age·2 + sex (F = 0, M = 1, young = 0, old = 1) with {@code
 * seed·1000003 + c}: with at least as many candidates as needed a Fisher–Yates shuffle (i from n−1
 * down to 1 swaps i with {@code below(i+1)}) and its first ones, otherwise draws {@code below(n)}
 * with replacement.
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
    /**
     * The authors' protocol ({@link #sample}), their notebook's split: a patient may be on two
     * sides.
     */
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
   * The authors' protocol, as their notebook runs it: rows with exactly one finding among {@link
   * #CLASSES}; age groups {@code pd.cut(age, [0, 60, 100], right=False)} (ages of 100 and over, or
   * negative, in none); for each disease, age group ([0, 60), [60, 100)) and sex (M, then F) the
   * matching rows in file order, one per patient (the image name up to its first {@code _}; the
   * first row in file order); {@code sample(n=50, random_state=seed)}, with replacement when the
   * cell has fewer than 50 patients (so an image can repeat); then per group in {@code
   * groupby(['Age Group', 'Patient Gender', 'Finding Labels'])} order (young before old, F before
   * M, diseases alphabetically) {@code train_test_split(group, test_size=15, random_state=seed)}
   * and {@code train_test_split(rest, test_size=10, random_state=seed)}. The result is the
   * notebook's {@code train_df}, then {@code val_df}, then {@code test_df}, each row in its order.
   *
   * <p>Rows that {@link NihMetadata#read} removes (unknown labels, repeated image rows that agree
   * with the first in finding, age and sex) are not seen; the notebook would see them, which
   * changes nothing. A repeated row that disagrees would change the notebook's draw: {@link
   * NihMetadata#read} refuses such a file.
   *
   * @param records the metadata rows in file order (e.g. {@link NihMetadata.Loaded#records()})
   * @param seed the {@code random_state} of every draw (the authors': 42), 0 to 2<sup>32</sup> − 1
   * @return train, then validation, then test images, in the notebook's order
   * @throws IllegalArgumentException if the seed is out of range or a cell has no patient (the
   *     notebook fails there too)
   */
  public static List<Item> sample(List<NihRecord> records, long seed) {
    return AuthorsSampling.sample(records, seed);
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
   * few; SplitMix64 generators seeded {@code seed·1000003 + cell}, the test draw with {@code
   * seed·1000003 + cell + 7919}.
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
