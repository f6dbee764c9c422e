package org.fairness4j.models.weights;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A weight file that cannot be used: a malformed or truncated safetensors file, or tensors that are
 * missing, unexpected or of the wrong shape for the model. The message names the file and the
 * tensors.
 */
public final class WeightFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param file the weight file
   * @param problem what is wrong, naming the tensors
   */
  public WeightFormatException(Path file, String problem) {
    super(file + ": " + problem);
  }
}
