package org.fairness4j.models.adapt;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.fairness4j.models.weights.SafetensorsFile;
import org.fairness4j.models.weights.SafetensorsWriter;
import org.fairness4j.models.weights.WeightFormatException;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The {@code fairness4j-lora/1} file of a {@link LoraAdapter}: its tensors and configuration. */
final class LoraAdapterFile {
  private LoraAdapterFile() {}

  /** Writes the adapter's tensors with its configuration as metadata, atomically. */
  static void write(Path file, LoraConfig config, Map<String, INDArray> weights)
      throws IOException {
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("format", "fairness4j-lora/1");
    meta.put("rank", Integer.toString(config.rank()));
    meta.put("alpha", Double.toString(config.alpha()));
    meta.put("dropout", Double.toString(config.dropout()));
    meta.put(
        "targets", String.join(",", config.targets().stream().map(Enum::name).sorted().toList()));
    meta.put("blocks", String.join(",", config.blocks().stream().map(String::valueOf).toList()));
    SafetensorsWriter.write(file, weights, meta);
  }

  /** Reads a file written by {@link #write}; refuses any other format, naming the file. */
  static LoraAdapter read(Path file) throws IOException {
    try (SafetensorsFile f = SafetensorsFile.open(file)) {
      Map<String, String> m = f.metadata();
      if (!"fairness4j-lora/1".equals(m.get("format"))) {
        throw new WeightFormatException(
            file, "not a Fairness4J LoRA adapter (format " + m.get("format") + ")");
      }
      Set<LoraConfig.Target> targets = EnumSet.noneOf(LoraConfig.Target.class);
      for (String t : m.get("targets").split(",")) {
        targets.add(LoraConfig.Target.valueOf(t));
      }
      TreeSet<Integer> blocks = new TreeSet<>();
      for (String b : m.getOrDefault("blocks", "").split(",")) {
        if (!b.isBlank()) {
          blocks.add(Integer.parseInt(b));
        }
      }
      LoraConfig config =
          new LoraConfig(
              Integer.parseInt(m.get("rank")),
              Double.parseDouble(m.get("alpha")),
              Double.parseDouble(m.get("dropout")),
              targets,
              blocks);
      Map<String, INDArray> t = new LinkedHashMap<>();
      for (String n : f.names()) {
        t.put(n, Nd4j.create(f.floats(n), f.shape(n), 'c'));
      }
      return LoraAdapter.of(config, t);
    }
  }
}
