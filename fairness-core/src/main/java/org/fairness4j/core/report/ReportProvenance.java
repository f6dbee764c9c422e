package org.fairness4j.core.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Where a report's numbers came from: the library version, the input and its SHA-256, the columns
 * used, the positive label, binning, thresholds and the split they were fitted on, seeds and
 * resamples, and the date. Every entry is optional except the version and date; empty maps and
 * nulls mean "not applicable". Immutable.
 *
 * @param libraryVersion the Fairness4J version
 * @param created when the report was made
 * @param input the input's name or path, or null
 * @param inputSha256 the input file's SHA-256 in hex, or null
 * @param columns role (e.g. {@code y_true}, {@code sensitive}) to column name(s)
 * @param positiveLabel the positive label, or null for a multiclass report
 * @param binning attribute to its bins, e.g. {@code age → [0,60) [60,100)}
 * @param thresholds how predictions were thresholded and on which split, or null
 * @param seeds what each seed drove, e.g. {@code bootstrap → 42}
 * @param resamples bootstrap resamples, 0 for none
 * @param settings any other setting worth recording (interval method, undefined policy, ...)
 */
public record ReportProvenance(
    String libraryVersion,
    Instant created,
    String input,
    String inputSha256,
    Map<String, String> columns,
    String positiveLabel,
    Map<String, String> binning,
    String thresholds,
    Map<String, Long> seeds,
    int resamples,
    Map<String, String> settings) {
  /**
   * Creates provenance; maps are copied in order.
   *
   * @param libraryVersion version
   * @param created date
   * @param input input
   * @param inputSha256 checksum
   * @param columns columns
   * @param positiveLabel positive label
   * @param binning binning
   * @param thresholds thresholds
   * @param seeds seeds
   * @param resamples resamples
   * @param settings other settings
   */
  public ReportProvenance {
    Objects.requireNonNull(libraryVersion, "libraryVersion");
    Objects.requireNonNull(created, "created");
    columns = copy(columns);
    binning = copy(binning);
    seeds = copy(seeds);
    settings = copy(settings);
  }

  private static <V> Map<String, V> copy(Map<String, V> m) {
    return m == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(m));
  }

  /**
   * Returns a builder stamped with this library's version and the current time.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns provenance with only the version and the current time.
   *
   * @return minimal provenance
   */
  public static ReportProvenance minimal() {
    return builder().build();
  }

  /**
   * Returns this library's version ({@code unknown} when run from unpackaged classes without
   * resources).
   *
   * @return the version, e.g. {@code 0.1.0-SNAPSHOT}
   */
  public static String currentLibraryVersion() {
    try (InputStream in =
        ReportProvenance.class.getResourceAsStream("/org/fairness4j/core/version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  /**
   * Computes a file's SHA-256.
   *
   * @param file the file
   * @return lower-case hex digest
   * @throws IOException if the file cannot be read
   */
  public static String sha256(Path file) throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
    byte[] buf = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int r; (r = in.read(buf)) > 0; ) {
        md.update(buf, 0, r);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return HexFormat.of().formatHex(md.digest());
  }

  /** Builds {@link ReportProvenance}. */
  public static final class Builder {
    private Instant created = Instant.now();
    private String input;
    private String inputSha256;
    private final Map<String, String> columns = new LinkedHashMap<>();
    private String positiveLabel;
    private final Map<String, String> binning = new LinkedHashMap<>();
    private String thresholds;
    private final Map<String, Long> seeds = new LinkedHashMap<>();
    private int resamples;
    private final Map<String, String> settings = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Sets the date (default: when the builder was made).
     *
     * @param created the date
     * @return this builder
     */
    public Builder created(Instant created) {
      this.created = Objects.requireNonNull(created);
      return this;
    }

    /**
     * Records an input file with its SHA-256.
     *
     * @param file the file
     * @return this builder
     * @throws IOException if the file cannot be read
     */
    public Builder inputFile(Path file) throws IOException {
      this.input = file.toString();
      this.inputSha256 = sha256(file);
      return this;
    }

    /**
     * Records an input by name only (e.g. an in-memory table).
     *
     * @param name the name
     * @return this builder
     */
    public Builder input(String name) {
      this.input = name;
      return this;
    }

    /**
     * Records the column(s) used in a role.
     *
     * @param role e.g. {@code y_true}, {@code scores}, {@code sensitive}
     * @param column the column name(s)
     * @return this builder
     */
    public Builder column(String role, String column) {
      if (column != null) {
        columns.put(role, column);
      }
      return this;
    }

    /**
     * Records the positive label.
     *
     * @param label the label, or null
     * @return this builder
     */
    public Builder positiveLabel(String label) {
      this.positiveLabel = label;
      return this;
    }

    /**
     * Records an attribute's bins.
     *
     * @param attribute the attribute
     * @param bins a description of its bins
     * @return this builder
     */
    public Builder binning(String attribute, String bins) {
      binning.put(attribute, bins);
      return this;
    }

    /**
     * Records how predictions were thresholded and on which split the threshold was fitted.
     *
     * @param description e.g. {@code max-F1 = 0.43 fitted on validation}
     * @return this builder
     */
    public Builder thresholds(String description) {
      this.thresholds = description;
      return this;
    }

    /**
     * Records a seed.
     *
     * @param purpose what it drove, e.g. {@code bootstrap}
     * @param seed the seed
     * @return this builder
     */
    public Builder seed(String purpose, long seed) {
      seeds.put(purpose, seed);
      return this;
    }

    /**
     * Records the number of bootstrap resamples.
     *
     * @param resamples the count
     * @return this builder
     */
    public Builder resamples(int resamples) {
      this.resamples = resamples;
      return this;
    }

    /**
     * Records another setting.
     *
     * @param name the setting
     * @param value its value
     * @return this builder
     */
    public Builder setting(String name, String value) {
      settings.put(name, value);
      return this;
    }

    /**
     * Builds the provenance.
     *
     * @return the provenance
     */
    public ReportProvenance build() {
      return new ReportProvenance(
          currentLibraryVersion(),
          created,
          input,
          inputSha256,
          columns,
          positiveLabel,
          binning,
          thresholds,
          seeds,
          resamples,
          settings);
    }
  }
}
