package org.fairness4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.fairness4j.core.table.csv.CsvRowSource;
import org.fairness4j.core.table.csv.TableFormatException;

/**
 * Finds an id-like column (patient_id, subject, study_id, mrn, ...) whose values repeat: its rows
 * are not independent, and without {@code --cluster} the intervals come out too narrow (in the
 * coverage study, coverage 73–88 % at 95 % on patient-clustered data; docs/statistics.md).
 */
final class ClusterHint {
  private static final Pattern ID_LIKE =
      Pattern.compile(
          "(?i)^(patient|subject|person|participant|individual|case|study|member|user|customer)"
              + "([ _-]?(id|no|number|key))?$|^.*[ _-]id$|^id$|^(pid|mrn|uid)$");

  private ClusterHint() {}

  /**
   * A repeated id: the column and the line to print.
   *
   * @param column the id-like column's name
   * @param message the warning line for the console
   */
  record Hint(String column, String message) {}

  /**
   * Returns the warning to print, if the file has an id-like column with a repeated value.
   *
   * @param file the CSV file (header row)
   * @param delimiter its field separator
   * @param used the columns the command already uses (not ids: labels, scores, attributes)
   * @return the column and one line, or empty
   * @throws IOException if the file cannot be read
   */
  static Optional<Hint> check(Path file, char delimiter, Set<String> used) throws IOException {
    CsvRowSource source = CsvRowSource.of(file, delimiter);
    List<String> ids = new ArrayList<>();
    try {
      for (String h : source.header()) {
        if (!used.contains(h.trim()) && ID_LIKE.matcher(h.trim()).matches()) {
          ids.add(h);
        }
      }
      if (ids.isEmpty()) {
        return Optional.empty();
      }
      List<Set<String>> seen = new ArrayList<>();
      ids.forEach(c -> seen.add(new HashSet<>()));
      Hint[] hint = new Hint[1];
      source.scan(
          ids,
          (line, values) -> {
            for (int j = 0; j < values.length; j++) {
              String v = values[j].trim();
              if (!v.isEmpty() && !seen.get(j).add(v)) {
                hint[0] = new Hint(ids.get(j).trim(), message(ids.get(j).trim(), v, line));
                return false;
              }
            }
            return true;
          });
      return Optional.ofNullable(hint[0]);
    } catch (TableFormatException e) {
      return Optional.empty(); // the table's own reader reports a malformed file
    }
  }

  private static String message(String column, String value, long line) {
    return String.format(
        Locale.ROOT,
        "fairness: warning: column '%s' repeats the value '%s' (line %d): rows that"
            + " share it (one patient's images, say) are not independent, so"
            + " intervals that treat them as independent are too narrow; add"
            + " --cluster %s",
        column,
        value,
        line,
        column);
  }
}
