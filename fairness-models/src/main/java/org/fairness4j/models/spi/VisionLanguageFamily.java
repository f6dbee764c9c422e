package org.fairness4j.models.spi;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.fairness4j.models.VisionLanguageCheckpoint;
import org.fairness4j.models.adapt.LoraAdapter;
import org.fairness4j.models.adapt.LoraConfig;

/**
 * A family of CLIP-like models (a checkpoint format): which model directories it reads, how it
 * loads them, and what of its image encoder can be adapted. Families are service providers: an
 * implementation is a public class with a public no-argument constructor, named in {@code
 * META-INF/services/org.fairness4j.models.spi.VisionLanguageFamily} of its jar, and {@link
 * VisionLanguageFamilies} finds it on the class path with {@link java.util.ServiceLoader} (as DJL
 * finds its engines and model zoos).
 *
 * <p>Capabilities: a family whose {@link #trainingTower} is present trains with full fine-tuning;
 * with LoRA where {@link #loraRefusal} is null, on the targets {@link #loraConfig} maps the request
 * to. Hugging Face CLIP (family {@code clip}) is the one built-in family without a tower: the
 * adaptation code trains it with its own graph ({@code EncoderClassifier}).
 */
public interface VisionLanguageFamily {
  /**
   * Returns the family's name, unique among the registered families (e.g. {@code openclip}).
   *
   * @return the name
   */
  String name();

  /**
   * Returns the family's place in the order in which families are asked to {@link #accepts accept}
   * a directory: ascending priority, then name. The built-in families use 100 (open_clip), 200
   * (MedCLIP), 300 (GLoRIA) and {@link Integer#MAX_VALUE} (Hugging Face CLIP, the fallback); the
   * default 0 puts a user's family before them.
   *
   * @return the priority (lower is asked first)
   */
  default int priority() {
    return 0;
  }

  /**
   * Whether a directory holds this family's format. Cheap: looks at which files are present, reads
   * none of them.
   *
   * @param dir a model directory
   * @return true if {@link #load} should read it
   */
  boolean accepts(Path dir);

  /**
   * Loads a model directory.
   *
   * @param dir a directory this family accepts (or, for the fallback family, any directory: its
   *     loader names the files it misses)
   * @return the model
   * @throws IOException if files are missing or unreadable, or the weights do not fit
   */
  VisionLanguageCheckpoint load(Path dir) throws IOException;

  /**
   * Whether {@link #load(Path, LoraAdapter)} merges a LoRA adapter into this family's weights.
   *
   * @return false unless the family overrides it
   */
  default boolean mergesLoraAdapters() {
    return false;
  }

  /**
   * Loads a model directory with a LoRA adapter merged into its weights (W + (α/r)·B·A).
   *
   * @param dir a directory this family accepts
   * @param adapter the adapter
   * @return the model
   * @throws IOException if files are missing or unreadable, or an adapted weight does not fit
   * @throws UnsupportedOperationException if {@link #mergesLoraAdapters} is false
   */
  default VisionLanguageCheckpoint load(Path dir, LoraAdapter adapter) throws IOException {
    throw new UnsupportedOperationException(
        "model family " + name() + " does not merge LoRA adapters");
  }

  /**
   * Returns the image tower of a directory of this family, built for training, or empty if the
   * family's encoder is not trained through a tower.
   *
   * @param dir a directory this family accepts
   * @return the tower factory
   */
  default Optional<TrainingTowerFactory> trainingTower(Path dir) {
    return Optional.empty();
  }

  /**
   * Why LoRA with a configuration cannot train this directory's image encoder, in one line naming
   * the directory, or null if it can.
   *
   * @param dir a directory this family accepts
   * @param lora the requested configuration
   * @return the reason, or null
   * @throws IOException if the model's configuration cannot be read
   */
  default String loraRefusal(Path dir, LoraConfig lora) throws IOException {
    return dir + ": model family " + name() + " has no LoRA targets";
  }

  /**
   * The LoRA configuration this directory trains for a requested one (e.g. the fused qkv target
   * mapped to separate query, key and value modules).
   *
   * @param dir a directory this family accepts
   * @param requested the requested configuration (one {@link #loraRefusal} accepts)
   * @return the configuration to build
   * @throws IOException if the model's configuration cannot be read
   */
  default LoraConfig loraConfig(Path dir, LoraConfig requested) throws IOException {
    return requested;
  }

  /**
   * The refusal of LoRA on a ResNet tower, shared by the families that have one.
   *
   * @param dir the model directory
   * @return the one-line reason
   */
  static String loraNeedsAttention(Path dir) {
    return dir
        + ": LoRA needs attention projections and this ResNet tower has none peft can wrap"
        + " (open_clip's attention pool reads its projections' weights directly); use full"
        + " fine-tuning";
  }
}
