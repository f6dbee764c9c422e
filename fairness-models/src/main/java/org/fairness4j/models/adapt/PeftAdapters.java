package org.fairness4j.models.adapt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fairness4j.core.io.AtomicFiles;
import org.fairness4j.models.weights.SafetensorsFile;
import org.fairness4j.models.weights.SafetensorsWriter;
import org.fairness4j.models.weights.WeightFormatException;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * LoRA adapters in peft's directory format ({@code adapter_config.json} + {@code
 * adapter_model.safetensors}, tensors named {@code base_model.model.<module>.lora_A.weight} and
 * {@code .lora_B.weight}), both ways, for Hugging Face CLIP models.
 *
 * <p>{@link #write} saves a {@link LoraAdapter} so that {@code PeftModel.from_pretrained(CLIPModel,
 * dir)} loads it as is: the adapted modules as a {@code target_modules} regular expression on the
 * vision tower (with the adapted blocks in it, since peft refuses {@code layers_to_transform} with
 * a regex), a fused qkv adapter as q, k and v adapters sharing A (the same update). {@link #read}
 * loads an adapter peft saved on a CLIP model ({@code CLIPModel}, {@code CLIPVisionModel}, or a
 * bare tower, whose names are taken as the vision tower's) with any targets among q/k/v/out_proj
 * and fc1/fc2 of either tower, or on an open_clip model of BiomedCLIP's family (the timm ViT's
 * qkv/proj/fc1/fc2, the BERT's attention and MLP linears), any r and alpha (rsLoRA too); dropout
 * only acts in training. Merge it with {@code ClipCheckpoint.load(dir, adapter)} or {@code
 * OpenClipCheckpoint.load(dir, adapter)}.
 */
public final class PeftAdapters {
  /** peft's adapter configuration file. */
  public static final String CONFIG = "adapter_config.json";

  /** peft's adapter weight file. */
  public static final String WEIGHTS = "adapter_model.safetensors";

  private static final String PREFIX = "base_model.model.";
  private static final Pattern LAYER =
      Pattern.compile(
          "((?:vision_model|text_model)\\.encoder\\.layers\\.(\\d+)\\."
              + "(?:self_attn\\.(?:q_proj|k_proj|v_proj|out_proj)|mlp\\.(?:fc1|fc2))"
              + "|visual\\.trunk\\.blocks\\.(\\d+)\\.(?:attn\\.(?:qkv|proj)|mlp\\.(?:fc1|fc2))"
              + "|text\\.transformer\\.encoder\\.layer\\.(\\d+)\\."
              + "(?:attention\\.self\\.(?:query|key|value)|attention\\.output\\.dense"
              + "|intermediate\\.dense|output\\.dense)"
              + "|vision_model\\.model\\.encoder\\.layers\\.\\d+\\.blocks\\.\\d+\\."
              + "(?:attention\\.self\\.(?:query|key|value)|attention\\.output\\.dense"
              + "|attention\\.(?:q_proj|k_proj|v_proj|o_proj)|intermediate\\.dense|output\\.dense"
              + "|mlp\\.(?:fc1|fc2)))"
              + "\\.lora_(?<ab>[AB])\\.weight");

  /** The target a module name stands for (Hugging Face CLIP, timm ViT or BERT naming). */
  private static LoraConfig.Target target(String module) {
    String[][] table = {
      {".self_attn.q_proj", "Q"},
      {".self_attn.k_proj", "K"},
      {".self_attn.v_proj", "V"},
      {".self_attn.out_proj", "OUT"},
      {".attn.qkv", "QKV_FUSED"},
      {".attn.proj", "OUT"},
      {".attention.self.query", "Q"},
      {".attention.self.key", "K"},
      {".attention.self.value", "V"},
      {".attention.output.dense", "OUT"},
      {".attention.q_proj", "Q"},
      {".attention.k_proj", "K"},
      {".attention.v_proj", "V"},
      {".attention.o_proj", "OUT"},
      {".intermediate.dense", "FC1"},
      {".output.dense", "FC2"},
      {".fc1", "FC1"},
      {".fc2", "FC2"}
    };
    for (String[] t : table) {
      if (module.endsWith(t[0])) {
        return LoraConfig.Target.valueOf(t[1]);
      }
    }
    throw new IllegalStateException(module);
  }

  private PeftAdapters() {}

  /**
   * Whether a directory holds a peft adapter.
   *
   * @param dir a directory
   * @return true if it has {@code adapter_config.json}
   */
  public static boolean isPeftAdapter(Path dir) {
    return Files.isRegularFile(dir.resolve(CONFIG));
  }

  /**
   * Writes an adapter as a peft adapter directory (created if needed; each file written
   * atomically).
   *
   * @param adapter the adapter (its tensors after training)
   * @param dir the directory
   * @param baseModel recorded as {@code base_model_name_or_path}
   * @throws IOException if writing fails
   */
  public static void write(LoraAdapter adapter, Path dir, String baseModel) throws IOException {
    LoraConfig c = adapter.config();
    Map<String, INDArray> out = new TreeMap<>();
    Set<String> modules = new TreeSet<>();
    for (Map.Entry<String, INDArray> e : adapter.tensors().entrySet()) {
      String name = e.getKey();
      if (!name.endsWith(".lora_A.weight")) {
        continue;
      }
      String layer = name.substring(0, name.length() - ".lora_A.weight".length());
      INDArray a = e.getValue().castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
      INDArray b =
          adapter
              .tensors()
              .get(layer + ".lora_B.weight")
              .castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
      if (layer.endsWith(".self_attn.qkv")) {
        // Hugging Face CLIP has separate q, k, v modules: peft sees three adapters sharing A
        String attn = layer.substring(0, layer.length() - ".qkv".length());
        long d = b.size(0) / 3;
        String[] proj = {".q_proj", ".k_proj", ".v_proj"};
        for (int i = 0; i < 3; i++) {
          put(
              out,
              modules,
              attn + proj[i],
              a,
              b.get(NDArrayIndex.interval(i * d, (i + 1) * d), NDArrayIndex.all()));
        }
      } else {
        put(out, modules, layer, a, b);
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("the adapter has no tensors (build or train it first)");
    }
    Files.createDirectories(dir);
    ObjectNode cfg = new ObjectMapper().createObjectNode();
    cfg.put("peft_type", "LORA");
    cfg.putNull("task_type");
    cfg.put("base_model_name_or_path", baseModel);
    cfg.put("r", c.rank());
    cfg.put("lora_alpha", c.alpha());
    cfg.put("lora_dropout", c.dropout());
    cfg.put("target_modules", targetRegex(modules));
    cfg.putNull("layers_to_transform");
    cfg.putNull("layers_pattern");
    cfg.put("bias", "none");
    cfg.put("fan_in_fan_out", false);
    cfg.putNull("modules_to_save");
    cfg.put("init_lora_weights", true);
    cfg.put("use_rslora", false);
    cfg.put("use_dora", false);
    cfg.put("inference_mode", true);
    cfg.putObject("rank_pattern");
    cfg.putObject("alpha_pattern");
    String json = cfg.toPrettyString() + "\n";
    SafetensorsWriter.write(dir.resolve(WEIGHTS), out, Map.of("format", "pt"));
    AtomicFiles.writeText(dir.resolve(CONFIG), w -> w.write(json));
  }

  private static void put(
      Map<String, INDArray> out, Set<String> modules, String layer, INDArray a, INDArray b) {
    modules.add(layer);
    out.put(PREFIX + layer + ".lora_A.weight", a.dup('c'));
    out.put(PREFIX + layer + ".lora_B.weight", b.dup('c'));
  }

  /** An exact-match alternation of the adapted module names, as peft's re.fullmatch reads it. */
  static String targetRegex(Set<String> modules) {
    List<String> quoted = new ArrayList<>();
    for (String m : modules) {
      quoted.add(m.replace(".", "\\."));
    }
    return "(" + String.join("|", quoted) + ")";
  }

  /**
   * Reads a peft LoRA adapter directory saved on a CLIP model.
   *
   * @param dir the directory
   * @return the adapter (to merge: {@link LoraAdapter#merge})
   * @throws WeightFormatException naming the file and the unsupported setting or tensor
   * @throws IOException if a file is missing or unreadable
   */
  public static LoraAdapter read(Path dir) throws IOException {
    Path cfgFile = dir.resolve(CONFIG);
    Path weights = dir.resolve(WEIGHTS);
    for (Path p : List.of(cfgFile, weights)) {
      if (!Files.isRegularFile(p)) {
        throw new NoSuchFileException(p.toString(), null, "a peft adapter directory needs it");
      }
    }
    JsonNode cfg = new ObjectMapper().readTree(cfgFile.toFile());
    if (!cfg.path("peft_type").asText().equals("LORA")) {
      throw new WeightFormatException(
          cfgFile, "peft_type is " + cfg.path("peft_type") + ", only LORA is supported");
    }
    for (String flag : List.of("use_dora", "fan_in_fan_out", "lora_bias")) {
      if (cfg.path(flag).asBoolean(false)) {
        throw new WeightFormatException(cfgFile, flag + " is not supported");
      }
    }
    if (!cfg.path("bias").asText("none").equals("none")) {
      throw new WeightFormatException(cfgFile, "bias " + cfg.path("bias") + " is not supported");
    }
    for (String pattern : List.of("rank_pattern", "alpha_pattern")) {
      if (cfg.path(pattern).size() > 0) {
        throw new WeightFormatException(cfgFile, pattern + " is not supported");
      }
    }
    JsonNode save = cfg.path("modules_to_save");
    if (save.isArray() && save.size() > 0) {
      throw new WeightFormatException(cfgFile, "modules_to_save is not supported");
    }
    int r = cfg.path("r").asInt(-1);
    double alpha = cfg.path("lora_alpha").asDouble(Double.NaN);
    if (r < 1 || !Double.isFinite(alpha)) {
      throw new WeightFormatException(cfgFile, "needs r >= 1 and a finite lora_alpha");
    }
    // rsLoRA scales by alpha / sqrt(r); LoraConfig scales by alpha / r.
    double effectiveAlpha = cfg.path("use_rslora").asBoolean(false) ? alpha * Math.sqrt(r) : alpha;
    double dropout = cfg.path("lora_dropout").asDouble(0);
    Map<String, INDArray> tensors = new LinkedHashMap<>();
    Set<LoraConfig.Target> targets = EnumSet.noneOf(LoraConfig.Target.class);
    TreeSet<Integer> blocks = new TreeSet<>();
    try (SafetensorsFile f = SafetensorsFile.open(weights)) {
      for (String n : f.names()) {
        String name = n.startsWith(PREFIX) ? n.substring(PREFIX.length()) : n;
        if (name.startsWith("encoder.")) {
          name = "vision_model." + name;
        }
        Matcher m = LAYER.matcher(name);
        if (!m.matches()) {
          throw new WeightFormatException(
              weights,
              "tensor '"
                  + n
                  + "' is not a LoRA A or B of a supported layer (Hugging Face CLIP q/k/v/out_proj,"
                  + " fc1/fc2; open_clip timm ViT qkv/proj/fc1/fc2; MedCLIP Swin attention and MLP;"
                  + " BERT attention and MLP)");
        }
        long[] shape = f.shape(n);
        int rank = (int) (m.group("ab").equals("A") ? shape[0] : shape[1]);
        if (shape.length != 2 || rank != r) {
          throw new WeightFormatException(
              weights,
              "tensor '"
                  + n
                  + "' has shape "
                  + java.util.Arrays.toString(shape)
                  + ", not rank "
                  + r);
        }
        float[] v = f.floats(n);
        org.fairness4j.models.weights.NonFiniteValues.require(weights, n, v);
        tensors.put(name, Nd4j.create(v, shape, 'c'));
        String block =
            m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : m.group(4);
        if (block != null) {
          blocks.add(Integer.parseInt(block)); // Swin's stages and blocks: no block selection
        }
        targets.add(target(m.group(1)));
      }
    }
    for (String name : tensors.keySet()) {
      String other =
          name.endsWith(".lora_A.weight")
              ? name.replace(".lora_A.weight", ".lora_B.weight")
              : name.replace(".lora_B.weight", ".lora_A.weight");
      if (!tensors.containsKey(other)) {
        throw new WeightFormatException(weights, "tensor '" + other + "' is missing");
      }
    }
    if (tensors.isEmpty()) {
      throw new WeightFormatException(weights, "no LoRA tensors");
    }
    if (targets.contains(LoraConfig.Target.QKV_FUSED)) {
      // One tower's fused qkv and another's separate q/k/v: the config lists the fused one only
      // (the targets describe the adapter; the tensors alone decide what is merged).
      targets.removeAll(Set.of(LoraConfig.Target.Q, LoraConfig.Target.K, LoraConfig.Target.V));
    }
    return LoraAdapter.of(new LoraConfig(r, effectiveAlpha, dropout, targets, blocks), tensors);
  }
}
