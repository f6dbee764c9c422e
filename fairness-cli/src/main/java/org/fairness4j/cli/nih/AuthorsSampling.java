package org.fairness4j.cli.nih;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fairness4j.core.random.NumpyRandomState;

/**
 * The authors' notebook ({@code dataset/nih6x200.ipynb} of mu9enn/fair_analysis_med_clip, commit
 * eafd0c2) step by step, with NumPy's legacy generator ({@link NumpyRandomState}) in place of
 * pandas' and scikit-learn's calls. See {@link NihProtocol#sample}.
 */
final class AuthorsSampling {
  private static final int TEST_AND_VAL = NihProtocol.PER_CELL - NihProtocol.TRAIN;
  private static final int TEST = NihProtocol.PER_CELL - NihProtocol.TRAIN - NihProtocol.VAL;

  private AuthorsSampling() {}

  /** The notebook's age group: 0 for [0, 60), 1 for [60, 100), −1 for none. */
  static int ageGroup(int age) {
    return age < 0 || age >= 100 ? -1 : age < 60 ? 0 : 1;
  }

  static List<NihProtocol.Item> sample(List<NihRecord> records, long seed) {
    if (seed < 0 || seed > 0xFFFFFFFFL) {
      throw new IllegalArgumentException(
          "the authors' protocol takes a NumPy seed between 0 and 2**32 - 1, got " + seed);
    }
    int k = NihProtocol.CLASSES.size();
    // cell (disease, age group, sex with M = 0, F = 1 as the notebook loops) -> its draw
    Map<Integer, List<NihRecord>> drawn = new LinkedHashMap<>();
    for (int d = 0; d < k; d++) {
      for (int age = 0; age < 2; age++) {
        for (int sex = 0; sex < 2; sex++) {
          List<NihRecord> cand = candidates(records, d, age, sex == 0 ? "M" : "F");
          if (cand.isEmpty()) {
            throw new IllegalArgumentException(
                String.format(
                    Locale.ROOT,
                    "no patient with a single finding %s, age group %s and sex %s: the authors'"
                        + " protocol cannot sample this cell (their notebook fails here too)",
                    NihProtocol.CLASSES.get(d),
                    age == 0 ? "[0, 60)" : "[60, 100)",
                    sex == 0 ? "M" : "F"));
          }
          int[] idx =
              new NumpyRandomState(seed)
                  .choice(cand.size(), NihProtocol.PER_CELL, cand.size() < NihProtocol.PER_CELL);
          List<NihRecord> s = new ArrayList<>(idx.length);
          for (int i : idx) {
            s.add(cand.get(i));
          }
          drawn.put(cell(d, age, sex), s);
        }
      }
    }
    // groupby(['Age Group', 'Patient Gender', 'Finding Labels']): age group, then F before M, then
    // disease name; then the two train_test_split calls per group.
    int[] first = new NumpyRandomState(seed).permutation(NihProtocol.PER_CELL);
    int[] second = new NumpyRandomState(seed).permutation(TEST_AND_VAL);
    List<NihProtocol.Item> train = new ArrayList<>();
    List<NihProtocol.Item> val = new ArrayList<>();
    List<NihProtocol.Item> test = new ArrayList<>();
    for (int age = 0; age < 2; age++) {
      for (int sex : new int[] {1, 0}) {
        for (int d = 0; d < k; d++) {
          List<NihRecord> g = drawn.get(cell(d, age, sex));
          String group = age == 0 ? "young" : "old";
          for (int i = TEST_AND_VAL; i < NihProtocol.PER_CELL; i++) {
            train.add(new NihProtocol.Item(g.get(first[i]), d, group, NihProtocol.Split.TRAIN));
          }
          for (int i = TEST; i < TEST_AND_VAL; i++) {
            val.add(new NihProtocol.Item(g.get(first[second[i]]), d, group, NihProtocol.Split.VAL));
          }
          for (int i = 0; i < TEST; i++) {
            test.add(
                new NihProtocol.Item(g.get(first[second[i]]), d, group, NihProtocol.Split.TEST));
          }
        }
      }
    }
    List<NihProtocol.Item> out = new ArrayList<>(train);
    out.addAll(val);
    out.addAll(test);
    return out;
  }

  private static int cell(int d, int age, int sex) {
    return d * 4 + age * 2 + sex;
  }

  /**
   * A cell's candidates: rows with this single finding, age group and sex in file order, one per
   * patient (the image name up to its first {@code _}), the first in file order.
   */
  private static List<NihRecord> candidates(List<NihRecord> records, int d, int age, String sex) {
    String disease = NihProtocol.CLASSES.get(d);
    Map<String, NihRecord> first = new LinkedHashMap<>();
    for (NihRecord r : records) {
      if (r.findings().size() == 1
          && r.findings().get(0).equals(disease)
          && ageGroup(r.age()) == age
          && r.sex().equals(sex)) {
        String img = r.imageIndex();
        int u = img.indexOf('_');
        first.putIfAbsent(u < 0 ? img : img.substring(0, u), r);
      }
    }
    return new ArrayList<>(first.values());
  }
}
