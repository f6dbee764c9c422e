package org.fairness4j.examples.cli;

import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds an id-like column (patient_id, subject, study_id, ...) whose values repeat: its rows are
 * not independent, and without {@code --cluster} the intervals come out too narrow (in the coverage
 * study, coverage 73–88 % at 95 % on patient-clustered data; docs/statistics.md).
 */
final class ClusterHint {
  private static final Pattern ID_LIKE =
      Pattern.compile(
          "(?i)^(patient|subject|person|participant|individual|case|study|member|user|customer)"
              + "([ _-]?(id|no|number|key))?$|^.*[ _-]id$|^id$");

  private ClusterHint() {}

  /**
   * Returns the warning to print, if the file has an id-like column with a repeated value.
   *
   * @param file the CSV file (header row)
   * @param delimiter its field separator
   * @param used the columns the command already uses (not ids: labels, scores, attributes)
   * @return one line, or empty
   * @throws IOException if the file cannot be read
   */
  static Optional<String> check(Path file, char delimiter, Set<String> used) throws IOException {
    CsvReader<CsvRecord> reader =
        CsvReader.builder()
            .fieldSeparator(delimiter)
            .ignoreDifferentFieldCount(true)
            .skipEmptyLines(true)
            .detectBomHeader(true)
            .ofCsvRecord(file, StandardCharsets.UTF_8);
    try (reader;
        CloseableIterator<CsvRecord> it = reader.iterator()) {
      if (!it.hasNext()) {
        return Optional.empty();
      }
      List<String> header = it.next().getFields();
      List<Integer> ids = new ArrayList<>();
      for (int c = 0; c < header.size(); c++) {
        String h = header.get(c).trim();
        if (!used.contains(h) && ID_LIKE.matcher(h).matches()) {
          ids.add(c);
        }
      }
      if (ids.isEmpty()) {
        return Optional.empty();
      }
      List<Set<String>> seen = new ArrayList<>();
      ids.forEach(c -> seen.add(new HashSet<>()));
      long line = 1;
      while (it.hasNext()) {
        CsvRecord r = it.next();
        line++;
        for (int j = 0; j < ids.size(); j++) {
          int c = ids.get(j);
          if (c < r.getFieldCount()) {
            String v = r.getField(c).trim();
            if (!v.isEmpty() && !seen.get(j).add(v)) {
              String col = header.get(c).trim();
              return Optional.of(
                  String.format(
                      Locale.ROOT,
                      "fairness: warning: column '%s' repeats the value '%s' (line %d): rows that"
                          + " share it (one patient's images, say) are not independent, so"
                          + " intervals that treat them as independent are too narrow; add"
                          + " --cluster %s",
                      col,
                      v,
                      line,
                      col));
            }
          }
        }
      }
    }
    return Optional.empty();
  }
}
