package org.fairness4j.models.adapt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.fairness4j.models.image.ImageAugmentation;
import org.fairness4j.models.image.ImagePreprocessor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Labelled image files, read and preprocessed batch by batch (memory stays bounded), optionally
 * augmented for training. With {@code cache}, preprocessed images are kept in memory after their
 * first read (for small data sets such as the embedded demo).
 */
public final class ImageFolderData implements AdaptationData {
  private final List<Path> files;
  private final int[] labels;
  private final ImagePreprocessor preprocessor;
  private final ImageAugmentation augmentation;
  private final float[][] cache;

  /**
   * Creates the data.
   *
   * @param files one image file per example
   * @param labels one class index per example
   * @param preprocessor the model's preprocessing
   * @param augmentation training augmentation, or null for none
   * @param cache whether to keep preprocessed images in memory
   */
  public ImageFolderData(
      List<Path> files,
      int[] labels,
      ImagePreprocessor preprocessor,
      ImageAugmentation augmentation,
      boolean cache) {
    if (files.size() != labels.length) {
      throw new IllegalArgumentException(files.size() + " files but " + labels.length + " labels");
    }
    this.files = List.copyOf(files);
    this.labels = labels.clone();
    this.preprocessor = preprocessor;
    this.augmentation = augmentation;
    this.cache = cache ? new float[files.size()][] : null;
  }

  @Override
  public int size() {
    return labels.length;
  }

  @Override
  public int label(int row) {
    return labels[row];
  }

  /**
   * Returns an example's file.
   *
   * @param row the example
   * @return its file
   */
  public Path file(int row) {
    return files.get(row);
  }

  @Override
  public INDArray inputs(int[] rows, boolean training, long seed) {
    int s = preprocessor.crop();
    int per = 3 * s * s;
    float[] all = new float[rows.length * per];
    for (int i = 0; i < rows.length; i++) {
      float[] img = pixels(rows[i]).clone();
      if (training && augmentation != null) {
        augmentation.apply(
            img,
            s,
            preprocessor.mean(),
            preprocessor.std(),
            new Random(TrainingSeeds.mix(seed, rows[i])));
      }
      System.arraycopy(img, 0, all, i * per, per);
    }
    return Nd4j.create(all, new long[] {rows.length, 3, s, s}, 'c');
  }

  private float[] pixels(int row) {
    if (cache != null && cache[row] != null) {
      return cache[row];
    }
    float[] p;
    try {
      p = preprocessor.apply(files.get(row));
    } catch (IOException e) {
      throw new UncheckedIOException(files.get(row) + ": " + e.getMessage(), e);
    }
    if (cache != null) {
      cache[row] = p;
    }
    return p;
  }
}
