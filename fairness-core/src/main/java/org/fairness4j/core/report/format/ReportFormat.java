package org.fairness4j.core.report.format;

import java.util.Locale;

/** The file formats a report can be written in. */
public enum ReportFormat {
  /** An array with one object per feature set (schema in docs/report-format.md). */
  JSON,
  /** One row per feature set × scope × group × metric. */
  CSV,
  /** Tables for a pull request or a README. */
  MARKDOWN,
  /** One self-contained web page with charts (inline CSS and SVG, no scripts). */
  HTML;

  /**
   * Parses a format name, case-insensitive ({@code json}, {@code csv}, {@code markdown}, {@code md}
   * or {@code html}).
   *
   * @param name the name
   * @return the format
   * @throws IllegalArgumentException if unknown
   */
  public static ReportFormat parse(String name) {
    return parseName(name);
  }

  /**
   * Picks the format from a file name's extension ({@code .json}, {@code .csv}, {@code .md}, {@code
   * .markdown}, {@code .html}, {@code .htm}).
   *
   * @param file the file name
   * @return the format
   * @throws IllegalArgumentException if the extension is not one of those
   */
  public static ReportFormat ofFile(java.nio.file.Path file) {
    String n = file.getFileName().toString();
    int dot = n.lastIndexOf('.');
    if (dot < 0) {
      throw new IllegalArgumentException(
          file + ": cannot tell the report format; end the name in .html, .md, .json or .csv");
    }
    return parseName(n.substring(dot + 1));
  }

  private static ReportFormat parseName(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return switch (n) {
      case "json" -> JSON;
      case "csv" -> CSV;
      case "markdown", "md" -> MARKDOWN;
      case "html", "htm" -> HTML;
      default ->
          throw new IllegalArgumentException(
              "unknown format '" + name + "'; use json, csv, markdown or html");
    };
  }
}
