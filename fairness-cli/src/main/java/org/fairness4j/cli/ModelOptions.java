package org.fairness4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.fairness4j.models.VisionLanguageCheckpoint;
import org.fairness4j.models.embed.EmbeddingCache;
import org.fairness4j.models.embed.ImageEmbedder;
import org.fairness4j.models.embed.ProgressListener;
import org.fairness4j.models.image.ImagePreprocessor;
import picocli.CommandLine.Option;

/** Options shared by the commands that run a model. */
final class ModelOptions {
  @Option(
      names = "--model",
      required = true,
      paramLabel = "DIR",
      description =
          "Model directory: Hugging Face CLIP (config.json, model.safetensors, vocab.json + merges.txt or tokenizer.json) or open_clip as published on the hub, e.g. BiomedCLIP (open_clip_config.json, open_clip_model.safetensors, the tokenizer's vocab.txt).")
  Path model;

  @Option(
      names = "--adapter",
      paramLabel = "DIR",
      description =
          "A peft LoRA adapter directory (adapter_config.json, adapter_model.safetensors) to merge"
              + " into a Hugging Face CLIP or open_clip model, e.g. OUT/adapter of adapt --strategy"
              + " lora.")
  Path adapter;

  @Option(
      names = "--batch-size",
      defaultValue = "16",
      paramLabel = "N",
      description = "Inputs per forward pass (default 16).")
  int batchSize;

  @Option(
      names = "--cache",
      paramLabel = "DIR",
      description =
          "Embedding cache directory (reused across runs; keyed by model, preprocessing and image content).")
  Path cache;

  @Option(names = "--no-progress", description = "Do not show a progress bar.")
  boolean noProgress;

  /**
   * Refuses an output file inside the model directory (a command never writes over, or beside, the
   * files it reads the model from).
   *
   * @param out the output file
   * @param option the option's name, for the message
   * @throws IOException naming both paths
   */
  void refuseOutputInModel(Path out, String option) throws IOException {
    refuseOutputIn(model, out, option);
    if (adapter != null) {
      refuseOutputIn(adapter, out, option);
    }
  }

  /**
   * Refuses an output path inside a model (or adapter) directory.
   *
   * @param model the directory read
   * @param out the file or directory to be written
   * @param option the option's name, for the message
   * @throws IOException naming both paths
   */
  static void refuseOutputIn(Path model, Path out, String option) throws IOException {
    Path modelDir = model.toAbsolutePath().normalize();
    if (java.nio.file.Files.isDirectory(modelDir)) {
      modelDir = modelDir.toRealPath();
    }
    // The parent as the file system resolves it ("link/.." is the link target's parent).
    Path parent = out.toAbsolutePath().getParent();
    Path target = out.toAbsolutePath().normalize();
    if (parent != null && java.nio.file.Files.isDirectory(parent)) {
      target = parent.toRealPath().resolve(out.getFileName());
    }
    if (target.startsWith(modelDir)) {
      throw new IOException(
          option
              + " "
              + out
              + " is inside the model (or adapter) directory "
              + model
              + "; write the output elsewhere");
    }
  }

  VisionLanguageCheckpoint load() throws IOException {
    ModelDirCheck.check("--model", model);
    if (adapter == null) {
      return VisionLanguageCheckpoint.load(model);
    }
    org.fairness4j.models.adapt.LoraAdapter lora =
        org.fairness4j.models.adapt.PeftAdapters.read(adapter);
    org.fairness4j.models.spi.VisionLanguageFamily family =
        org.fairness4j.models.spi.VisionLanguageFamilies.select(model);
    if (!family.mergesLoraAdapters()) {
      throw new IOException(
          model
              + ": --adapter works with Hugging Face CLIP, open_clip and MedCLIP directories only");
    }
    return family.load(model, lora);
  }

  /** The cache identity: the model's, and the adapter's files when one is merged. */
  private String modelId(VisionLanguageCheckpoint clip) throws IOException {
    String id = EmbeddingCache.modelDigest(clip.weightsFile());
    if (adapter != null) {
      id +=
          "+adapter:"
              + EmbeddingCache.digest(
                  adapter.resolve(org.fairness4j.models.adapt.PeftAdapters.WEIGHTS))
              + ":"
              + EmbeddingCache.digest(
                  adapter.resolve(org.fairness4j.models.adapt.PeftAdapters.CONFIG));
    }
    return id;
  }

  ImageEmbedder imageEmbedder(VisionLanguageCheckpoint clip) throws IOException {
    if (cache != null) {
      refuseOutputInModel(cache, "--cache");
    }
    ImagePreprocessor pre = clip.preprocessor();
    EmbeddingCache c =
        cache == null ? null : new EmbeddingCache(cache, modelId(clip), pre.describe());
    return new ImageEmbedder(clip.imageEncoder(), pre, c, batchSize);
  }

  /** A progress bar on stderr (or nothing); close it when done. */
  ProgressBarListener progress(String task, long total) {
    return new ProgressBarListener(
        noProgress
            ? null
            : new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err))
                .showSpeed()
                .build());
  }

  /** Adapts a progress bar to the library's listener. */
  static final class ProgressBarListener implements ProgressListener, AutoCloseable {
    private final ProgressBar bar;

    ProgressBarListener(ProgressBar bar) {
      this.bar = bar;
    }

    @Override
    public void progress(long done, long total, long cached) {
      if (bar != null) {
        bar.stepTo(done);
        bar.setExtraMessage(cached > 0 ? cached + " cached" : "");
      }
    }

    @Override
    public void close() {
      if (bar != null) {
        bar.close();
      }
    }
  }
}
