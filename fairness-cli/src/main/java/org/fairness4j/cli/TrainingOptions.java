package org.fairness4j.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.fairness4j.models.adapt.LoraConfig;
import picocli.CommandLine.Option;

/** Training options shared by {@code adapt} and {@code study} (a picocli mixin). */
public final class TrainingOptions {
  @Option(
      names = "--epochs",
      defaultValue = "10",
      paramLabel = "N",
      description = "Training epochs (default 10).")
  int epochs;

  @Option(
      names = "--batch-size",
      defaultValue = "16",
      paramLabel = "N",
      description = "Batch size (default 16).")
  int batchSize;

  @Option(
      names = "--lr",
      defaultValue = "1e-3",
      paramLabel = "LR",
      description = "(Peak) learning rate (default 1e-3).")
  double lr;

  @Option(
      names = "--hidden",
      defaultValue = "1024",
      paramLabel = "N",
      description = "Hidden width of the two-layer heads (default 1024).")
  int hidden;

  @Option(
      names = "--lora",
      defaultValue = "authors",
      paramLabel = "authors|mha|qv|R:ALPHA:TARGETS[:DROPOUT[:BLOCKS]]",
      description =
          "LoRA configuration: authors (r 16, alpha 1, fused qkv), mha (what peft does on"
              + " open_clip's nn.MultiheadAttention: fused qkv (in_proj) and out_proj, r 16,"
              + " alpha 1), qv (r 8, alpha 16, dropout 0.1, q and v), or e.g. 8:16:q,v,fc1 or"
              + " 8:16:qkv,out:0.1:0-3,11 (targets qkv, q, k, v, out, fc1, fc2; dropout; blocks as"
              + " indices and ranges, default all).")
  String lora;

  @Option(
      names = "--cache",
      paramLabel = "DIR",
      description = "Embedding cache directory (frozen strategies).")
  Path cache;

  /**
   * Returns {@code --epochs}.
   *
   * @return the training epochs
   */
  public int epochs() {
    return epochs;
  }

  /**
   * Returns {@code --batch-size}.
   *
   * @return the batch size
   */
  public int batchSize() {
    return batchSize;
  }

  /**
   * Returns {@code --lr}.
   *
   * @return the (peak) learning rate
   */
  public double lr() {
    return lr;
  }

  /**
   * Returns {@code --hidden}.
   *
   * @return the hidden width of the two-layer heads
   */
  public int hidden() {
    return hidden;
  }

  /**
   * Returns {@code --lora}, parsed.
   *
   * @return the LoRA configuration
   * @throws IllegalArgumentException naming {@code --lora} if it is malformed
   */
  public LoraConfig lora() {
    return loraConfig(lora);
  }

  /**
   * Returns {@code --cache}.
   *
   * @return the embedding cache directory, or null for none
   */
  public Path cache() {
    return cache;
  }

  static LoraConfig loraConfig(String spec) {
    switch (spec) {
      case "authors":
        return LoraConfig.authors();
      case "mha":
        return LoraConfig.peftMultiheadAttention();
      case "qv":
        return LoraConfig.queryValue();
      default:
        break;
    }
    String[] p = spec.split(":", -1);
    if (p.length < 3 || p.length > 5) {
      throw new IllegalArgumentException(
          "--lora must be authors, mha, qv or RANK:ALPHA:TARGETS[:DROPOUT[:BLOCKS]], got " + spec);
    }
    try {
      java.util.Set<LoraConfig.Target> targets = java.util.EnumSet.noneOf(LoraConfig.Target.class);
      for (String t : p[2].split(",")) {
        targets.add(t.equals("qkv") ? LoraConfig.Target.QKV_FUSED : loraTarget(t));
      }
      double dropout = p.length > 3 && !p[3].isBlank() ? Double.parseDouble(p[3]) : 0;
      TreeSet<Integer> blocks = new TreeSet<>();
      if (p.length > 4 && !p[4].isBlank()) {
        for (String b : p[4].split(",")) {
          String[] range = b.strip().split("-");
          int from = Integer.parseInt(range[0]);
          int to = range.length == 2 ? Integer.parseInt(range[1]) : from;
          if (range.length > 2 || from < 0 || to < from) {
            throw new IllegalArgumentException("bad block range '" + b + "'");
          }
          for (int i = from; i <= to; i++) {
            blocks.add(i);
          }
        }
      }
      return new LoraConfig(
          Integer.parseInt(p[0]), Double.parseDouble(p[1]), dropout, targets, blocks);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "--lora "
              + spec
              + ": RANK must be an integer, ALPHA and DROPOUT numbers, BLOCKS like 0-3,11",
          e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--lora " + spec + ": " + e.getMessage(), e);
    }
  }

  private static LoraConfig.Target loraTarget(String t) {
    try {
      return LoraConfig.Target.valueOf(t.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      List<String> names = new java.util.ArrayList<>(List.of("qkv"));
      for (LoraConfig.Target x : LoraConfig.Target.values()) {
        names.add(x.name().toLowerCase(Locale.ROOT));
      }
      throw new IllegalArgumentException(
          "--lora target '" + t + "' is not one of " + String.join(", ", names), e);
    }
  }
}
