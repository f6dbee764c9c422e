package org.fairness4j.examples.study;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fairness4j.core.io.AtomicFiles;
import org.fairness4j.examples.nih.PaperMetrics;
import org.fairness4j.examples.nih.PaperTables;

/**
 * The paper-style tables: one row per model × strategy (and variant) with accuracy, per-disease F1,
 * Var_F1, subgroup F1s, ΔF1_age, ΔF1_gender, EqOdds and ECE_Δ by age and sex; as Markdown, CSV and
 * a self-contained HTML index linking each run's fairness report. Written atomically.
 */
final class StudyTables {
  private StudyTables() {}

  static List<String> header() {
    return PaperTables.header();
  }

  static void write(Path out, List<StudyRunner.Run> runs, String notice) throws IOException {
    List<List<String>> rows = new ArrayList<>();
    List<List<String>> md = new ArrayList<>();
    for (String variant : List.of("corrected", "faithful")) {
      for (StudyRunner.Run r : runs) {
        List<String> lead = List.of(r.model(), r.strategy(), variant);
        PaperMetrics.Row m = variant.equals("corrected") ? r.corrected() : r.faithful();
        rows.add(PaperTables.csvRow(lead, m));
        md.add(PaperTables.markdownRow(lead, m));
      }
    }
    AtomicFiles.writeText(
        out.resolve("tables.csv"),
        w -> {
          CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(w);
          csv.writeRecord(header());
          for (List<String> r : rows) {
            csv.writeRecord(r);
          }
          csv.flush();
        });
    AtomicFiles.writeText(
        out.resolve("tables.md"),
        w -> {
          w.write("# NIH ChestX-ray14 study: results\n\n");
          if (!notice.isEmpty()) {
            w.write("> **" + notice + "**\n\n");
          }
          w.write(
              "Test split of the protocol; definitions in docs/reproduction.md. \"corrected\" fixes the"
                  + " released code's defects, \"faithful\" keeps them.\n\n");
          w.write("| " + String.join(" | ", header()) + " |\n");
          w.write("|" + "---|".repeat(3) + "---:|".repeat(header().size() - 4) + "---|\n");
          for (List<String> r : md) {
            w.write("| " + String.join(" | ", r) + " |\n");
          }
        });
    AtomicFiles.writeText(
        out.resolve("report.html"),
        w -> {
          w.write(
              "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>NIH study</title>"
                  + "<style>body{font-family:system-ui,sans-serif;margin:2rem}table{border-collapse:collapse;"
                  + "font-size:.8rem}th,td{border:1px solid #ddd;padding:.2rem .4rem;text-align:right}"
                  + "td:nth-child(-n+3),th:nth-child(-n+3){text-align:left}</style></head><body>\n");
          w.write(
              "<h1>NIH ChestX-ray14 study</h1>\n"
                  + (notice.isEmpty()
                      ? ""
                      : "<p style=\"border:2px solid #D55E00;padding:.5rem;font-weight:bold\">"
                          + esc(notice)
                          + "</p>\n")
                  + "<p>Paper-style metrics on the test split"
                  + " (docs/reproduction.md). Per-run fairness reports with charts, intervals and"
                  + " provenance:</p>\n<ul>\n");
          for (StudyRunner.Run r : runs) {
            String name = r.model() + "__" + r.strategy();
            w.write("<li><a href=\"reports/" + name + ".html\">" + esc(name) + "</a></li>\n");
          }
          w.write("</ul>\n<table><thead><tr>");
          for (String h : header()) {
            w.write("<th>" + esc(h) + "</th>");
          }
          w.write("</tr></thead><tbody>\n");
          for (List<String> r : md) {
            w.write("<tr>");
            for (String c : r) {
              w.write("<td>" + esc(c) + "</td>");
            }
            w.write("</tr>\n");
          }
          w.write("</tbody></table>\n</body></html>\n");
        });
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
