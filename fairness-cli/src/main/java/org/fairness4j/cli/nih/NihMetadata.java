package org.fairness4j.cli.nih;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.stream.ImageInputStream;
import org.fairness4j.core.table.csv.CsvRecordReader;

/**
 * Reads NIH ChestX-ray14 metadata ({@code Data_Entry_2017_v2020.csv}, or the original {@code
 * Data_Entry_2017.csv} with its trailing empty column) and, optionally, finds each image under the
 * data directory ({@code images_001/images/...} or flat). Data quirks never stop the load: unknown
 * finding labels, ages over 100 (kept, counted: the study protocol drops them), duplicate image
 * rows, images that are missing or unreadable are removed or flagged and counted in the {@link
 * Summary}. A row that is structurally broken (wrong number of fields, a non-numeric age) is an
 * {@link IllegalArgumentException} naming file, line and field; the file is read by the strict
 * {@link CsvRecordReader}, so a stray quote (a quoted field never closed, text after a closing
 * quote) is an {@link org.fairness4j.core.table.csv.TableFormatException} naming file and line. A
 * repeated image row is removed when it agrees with the image's first row in finding, age and sex,
 * and is an {@link IllegalArgumentException} naming both lines when it does not: which row is right
 * cannot be known, and the authors' notebook would keep both (sampling the image in two cells).
 */
public final class NihMetadata {
  /** The 14 findings, as spelled in the file, plus {@code No Finding}. */
  public static final List<String> LABELS =
      List.of(
          "Atelectasis",
          "Cardiomegaly",
          "Consolidation",
          "Edema",
          "Effusion",
          "Emphysema",
          "Fibrosis",
          "Hernia",
          "Infiltration",
          "Mass",
          "Nodule",
          "Pleural_Thickening",
          "Pneumonia",
          "Pneumothorax",
          "No Finding");

  private static final List<String> HEADER =
      List.of(
          "Image Index",
          "Finding Labels",
          "Follow-up #",
          "Patient ID",
          "Patient Age",
          "Patient Gender",
          "View Position",
          "OriginalImage[Width",
          "Height]",
          "OriginalImagePixelSpacing[x",
          "y]");

  /**
   * What the load removed or flagged, rule by rule, with the first few lines of each.
   *
   * @param rows data rows in the file
   * @param kept rows returned
   * @param counts rule to rows affected
   * @param examples rule to up to five line numbers
   */
  public record Summary(
      int rows, int kept, Map<String, Integer> counts, Map<String, List<Integer>> examples) {
    /** Rows with a finding label outside the 15 known ones (removed). */
    public static final String UNKNOWN_LABEL = "unknown finding label";

    /** Rows repeating an earlier row's image (removed). */
    public static final String DUPLICATE = "duplicate image row";

    /** Rows whose image is not under the data directory (removed). */
    public static final String MISSING_IMAGE = "image file missing";

    /** Rows whose image cannot be decoded as an image (removed). */
    public static final String UNREADABLE_IMAGE = "image file unreadable";

    /** Rows with an age over 100 (kept; the study protocol drops ages of 100 and over). */
    public static final String AGE_OVER_100 = "age over 100 (kept)";

    /**
     * Copies.
     *
     * @param rows rows
     * @param kept kept
     * @param counts counts
     * @param examples examples
     */
    public Summary {
      counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
      examples = Collections.unmodifiableMap(new LinkedHashMap<>(examples));
    }

    /** Returns one line per rule, e.g. {@code image file missing: 3 rows (lines 5, 9, 12)}. */
    @Override
    public String toString() {
      StringBuilder b = new StringBuilder(rows + " rows read, " + kept + " kept");
      counts.forEach(
          (k, v) ->
              b.append("\n  ")
                  .append(k)
                  .append(": ")
                  .append(v)
                  .append(v == 1 ? " row" : " rows")
                  .append(" (lines ")
                  .append(String.join(", ", examples.get(k).stream().map(String::valueOf).toList()))
                  .append(v > examples.get(k).size() ? ", ..." : "")
                  .append(')'));
      return b.toString();
    }
  }

  /**
   * The records and the images found for them.
   *
   * @param records kept records, in file order
   * @param images image file name to its path (empty when no image directory was given)
   * @param summary what was removed or flagged
   */
  public record Loaded(List<NihRecord> records, Map<String, Path> images, Summary summary) {
    /**
     * Copies.
     *
     * @param records records
     * @param images images
     * @param summary summary
     */
    public Loaded {
      records = List.copyOf(records);
      images = Collections.unmodifiableMap(new LinkedHashMap<>(images));
    }
  }

  private NihMetadata() {}

  /**
   * Reads the metadata; with an image directory, keeps only rows whose image exists there and can
   * be read.
   *
   * @param csv the metadata file
   * @param imageDir the directory holding the images (searched recursively), or null
   * @return records, images and summary
   * @throws IOException if a file cannot be read; {@link
   *     org.fairness4j.core.table.csv.TableFormatException} naming file and line for a stray quote
   * @throws IllegalArgumentException naming file, line and field for a broken row or header
   */
  public static Loaded read(Path csv, Path imageDir) throws IOException {
    Map<String, Path> images = imageDir == null ? Map.of() : index(imageDir);
    Map<String, Integer> counts = new LinkedHashMap<>();
    Map<String, List<Integer>> examples = new LinkedHashMap<>();
    List<NihRecord> out = new ArrayList<>();
    Map<String, Seen> seen = new HashMap<>();
    Set<String> known = new HashSet<>(LABELS);
    int rows = 0;
    try (CsvRecordReader r = CsvRecordReader.open(csv, ',')) {
      List<String> head = r.next();
      if (head == null) {
        throw new IllegalArgumentException(csv + ":1: empty file (no header row)");
      }
      checkHeader(csv, head);
      List<String> rec;
      while ((rec = r.next()) != null) {
        int line = (int) r.recordLine();
        if (rec.size() == 1 && rec.get(0).isBlank()) {
          continue;
        }
        rows++;
        int n = rec.size();
        boolean trailingEmpty = n == 12 && rec.get(11).isEmpty();
        if (n != 11 && !trailingEmpty) {
          throw new IllegalArgumentException(
              csv + ":" + line + ": expected 11 fields (12 with an empty last one), found " + n);
        }
        String image = rec.get(0).strip();
        List<String> findings = List.of(rec.get(1).strip().split("\\|"));
        if (!known.containsAll(findings)) {
          note(counts, examples, Summary.UNKNOWN_LABEL, line);
          continue;
        }
        int followUp = integer(csv, line, "Follow-up #", rec.get(2));
        int age = integer(csv, line, "Patient Age", rec.get(4));
        String sex = rec.get(5).strip();
        if (!sex.equals("M") && !sex.equals("F")) {
          throw new IllegalArgumentException(
              csv + ":" + line + ": field 'Patient Gender': expected M or F, found '" + sex + "'");
        }
        Seen before = seen.putIfAbsent(image, new Seen(findings, age, sex, line));
        if (before != null) {
          before.requireSame(csv, image, findings, age, sex, line);
          note(counts, examples, Summary.DUPLICATE, line);
          continue;
        }
        if (imageDir != null) {
          Path p = images.get(image);
          if (p == null) {
            note(counts, examples, Summary.MISSING_IMAGE, line);
            continue;
          }
          if (!readable(p)) {
            note(counts, examples, Summary.UNREADABLE_IMAGE, line);
            continue;
          }
        }
        if (age > 100) {
          note(counts, examples, Summary.AGE_OVER_100, line);
        }
        out.add(
            new NihRecord(
                image, findings, followUp, rec.get(3).strip(), age, sex, rec.get(6).strip(), line));
      }
    }
    Map<String, Path> used = new LinkedHashMap<>();
    if (imageDir != null) {
      out.forEach(rec -> used.put(rec.imageIndex(), images.get(rec.imageIndex())));
    }
    return new Loaded(out, used, new Summary(rows, out.size(), counts, examples));
  }

  /** The first row of an image: what a repeated row of it must agree with. */
  private record Seen(List<String> findings, int age, String sex, int line) {
    void requireSame(Path csv, String image, List<String> f, int a, String s, int at) {
      String what =
          !f.equals(findings)
              ? "finding '" + String.join("|", f) + "' (there '" + String.join("|", findings) + "')"
              : a != age
                  ? "age " + a + " (there " + age + ")"
                  : !s.equals(sex) ? "sex " + s + " (there " + sex + ")" : null;
      if (what != null) {
        throw new IllegalArgumentException(
            csv
                + ":"
                + at
                + ": image "
                + image
                + " repeats line "
                + line
                + " with another "
                + what
                + "; the file contradicts itself (the authors' notebook would keep both rows, this"
                + " reader only the first): remove one of them");
      }
    }
  }

  private static void checkHeader(Path csv, List<String> fields) {
    List<String> h = new ArrayList<>(fields);
    if (h.size() == 12 && h.get(11).isEmpty()) {
      h.remove(11);
    }
    if (!h.isEmpty()) {
      h.set(0, h.get(0).replace("\uFEFF", ""));
    }
    if (!h.equals(HEADER)) {
      throw new IllegalArgumentException(
          csv
              + ":1: not an NIH ChestX-ray14 Data_Entry file; expected the header "
              + String.join(",", HEADER));
    }
  }

  private static int integer(Path csv, int line, String field, String v) {
    try {
      return Integer.parseInt(v.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          csv + ":" + line + ": field '" + field + "': '" + v + "' is not an integer");
    }
  }

  private static void note(
      Map<String, Integer> counts, Map<String, List<Integer>> ex, String rule, int line) {
    counts.merge(rule, 1, Integer::sum);
    List<Integer> l = ex.computeIfAbsent(rule, k -> new ArrayList<>());
    if (l.size() < 5) {
      l.add(line);
    }
  }

  /** Image file name to path, searching the directory recursively (first one wins). */
  static Map<String, Path> index(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new java.nio.file.NoSuchFileException(dir.toString(), null, "image directory");
    }
    Map<String, Path> m = new HashMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      s.filter(p -> p.getFileName().toString().endsWith(".png"))
          .sorted()
          .forEach(p -> m.putIfAbsent(p.getFileName().toString(), p));
    }
    return m;
  }

  /** Whether an image decoder accepts the file's header (its size can be read). */
  private static boolean readable(Path p) {
    try (ImageInputStream in = ImageIO.createImageInputStream(p.toFile())) {
      if (in == null) {
        return false;
      }
      var readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        return false;
      }
      var reader = readers.next();
      try {
        reader.setInput(in);
        return reader.getWidth(0) > 0 && reader.getHeight(0) > 0;
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /**
   * Reads an official split list ({@code train_val_list.txt}, {@code test_list.txt}): one image
   * file name per line.
   *
   * @param file the list
   * @return the image names
   * @throws IOException if it cannot be read
   */
  public static Set<String> splitList(Path file) throws IOException {
    Set<String> s = new java.util.LinkedHashSet<>();
    for (String l : Files.readAllLines(file)) {
      if (!l.isBlank()) {
        s.add(l.strip());
      }
    }
    return s;
  }
}
