package org.fairness4j.core.io;

import java.util.Locale;

/** The file formats a report can be written in. */
public enum ReportFormat {
  /** An array with one object per feature set (schema in docs/report-format.md). */
  JSON,
  /** One row per feature set × scope × group × metric. */
  CSV,
  /** Tables for a pull request or a README. */
  MARKDOWN;

  /**
   * Parses a format name, case-insensitive ({@code json}, {@code csv}, {@code markdown} or {@code
   * md}).
   *
   * @param name the name
   * @return the format
   * @throws IllegalArgumentException if unknown
   */
  public static ReportFormat parse(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return switch (n) {
      case "json" -> JSON;
      case "csv" -> CSV;
      case "markdown", "md" -> MARKDOWN;
      default ->
          throw new IllegalArgumentException(
              "unknown format '" + name + "'; use json, csv or markdown");
    };
  }
}
