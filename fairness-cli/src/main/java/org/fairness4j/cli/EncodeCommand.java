package org.fairness4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.fairness4j.core.io.AtomicFiles;
import org.fairness4j.models.VisionLanguageCheckpoint;
import org.fairness4j.models.embed.NpyWriter;
import org.fairness4j.models.text.PromptTokenizer;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fairness encode}: image or prompt embeddings of a CLIP model as a float32 .npy file. */
@Command(
    name = "encode",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Writes the embeddings (projected, not normalised) of images or prompts as a float32 .npy"
          + " [rows, dim], and FILE.npy.rows.txt naming the input of each row."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:success", "1:internal error", "2:bad input or usage"})
public final class EncodeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ModelOptions model;

  @ArgGroup(multiplicity = "1")
  Inputs inputs;

  static final class Inputs {
    @Option(
        names = "--images",
        paramLabel = "DIR",
        description = "Encode every .png/.jpg under DIR (sorted by path).")
    Path images;

    @Option(
        names = "--prompts",
        paramLabel = "FILE",
        description = "Encode each non-empty line of FILE.")
    Path prompts;
  }

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE.npy",
      description = "Output file (written atomically).")
  Path out;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    try (VisionLanguageCheckpoint clip = model.load()) {
      model.refuseOutputInModel(out, "--out");
      OutputTargets.check("--out", out, inputs.prompts, inputs.images);
      OutputTargets.check(
          "--out (its row list)",
          out.resolveSibling(out.getFileName() + ".rows.txt"),
          inputs.prompts);
      List<String> rowNames;
      if (inputs.images != null) {
        List<Path> files = ImageFiles.under(inputs.images);
        try (ModelOptions.ProgressBarListener bar = model.progress("encode", files.size())) {
          model.imageEmbedder(clip).encode(files, out, bar);
        }
        rowNames = files.stream().map(f -> inputs.images.relativize(f).toString()).toList();
      } else {
        rowNames = prompts(inputs.prompts);
        PromptTokenizer tok = clip.tokenizer();
        try (NpyWriter npy =
                new NpyWriter(out, rowNames.size(), clip.textEncoder().embeddingDim());
            ModelOptions.ProgressBarListener bar = model.progress("encode", rowNames.size())) {
          for (int start = 0; start < rowNames.size(); start += model.batchSize) {
            List<String> batch =
                rowNames.subList(start, Math.min(rowNames.size(), start + model.batchSize));
            INDArray emb =
                clip.textEncoder().encode(batch.stream().map(tok::encode).toArray(int[][]::new));
            for (int i = 0; i < batch.size(); i++) {
              npy.write(emb.getRow(i).toFloatVector());
            }
            bar.progress(start + batch.size(), rowNames.size(), 0);
          }
          npy.commit();
        }
      }
      Path rows = out.resolveSibling(out.getFileName() + ".rows.txt");
      AtomicFiles.writeText(
          rows,
          w -> {
            for (String r : rowNames) {
              w.write(r);
              w.write('\n');
            }
          });
      return 0;
    } catch (IOException | IllegalArgumentException e) {
      return FairnessCli.badInput(err, e);
    }
  }

  /**
   * Reads a prompt file: one prompt per line, stripped, blank lines skipped.
   *
   * @param file a UTF-8 text file
   * @return the prompts, at least one
   * @throws IOException naming the file if it cannot be read, is a directory, is not UTF-8 or has
   *     no prompt
   */
  public static List<String> prompts(Path file) throws IOException {
    if (Files.isDirectory(file)) {
      throw new IOException(file + ": is a directory, not a text file (one prompt per line)");
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new IOException(file + ": is not UTF-8 text (one prompt per line)", e);
    }
    lines = lines.stream().map(String::strip).filter(l -> !l.isEmpty()).toList();
    if (lines.isEmpty()) {
      throw new IOException(file + ": no prompts (one per line)");
    }
    return lines;
  }
}
