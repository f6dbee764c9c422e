package org.fairness4j.core.policy;

import java.util.ArrayList;
import java.util.List;
import org.fairness4j.core.FairnessEvaluator;
import org.fairness4j.core.table.PredictionTable;

/** Tables with given confusion counts per group, for policy tests. */
final class PolicyTables {
  private PolicyTables() {}

  /** One group's counts. */
  record Cell(String group, int tp, int fn, int fp, int tn) {}

  static PredictionTable table(String attribute, Cell... cells) {
    return table(attribute, 0, cells);
  }

  /** The same table with every {@code perCluster} consecutive rows one cluster (0: none). */
  static PredictionTable table(String attribute, int perCluster, Cell... cells) {
    List<Integer> t = new ArrayList<>();
    List<Integer> p = new ArrayList<>();
    List<String> g = new ArrayList<>();
    for (Cell c : cells) {
      add(t, p, g, c.group(), 1, 1, c.tp());
      add(t, p, g, c.group(), 1, 0, c.fn());
      add(t, p, g, c.group(), 0, 1, c.fp());
      add(t, p, g, c.group(), 0, 0, c.tn());
    }
    PredictionTable.Builder b =
        PredictionTable.builder()
            .labels(
                t.stream().mapToInt(Integer::intValue).toArray(),
                p.stream().mapToInt(Integer::intValue).toArray())
            .categorical(attribute, g.toArray(new String[0]));
    if (perCluster > 0) {
      String[] ids = new String[t.size()];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = "c" + i / perCluster;
      }
      b.clusters(ids);
    }
    return b.build();
  }

  private static void add(
      List<Integer> t, List<Integer> p, List<String> g, String group, int yt, int yp, int n) {
    for (int i = 0; i < n; i++) {
      t.add(yt);
      p.add(yp);
      g.add(group);
    }
  }

  static FairnessEvaluator evaluator() {
    return FairnessEvaluator.builder().positiveLabel("1").build();
  }
}
