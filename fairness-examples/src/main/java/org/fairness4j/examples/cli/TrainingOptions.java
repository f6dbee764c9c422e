package org.fairness4j.examples.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.fairness4j.models.adapt.LoraConfig;
import picocli.CommandLine.Option;

/** Training options shared by {@code adapt} and {@code study}. */
final class TrainingOptions {
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
      paramLabel = "authors|qv|R:ALPHA:TARGETS",
      description =
          "LoRA configuration: authors (r 16, alpha 1, fused qkv), qv (r 8, alpha 16, dropout 0.1, q and v), or e.g. 8:16:q,v,fc1.")
  String lora;

  @Option(
      names = "--cache",
      paramLabel = "DIR",
      description = "Embedding cache directory (frozen strategies).")
  Path cache;

  static LoraConfig loraConfig(String spec) {
    if (spec.equals("authors")) {
      return LoraConfig.authors();
    }
    if (spec.equals("qv")) {
      return LoraConfig.queryValue();
    }
    String[] p = spec.split(":");
    if (p.length != 3) {
      throw new IllegalArgumentException(
          "--lora must be authors, qv or RANK:ALPHA:TARGETS, got " + spec);
    }
    java.util.Set<LoraConfig.Target> targets = java.util.EnumSet.noneOf(LoraConfig.Target.class);
    for (String t : p[2].split(",")) {
      targets.add(t.equals("qkv") ? LoraConfig.Target.QKV_FUSED : loraTarget(t));
    }
    try {
      return new LoraConfig(
          Integer.parseInt(p[0].strip()),
          Double.parseDouble(p[1].strip()),
          0,
          targets,
          new TreeSet<>());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "--lora " + spec + ": RANK must be an integer and ALPHA a number", e);
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
