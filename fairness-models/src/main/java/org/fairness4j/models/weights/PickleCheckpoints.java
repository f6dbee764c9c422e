package org.fairness4j.models.weights;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Refuses model directories whose weights exist only as Python pickles ({@code .bin}, {@code .pt},
 * {@code .pth}), which Fairness4J never executes, with one line that says how to get or make the
 * safetensors file it reads.
 */
public final class PickleCheckpoints {
  /** The pickle files transformers and open_clip publish besides (or instead of) safetensors. */
  public static final List<String> NAMES =
      List.of(
          "open_clip_pytorch_model.bin",
          "open_clip_pytorch_model.pt",
          "open_clip_pytorch_model.pth",
          "pytorch_model.bin",
          "model.pt",
          "model.pth");

  private PickleCheckpoints() {}

  /**
   * Returns normally when {@code weights} exists; otherwise throws, naming a pickle of the
   * directory and the conversion when there is one.
   *
   * @param dir the model directory
   * @param weights the safetensors file the loader reads
   * @throws WeightFormatException one line naming the pickle and how to convert it
   * @throws NoSuchFileException when there is neither
   */
  public static void requireSafetensors(Path dir, Path weights) throws IOException {
    if (Files.isRegularFile(weights)) {
      return;
    }
    String name = weights.getFileName().toString();
    for (String p : NAMES) {
      if (Files.isRegularFile(dir.resolve(p))) {
        throw new WeightFormatException(
            dir.resolve(p),
            "a pickle checkpoint, which Fairness4J does not execute; download "
                + name
                + " from the same hub repository if it has one (or its refs/pr safetensors"
                + " conversion), or convert once with python -c \"import torch; from"
                + " safetensors.torch import save_file; save_file({k: v.float().contiguous() for"
                + " k, v in torch.load('"
                + p
                + "', map_location='cpu', weights_only=True).items()}, '"
                + name
                + "')\" in "
                + dir);
      }
    }
    throw new NoSuchFileException(weights.toString(), null, "the model directory needs it");
  }
}
