package org.fairness4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.fairness4j.core.prediction.ProbabilityTable;
import org.fairness4j.core.table.ClassLabels;
import org.fairness4j.models.clip.ClipCheckpoint;
import org.fairness4j.models.embed.EmbeddingCache;
import org.fairness4j.models.embed.ImageEmbedder;
import org.fairness4j.models.image.ImagePreprocessor;
import org.fairness4j.tribuo.TribuoLinearProbe;

/** {@code adapt --strategy tribuo-logistic}: Tribuo's logistic regression on frozen embeddings. */
final class TribuoProbeStrategy {
  private TribuoProbeStrategy() {}

  /**
   * Embeds both splits with the frozen image encoder (through the embedding cache of {@code
   * --cache}), fits Tribuo's logistic regression on the training embeddings and predicts the test
   * split.
   */
  static ProbabilityTable predict(
      Path model,
      TrainingOptions training,
      long seed,
      ClassLabels labels,
      AdaptCommand.SplitFile tr,
      AdaptCommand.SplitFile te)
      throws IOException {
    try (ClipCheckpoint clip = ClipCheckpoint.load(model)) {
      ImagePreprocessor pre = ImagePreprocessor.forModel(model, clip.imageEncoder().imageSize());
      EmbeddingCache c =
          training.cache() == null
              ? null
              : new EmbeddingCache(
                  training.cache(),
                  EmbeddingCache.modelDigest(model.resolve("model.safetensors")),
                  pre.describe());
      ImageEmbedder e = new ImageEmbedder(clip.imageEncoder(), pre, c, training.batchSize());
      float[][] xtr = e.encode(tr.split().images(), (d, t, k) -> {}).toFloatMatrix();
      float[][] xte = e.encode(te.split().images(), (d, t, k) -> {}).toFloatMatrix();
      TribuoLinearProbe probe =
          TribuoLinearProbe.fit(xtr, tr.split().labels(), labels, training.epochs(), seed);
      return ProbabilityTable.of(
          te.split().ids(), te.split().labels(), probe.probabilities(xte), null, labels);
    }
  }
}
