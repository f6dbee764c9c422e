package org.fairness4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fairness4j.core.table.ClassLabels;
import org.fairness4j.core.table.csv.CsvRecordReader;
import org.fairness4j.core.table.csv.TableFormatException;
import org.fairness4j.models.adapt.AdaptationRunner;

/** Reads a split CSV of {@code fairness adapt} (image, label and other columns) strictly. */
final class SplitCsv {
  private SplitCsv() {}

  static AdaptCommand.SplitFile read(
      Path csv, Path images, String imageColumn, String labelColumn, ClassLabels classes)
      throws IOException {
    Path base = images != null ? images : csv.toAbsolutePath().getParent();
    List<Path> files = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    Map<String, List<String>> extra = new LinkedHashMap<>();
    try (CsvRecordReader r = CsvRecordReader.open(csv, ',')) {
      List<String> header = r.next();
      if (header == null) {
        throw new TableFormatException(csv, 0, null, "empty file (no header row)");
      }
      int image = column(csv, header, imageColumn);
      int label = column(csv, header, labelColumn);
      List<Integer> extraColumns = new ArrayList<>();
      for (int c = 0; c < header.size(); c++) {
        if (c != image && c != label && !extra.containsKey(header.get(c))) {
          extra.put(header.get(c), new ArrayList<>());
          extraColumns.add(c);
        }
      }
      List<String> rec;
      while ((rec = r.next()) != null) {
        long line = r.recordLine();
        if (rec.size() != header.size()) {
          throw new TableFormatException(
              csv,
              line,
              null,
              "row has " + rec.size() + " fields, the header has " + header.size());
        }
        String img = rec.get(image);
        Path f = base.resolve(img);
        if (!Files.isRegularFile(f)) {
          throw new TableFormatException(
              csv, line, null, "image " + f + " (column '" + imageColumn + "') does not exist");
        }
        String l = rec.get(label).strip();
        if (classes != null && classes.indexOf(l) < 0) {
          throw new TableFormatException(
              csv,
              line,
              null,
              "label '" + l + "' (column '" + labelColumn + "') is not one of " + classes.asList());
        }
        files.add(f);
        labels.add(l);
        ids.add(img);
        int k = 0;
        for (List<String> values : extra.values()) {
          values.add(rec.get(extraColumns.get(k++)));
        }
      }
    }
    if (files.isEmpty()) {
      throw new TableFormatException(csv, 0, null, "no data rows after the header");
    }
    int[] y = new int[labels.size()];
    if (classes != null) {
      for (int i = 0; i < y.length; i++) {
        y[i] = classes.indexOf(labels.get(i));
      }
    }
    Map<String, String[]> cols = new LinkedHashMap<>();
    extra.forEach((k, v) -> cols.put(k, v.toArray(String[]::new)));
    return new AdaptCommand.SplitFile(new AdaptationRunner.Split(files, y, ids), cols, labels);
  }

  private static int column(Path csv, List<String> header, String name)
      throws TableFormatException {
    int i = header.indexOf(name);
    if (i < 0) {
      throw new TableFormatException(csv, 1, name, "no such column (have " + header + ")");
    }
    if (header.lastIndexOf(name) != i) {
      throw new TableFormatException(csv, 1, name, "the header names this column twice");
    }
    return i;
  }
}
