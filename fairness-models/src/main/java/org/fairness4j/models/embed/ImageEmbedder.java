package org.fairness4j.models.embed;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fairness4j.models.ImageEncoder;
import org.fairness4j.models.image.ImagePreprocessor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Encodes many image files in batches into a {@code .npy} file, using and filling an optional
 * {@link EmbeddingCache}. Memory stays bounded by the batch size; an interrupted run resumes from
 * the cache.
 */
public final class ImageEmbedder {
  private final ImageEncoder encoder;
  private final ImagePreprocessor preprocessor;
  private final EmbeddingCache cache;
  private final int batchSize;

  /**
   * Creates an embedder.
   *
   * @param encoder the image encoder
   * @param preprocessor its preprocessing
   * @param cache a cache, or null
   * @param batchSize images per forward pass, at least 1
   */
  public ImageEmbedder(
      ImageEncoder encoder, ImagePreprocessor preprocessor, EmbeddingCache cache, int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be at least 1");
    }
    this.encoder = encoder;
    this.preprocessor = preprocessor;
    this.cache = cache;
    this.batchSize = batchSize;
  }

  /** Receives the embeddings of one batch, in input order. */
  private interface RowSink {
    void accept(float[][] rows) throws IOException;
  }

  /**
   * Encodes the images, in order, into a float32 {@code [images, dim]} .npy file.
   *
   * @param images the image files
   * @param out the .npy file (written atomically)
   * @param listener progress
   * @throws IOException naming the first image that cannot be read, or if writing fails
   */
  public void encode(List<Path> images, Path out, ProgressListener listener) throws IOException {
    try (NpyWriter npy = new NpyWriter(out, images.size(), encoder.embeddingDim())) {
      run(
          images,
          rows -> {
            for (float[] row : rows) {
              npy.write(row);
            }
          },
          listener);
      npy.commit();
    }
  }

  /**
   * Encodes images into memory, in order.
   *
   * @param images the image files
   * @param listener progress
   * @return {@code [images, dim]} float32
   * @throws IOException naming the first image that cannot be read
   */
  public INDArray encode(List<Path> images, ProgressListener listener) throws IOException {
    float[][] all = new float[images.size()][];
    int[] at = {0};
    run(
        images,
        rows -> {
          for (float[] row : rows) {
            all[at[0]++] = row;
          }
        },
        listener);
    return images.isEmpty()
        ? Nd4j.create(org.nd4j.linalg.api.buffer.DataType.FLOAT, 0, encoder.embeddingDim())
        : Nd4j.create(all);
  }

  private void run(List<Path> images, RowSink sink, ProgressListener listener) throws IOException {
    int dim = encoder.embeddingDim();
    long cached = 0;
    for (int start = 0; start < images.size(); start += batchSize) {
      List<Path> batch = images.subList(start, Math.min(images.size(), start + batchSize));
      float[][] rows = new float[batch.size()][];
      String[] digests = new String[batch.size()];
      List<Integer> todo = new ArrayList<>();
      for (int i = 0; i < batch.size(); i++) {
        if (cache != null) {
          digests[i] = EmbeddingCache.digest(batch.get(i));
          rows[i] = cache.get(digests[i], dim);
        }
        if (rows[i] == null) {
          todo.add(i);
        } else {
          cached++;
        }
      }
      if (!todo.isEmpty()) {
        List<Path> files = new ArrayList<>();
        todo.forEach(i -> files.add(batch.get(i)));
        INDArray emb = encoder.encode(preprocessor.batch(files));
        for (int j = 0; j < todo.size(); j++) {
          int i = todo.get(j);
          rows[i] = emb.getRow(j).toFloatVector();
          if (cache != null) {
            cache.put(digests[i], rows[i]);
          }
        }
      }
      sink.accept(rows);
      listener.progress(start + batch.size(), images.size(), cached);
    }
  }
}
