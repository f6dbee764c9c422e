package org.fairness4j.examples.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.fairness4j.cli.FairnessCli;
import org.fairness4j.cli.nih.NihProtocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code study} end to end on a small NIH-format data set and the tiny random CLIP. */
class StudyCommandTest {
  private static final Path MODEL =
      Path.of("..", "fairness-models", "src", "test", "resources", "clip-tiny");

  @TempDir Path dir;

  /** Three patients per disease × age × sex cell, one 40x40 PNG each, brightness by class. */
  private void dataset() throws IOException {
    StringBuilder csv =
        new StringBuilder(
            "Image Index,Finding Labels,Follow-up #,Patient ID,Patient Age,Patient Gender,View Position,"
                + "OriginalImage[Width,Height],OriginalImagePixelSpacing[x,y]\n");
    Path images = Files.createDirectories(dir.resolve("images_001").resolve("images"));
    Random rng = new Random(1);
    int pid = 0;
    for (int c = 0; c < 6; c++) {
      for (int age : new int[] {35, 70}) {
        for (String sex : new String[] {"F", "M"}) {
          for (int k = 0; k < 3; k++) {
            pid++;
            String name = String.format("%08d_000.png", pid);
            BufferedImage img = new BufferedImage(40, 40, BufferedImage.TYPE_BYTE_GRAY);
            for (int y = 0; y < 40; y++) {
              for (int x = 0; x < 40; x++) {
                int v = 30 + c * 40 + (int) (rng.nextGaussian() * 10);
                img.getRaster().setSample(x, y, 0, Math.max(0, Math.min(255, v)));
              }
            }
            ImageIO.write(img, "png", images.resolve(name).toFile());
            csv.append(name)
                .append(',')
                .append(NihProtocol.CLASSES.get(c))
                .append(",0,")
                .append(pid)
                .append(',')
                .append(age)
                .append(',')
                .append(sex)
                .append(",PA,1024,1024,0.143,0.143\n");
          }
        }
      }
    }
    Files.writeString(dir.resolve("Data_Entry_2017_v2020.csv"), csv);
  }

  private static int run(StringWriter err, String... args) {
    CommandLine cl = FairnessCli.commandLine();
    cl.setErr(new PrintWriter(err));
    cl.setOut(new PrintWriter(new StringWriter()));
    return cl.execute(args);
  }

  @Test
  void writesTablesPredictionsReportsAndResumes() throws IOException {
    dataset();
    Path out = dir.resolve("out");
    String[] args = {
      "study",
      "--data-dir",
      dir.toString(),
      "--model",
      "tiny=" + MODEL,
      "--strategies",
      "zero-shot,linear",
      "--out",
      out.toString(),
      "--epochs",
      "2",
      "--hidden",
      "16",
      "--bootstrap",
      "20",
      "--seed",
      "3",
      "--seeds",
      "3,4"
    };
    StringWriter err = new StringWriter();
    assertEquals(0, run(err, args), err.toString());
    List<String> csv = Files.readAllLines(out.resolve("tables.csv"));
    assertEquals(1 + 2 * 2, csv.size(), "two runs, two variants");
    // a repeat with the run's own training seed gives the same predictions
    assertEquals(
        Files.readAllLines(out.resolve("predictions").resolve("tiny__linear.csv")),
        Files.readAllLines(
            out.resolve("predictions").resolve("seeds").resolve("tiny__linear__seed3.csv")));
    List<String> seeds = Files.readAllLines(out.resolve("seeds.csv"));
    assertEquals("model,strategy,metric,mean,sd,seeds", seeds.get(0));
    assertEquals(1 + 19, seeds.size(), "linear only: zero-shot has no training");
    assertTrue(seeds.get(1).startsWith("tiny,linear,accuracy,") && seeds.get(1).endsWith(",3 4"));
    assertTrue(Files.readString(out.resolve("tables.md")).contains("## Across training seeds"));
    assertTrue(csv.get(0).startsWith("model,strategy,variant,accuracy,F1_Atelectasis"), csv.get(0));
    assertTrue(csv.get(1).startsWith("tiny,zero-shot,corrected,"), csv.get(1));
    List<String> preds = Files.readAllLines(out.resolve("predictions").resolve("tiny__linear.csv"));
    assertEquals(241, preds.size(), "240 test images");
    assertTrue(preds.get(0).endsWith("sex,age,age_group,patient_id"), preds.get(0));
    assertTrue(preds.get(0).contains(",logit_Atelectasis,"), preds.get(0));
    assertTrue(csv.get(0).endsWith(",ECE_delta_age,ECE_delta_gender,undefined"), csv.get(0));
    assertTrue(
        Files.readString(out.resolve("reports").resolve("tiny__zero-shot.html"))
            .contains("Largest gaps"));
    assertTrue(Files.readString(out.resolve("report.html")).contains("reports/tiny__linear.html"));
    assertTrue(
        Files.readString(out.resolve("tables.md")).contains("| tiny | linear | corrected |"));
    String md = Files.readString(out.resolve("tables.md"));
    assertTrue(md.contains("## Corrected metrics with 95 % intervals"), md);
    assertTrue(md.contains("| tiny | linear | zero-shot | accuracy |"), md);
    List<String> comparisons = Files.readAllLines(out.resolve("comparisons.csv"));
    assertEquals("model,base,other,metric,delta,ci_low,ci_high,p,p_holm", comparisons.get(0));
    assertEquals(1 + 5, comparisons.size(), "linear vs zero-shot on five metrics");
    assertEquals(1 + 2 * 19, Files.readAllLines(out.resolve("intervals.csv")).size());
    String html = Files.readString(out.resolve("report.html"));
    assertTrue(html.contains("<svg") && html.contains("Accuracy vs |ΔF1 sex"), "figure");
    assertTrue(
        Files.readString(out.resolve("data-summary.txt")).startsWith("72 rows read, 72 kept"));
    String tables = Files.readString(out.resolve("tables.csv"));
    String[] resumed = java.util.Arrays.copyOf(args, args.length + 1);
    resumed[args.length] = "--resume";
    StringWriter err2 = new StringWriter();
    assertEquals(0, run(err2, resumed), err2.toString());
    assertEquals(
        tables, Files.readString(out.resolve("tables.csv")), "a resumed study reuses its runs");
  }

  @Test
  void anUnknownStrategyIsRejectedBeforeAnyWork() throws IOException {
    dataset();
    StringWriter err = new StringWriter();
    int code =
        run(
            err,
            "study",
            "--data-dir",
            dir.toString(),
            "--model",
            "tiny=" + MODEL,
            "--strategies",
            "zero-shot,svm",
            "--out",
            dir.resolve("o").toString());
    assertEquals(2, code);
    assertTrue(err.toString().contains("unknown strategy 'svm'"), err.toString());
    assertTrue(!Files.exists(dir.resolve("o")));
  }

  @Test
  void officialSplitReadsTheListsBesideTheMetadata() throws IOException {
    dataset();
    StringBuilder trainVal = new StringBuilder();
    StringBuilder test = new StringBuilder();
    for (int pid = 1; pid <= 72; pid++) {
      (pid % 3 == 0 ? test : trainVal).append(String.format("%08d_000.png%n", pid));
    }
    Files.writeString(dir.resolve("train_val_list.txt"), trainVal);
    Files.writeString(dir.resolve("test_list.txt"), test);
    Path out = dir.resolve("official");
    StringWriter err = new StringWriter();
    int code =
        run(
            err,
            "study",
            "--data-dir",
            dir.toString(),
            "--model",
            "tiny=" + MODEL,
            "--strategies",
            "zero-shot",
            "--official-split",
            "--bootstrap",
            "0",
            "--out",
            out.toString());
    assertEquals(0, code, err.toString());
    List<String> preds =
        Files.readAllLines(out.resolve("predictions").resolve("tiny__zero-shot.csv"));
    assertEquals(241, preds.size());
    for (String line : preds.subList(1, preds.size())) {
      String image = line.split(",")[0];
      int pid = Integer.parseInt(image.substring(0, 8));
      assertEquals(0, pid % 3, "test image " + image + " is on the official test list");
    }
    assertTrue(
        Files.readString(out.resolve("reports").resolve("tiny__zero-shot.html"))
            .contains("official lists"));
    StringWriter err2 = new StringWriter();
    assertEquals(
        2,
        run(
            err2,
            "study",
            "--data-dir",
            dir.toString(),
            "--model",
            "tiny=" + MODEL,
            "--official-split",
            "--patient-disjoint",
            "--out",
            dir.resolve("o2").toString()));
    assertTrue(err2.toString().contains("not both"), err2.toString());
  }

  @Test
  void openClipModelsRunFrozenStrategiesAndResNetsRefuseLoraBeforeAnyWork() throws IOException {
    dataset();
    Path bmc = Path.of("..", "fairness-models", "src", "test", "resources", "biomedclip-tiny");
    Path rn = Path.of("..", "fairness-models", "src", "test", "resources", "medclip-tiny");
    StringWriter err = new StringWriter();
    int code =
        run(
            err,
            "study",
            "--data-dir",
            dir.toString(),
            "--model",
            "bmc=" + bmc,
            "--model",
            "rn=" + rn,
            "--strategies",
            "zero-shot,lora",
            "--out",
            dir.resolve("o").toString());
    assertEquals(2, code);
    assertTrue(
        err.toString().contains("rn: ") && err.toString().contains("LoRA needs attention"),
        err.toString());
    assertTrue(!err.toString().contains("bmc: "), err.toString());
    assertTrue(!Files.exists(dir.resolve("o")));
    StringWriter err2 = new StringWriter();
    Path out = dir.resolve("ok");
    assertEquals(
        0,
        run(
            err2,
            "study",
            "--data-dir",
            dir.toString(),
            "--model",
            "bmc=" + bmc,
            "--strategies",
            "zero-shot,linear-probe,lora,full",
            "--epochs",
            "1",
            "--bootstrap",
            "0",
            "--out",
            out.toString()),
        err2.toString());
    List<String> csv = Files.readAllLines(out.resolve("tables.csv"));
    assertTrue(csv.get(1).startsWith("bmc,zero-shot,corrected,"), csv.get(1));
    assertTrue(csv.get(2).startsWith("bmc,linear-probe,corrected,"), csv.get(2));
    // the encoder-training strategies run on the open_clip timm ViT too
    assertTrue(csv.stream().anyMatch(l -> l.startsWith("bmc,lora,corrected,")), csv.toString());
    assertTrue(csv.stream().anyMatch(l -> l.startsWith("bmc,full,corrected,")), csv.toString());
  }
}
