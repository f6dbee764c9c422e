package org.fairness4j.cli;

import java.io.PrintWriter;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.group.GroupIndex;
import org.fairness4j.core.table.PredictionTable;
import org.fairness4j.core.table.SensitiveAttribute;

/**
 * Checks of {@code fairness metrics} that need no file (option ranges) or the table just read
 * (labels and group counts): refusals are {@link IllegalArgumentException}s (exit 2), the rest
 * warning lines on standard error.
 */
final class MetricsChecks {
  /** The most bootstrap resamples accepted; every resample keeps every statistic. */
  static final int MAX_RESAMPLES = 100_000;

  /** Above this many groups in one report a warning is printed. */
  static final int WARN_GROUPS = 1000;

  private MetricsChecks() {}

  /**
   * Refuses a negative or huge {@code --bootstrap}.
   *
   * @param resamples the option value
   */
  static void bootstrap(int resamples) {
    if (resamples < 0 || resamples == 1 || resamples > MAX_RESAMPLES) {
      throw new IllegalArgumentException(
          "--bootstrap "
              + resamples
              + ": give 0 (no intervals) or 2 to "
              + MAX_RESAMPLES
              + " resamples (1000 to 10000 is usual)");
    }
  }

  /**
   * Refuses a {@code --confidence} outside (0, 1), with or without {@code --bootstrap}.
   *
   * @param confidence the option value
   */
  static void confidence(double confidence) {
    if (!(confidence > 0 && confidence < 1)) {
      throw new IllegalArgumentException(
          "--confidence " + confidence + ": give a level between 0 and 1, e.g. 0.95");
    }
  }

  /**
   * Refuses a {@code --max-groups} below 1.
   *
   * @param maxGroups the option value
   */
  static void maxGroups(int maxGroups) {
    if (maxGroups < 1) {
      throw new IllegalArgumentException("--max-groups " + maxGroups + ": give at least 1");
    }
  }

  /**
   * Warns when the positive label occurs in no row: its rates are then 0 or undefined, and
   * disparities of them say nothing.
   *
   * @param table the table
   * @param positive the positive label or null
   * @param err where to warn
   */
  static void positiveLabel(PredictionTable table, String positive, PrintWriter err) {
    if (positive == null) {
      return;
    }
    int c = table.classes().indexOf(positive.strip());
    if (c < 0) {
      c = table.classes().indexOf(positive);
    }
    if (c < 0) {
      return; // the evaluator refuses a positive label that is not a class
    }
    for (int i = 0; i < table.rowCount(); i++) {
      if (table.trueClass(i) == c || table.predictedClass(i) == c) {
        return;
      }
    }
    err.println(
        "fairness: warning: --positive "
            + positive
            + " occurs in no row of the true or predicted labels (classes "
            + table.classes()
            + "); its rates are 0 or undefined in every group");
  }

  /**
   * Refuses a report with more groups than {@code maxGroups} (an id column given as sensitive?) and
   * warns above {@link #WARN_GROUPS}.
   *
   * @param table the table
   * @param sets the reports' feature sets
   * @param maxGroups the limit
   * @param err where to warn
   */
  static void groupCounts(
      PredictionTable table, List<FeatureSet> sets, int maxGroups, PrintWriter err) {
    for (FeatureSet fs : sets) {
      GroupIndex index = GroupIndex.of(table, fs);
      int groups = index.groupCount();
      if (groups == 0) {
        throw new IllegalArgumentException(
            "--sensitive "
                + fs.name()
                + ": no group is left: all "
                + table.rowCount()
                + " rows have a missing value and --missing drop drops them ("
                + index.droppedRows()
                + " dropped); use --missing own-group or fill the column");
      }
      if (groups > maxGroups) {
        throw new IllegalArgumentException(
            "--sensitive "
                + fs.name()
                + " has "
                + groups
                + " groups in "
                + table.rowCount()
                + " rows, more than --max-groups "
                + maxGroups
                + " (an id column?); raise --max-groups to report them all");
      }
      if (groups > WARN_GROUPS) {
        err.println(
            "fairness: warning: "
                + fs.name()
                + " has "
                + groups
                + " groups; the report lists every one (an id column?)");
      }
    }
  }

  /**
   * Warns when two groups of a sensitive attribute differ only in Unicode normalization (such as
   * {@code é} written as one code point, NFC, and as {@code e} plus a combining accent, NFD). They
   * look the same but are different text, so they stay two groups, as in pandas and Fairlearn
   * (which compare code points); the warning says how to merge them.
   *
   * @param table the table
   * @param err where to warn
   */
  static void unicodeNormalization(PredictionTable table, PrintWriter err) {
    for (SensitiveAttribute a : table.attributes()) {
      Map<String, List<String>> byNfc = new LinkedHashMap<>();
      for (String level : a.levels()) {
        byNfc
            .computeIfAbsent(
                Normalizer.normalize(level, Normalizer.Form.NFC), k -> new ArrayList<>())
            .add(level);
      }
      for (List<String> same : byNfc.values()) {
        if (same.size() > 1) {
          err.println(
              "fairness: warning: --sensitive "
                  + a.name()
                  + ": groups "
                  + same.stream().map(MetricsChecks::codePoints).toList()
                  + " differ only in Unicode normalization (NFC vs NFD) and are reported as"
                  + " separate groups, as pandas and Fairlearn do; normalize the file to NFC to"
                  + " merge them");
        }
      }
    }
  }

  private static String codePoints(String s) {
    StringBuilder b = new StringBuilder("'").append(s).append("' (");
    s.codePoints().forEach(c -> b.append(String.format(java.util.Locale.ROOT, "U+%04X ", c)));
    b.setLength(b.length() - 1);
    return b.append(')').toString();
  }
}
