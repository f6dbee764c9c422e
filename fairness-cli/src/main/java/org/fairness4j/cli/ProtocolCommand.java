package org.fairness4j.cli;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.fairness4j.cli.nih.NihMetadata;
import org.fairness4j.cli.nih.NihProtocol;
import org.fairness4j.core.io.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fairness protocol}: the NIH 6x200 split of a metadata file, one row per image. */
@Command(
    name = "protocol",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Writes the NIH 6x200 split of an NIH ChestX-ray14 metadata file (docs/reproduction.md):"
          + " one row per selected image, train, then val, then test, each in the authors'"
          + " notebook order (a repeated image is repeated); columns"
          + " image_index,split,finding,patient_id,age,sex."
    })
final class ProtocolCommand implements Callable<Integer> {
  /** The output columns. */
  static final List<String> HEADER =
      List.of("image_index", "split", "finding", "patient_id", "age", "sex");

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--metadata",
      required = true,
      paramLabel = "FILE",
      description = "Data_Entry_2017_v2020.csv or Data_Entry_2017.csv.")
  Path metadata;

  @Option(
      names = "--seed",
      defaultValue = "42",
      paramLabel = "S",
      description = "The random_state of every draw (default ${DEFAULT-VALUE}, the authors').")
  long seed;

  @Option(
      names = "--variant",
      defaultValue = "authors",
      paramLabel = "V",
      description =
          "authors (default: the notebook's split, row for row) or patient-disjoint (this"
              + " project's: no patient on two sides, SplitMix64 draws).")
  String variant;

  @Option(names = "--out", required = true, paramLabel = "CSV", description = "Output file.")
  Path out;

  /** The patient id as the notebook writes it (pandas reads the column as integers: 0013 → 13). */
  static String patientId(String id) {
    return id.matches("[0-9]{1,18}") ? Long.toString(Long.parseLong(id)) : id;
  }

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    try {
      if (Files.exists(out) && Files.exists(metadata) && Files.isSameFile(out, metadata)) {
        throw new IllegalArgumentException(out + ": --out is the metadata file; choose another");
      }
      OutputTargets.check("--out", out, metadata);
      NihMetadata.Loaded data = NihMetadata.read(metadata, null);
      List<NihProtocol.Item> items;
      try {
        items =
            switch (variant) {
              case "authors" -> NihProtocol.sample(data.records(), seed);
              case "patient-disjoint" -> NihProtocol.patientDisjoint(data.records(), seed);
              default ->
                  throw new IllegalArgumentException(
                      "--variant: expected authors or patient-disjoint, got '" + variant + "'");
            };
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(metadata + ": " + e.getMessage(), e);
      }
      AtomicFiles.writeText(
          out,
          w -> {
            CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(w);
            csv.writeRecord(HEADER);
            for (NihProtocol.Item i : items) {
              csv.writeRecord(
                  i.record().imageIndex(),
                  i.split().name().toLowerCase(Locale.ROOT),
                  NihProtocol.CLASSES.get(i.classIndex()),
                  patientId(i.record().patientId()),
                  Integer.toString(i.record().age()),
                  i.record().sex());
            }
            csv.flush();
          });
      if (items.size() != 1200) {
        err.println(
            "protocol: warning: "
                + items.size()
                + " images, not 1200: some cell has no patient on one side of the split");
      }
      err.println(
          "protocol: "
              + items.size()
              + " images ("
              + variant
              + ", seed "
              + seed
              + ") from "
              + metadata
              + "; wrote "
              + out);
      return 0;
    } catch (IOException | IllegalArgumentException | UncheckedIOException e) {
      return FairnessCli.badInput(err, e);
    }
  }
}
