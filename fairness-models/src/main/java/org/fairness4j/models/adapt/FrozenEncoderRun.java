package org.fairness4j.models.adapt;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fairness4j.core.prediction.ProbabilityTable;
import org.fairness4j.models.VisionLanguageCheckpoint;
import org.fairness4j.models.embed.EmbeddingCache;
import org.fairness4j.models.embed.ImageEmbedder;
import org.fairness4j.models.embed.ProgressListener;
import org.fairness4j.models.image.ImagePreprocessor;
import org.fairness4j.models.weights.SafetensorsWriter;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The frozen-encoder strategies of an {@link AdaptationRunner}: embeds the three splits (through
 * the embedding cache, if any), trains the strategy's head on the embeddings, writes {@code
 * head.safetensors} and predicts the test split.
 */
final class FrozenEncoderRun {
  private FrozenEncoderRun() {}

  static ProbabilityTable run(
      AdaptationRequest r,
      AdaptationTrainer trainer,
      int hidden,
      long seed,
      int embedBatch,
      Path cacheDir,
      Map<String, String> meta)
      throws IOException {
    ProgressListener progress = r.embedding() != null ? r.embedding() : (done, total, cached) -> {};
    try (VisionLanguageCheckpoint clip = VisionLanguageCheckpoint.load(r.modelDir())) {
      ImagePreprocessor pre = clip.preprocessor();
      EmbeddingCache cache =
          cacheDir == null
              ? null
              : new EmbeddingCache(
                  cacheDir, EmbeddingCache.modelDigest(clip.weightsFile()), pre.describe());
      ImageEmbedder embedder = new ImageEmbedder(clip.imageEncoder(), pre, cache, embedBatch);
      AdaptationData tr = embed(embedder, r.train(), progress);
      AdaptationData va = r.validation() == null ? null : embed(embedder, r.validation(), progress);
      AdaptationData te = embed(embedder, r.test(), progress);
      ClassifierHead head =
          ClassifierHead.create(
              r.strategy().defaultHead(),
              clip.imageEncoder().embeddingDim(),
              hidden,
              r.classes().size(),
              seed);
      trainer.train(head, tr, va);
      Map<String, INDArray> weights = new LinkedHashMap<>(head.parameters());
      weights.putAll(head.buffers());
      SafetensorsWriter.write(r.out().resolve("head.safetensors"), weights, meta);
      return ClassifierPredictor.predict(head, te, r.test().ids(), r.classes());
    }
  }

  private static AdaptationData embed(
      ImageEmbedder e, AdaptationRunner.Split s, ProgressListener listener) throws IOException {
    return AdaptationData.ofArrays(e.encode(s.images(), listener), s.labels());
  }
}
