package org.fairness4j.models.spi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.fairness4j.models.VisionLanguageCheckpoint;
import org.fairness4j.models.adapt.LoraAdapter;
import org.fairness4j.models.adapt.LoraConfig;
import org.fairness4j.models.nn.GraphAdaptation;
import org.fairness4j.models.nn.TrainableTower;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * A {@link VisionLanguageFamily} that accepts a directory by one configuration file and is made of
 * its loaders: the built-in families are these, each a constructor call naming its checkpoint
 * class's static methods. LoRA on the tower is refused unless the family is given an {@link
 * AttentionTest} (or a subclass overrides {@link #loraRefusal}).
 */
public abstract class ConfigFileFamily implements VisionLanguageFamily {
  /** Loads a model directory. */
  @FunctionalInterface
  public interface Loader {
    /**
     * Loads the directory.
     *
     * @param dir the directory
     * @return the model
     * @throws IOException if files are missing or unreadable, or the weights do not fit
     */
    VisionLanguageCheckpoint load(Path dir) throws IOException;
  }

  /** Loads a model directory with a LoRA adapter merged. */
  @FunctionalInterface
  public interface AdapterLoader {
    /**
     * Loads the directory with the adapter merged.
     *
     * @param dir the directory
     * @param adapter the adapter
     * @return the model
     * @throws IOException if files are missing or unreadable, or an adapted weight does not fit
     */
    VisionLanguageCheckpoint load(Path dir, LoraAdapter adapter) throws IOException;
  }

  /** Builds a directory's image tower into a graph for training. */
  @FunctionalInterface
  public interface TowerLoader {
    /**
     * Builds the tower.
     *
     * @param dir the directory
     * @param sd the graph
     * @param adaptation which weights are trainable and where LoRA terms go
     * @param pixels input placeholder [batch, 3, size, size]
     * @return the tower
     * @throws IOException if its weights cannot be read or do not fit
     */
    TrainableTower build(Path dir, SameDiff sd, GraphAdaptation adaptation, SDVariable pixels)
        throws IOException;
  }

  /** Tells whether a directory's image tower has attention projections, which LoRA adapts. */
  @FunctionalInterface
  public interface AttentionTest {
    /**
     * Whether the directory's image tower has attention projections.
     *
     * @param dir a directory the family accepts
     * @return true for a transformer tower, false for a ResNet
     * @throws IOException if the model's configuration cannot be read
     */
    boolean hasAttention(Path dir) throws IOException;
  }

  private final String name;
  private final int priority;
  private final String configFile;
  private final Loader loader;
  private final AdapterLoader adapterLoader;
  private final TowerLoader towerLoader;
  private final AttentionTest attention;

  /**
   * Creates the family.
   *
   * @param name the family's unique name
   * @param priority its place in the order (lower is asked first)
   * @param configFile the file whose presence in a directory marks the family's format
   * @param loader loads a directory
   * @param adapterLoader loads a directory with a LoRA adapter merged, or null if the family does
   *     not merge adapters
   * @param towerLoader builds the training tower, or null if the family has none
   */
  protected ConfigFileFamily(
      String name,
      int priority,
      String configFile,
      Loader loader,
      AdapterLoader adapterLoader,
      TowerLoader towerLoader) {
    this(name, priority, configFile, loader, adapterLoader, towerLoader, null);
  }

  /**
   * Creates a family whose LoRA refusal follows its towers: refused on a tower without attention
   * projections ({@link VisionLanguageFamily#loraNeedsAttention}), otherwise as {@link
   * #attentionLoraRefusal} says.
   *
   * @param name the family's unique name
   * @param priority its place in the order (lower is asked first)
   * @param configFile the file whose presence in a directory marks the family's format
   * @param loader loads a directory
   * @param adapterLoader loads a directory with a LoRA adapter merged, or null
   * @param towerLoader builds the training tower, or null if the family has none
   * @param attention whether a directory's tower has attention projections, or null for no LoRA
   *     targets at all
   */
  protected ConfigFileFamily(
      String name,
      int priority,
      String configFile,
      Loader loader,
      AdapterLoader adapterLoader,
      TowerLoader towerLoader,
      AttentionTest attention) {
    this.attention = attention;
    this.name = Objects.requireNonNull(name);
    this.priority = priority;
    this.configFile = Objects.requireNonNull(configFile);
    this.loader = Objects.requireNonNull(loader);
    this.adapterLoader = adapterLoader;
    this.towerLoader = towerLoader;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final int priority() {
    return priority;
  }

  /**
   * Whether the directory holds the configuration file.
   *
   * @param dir a model directory
   * @return true if the file is present
   */
  @Override
  public final boolean accepts(Path dir) {
    return Files.isRegularFile(dir.resolve(configFile));
  }

  @Override
  public final VisionLanguageCheckpoint load(Path dir) throws IOException {
    return loader.load(dir);
  }

  @Override
  public final boolean mergesLoraAdapters() {
    return adapterLoader != null;
  }

  @Override
  public final VisionLanguageCheckpoint load(Path dir, LoraAdapter adapter) throws IOException {
    return adapterLoader != null
        ? adapterLoader.load(dir, adapter)
        : VisionLanguageFamily.super.load(dir, adapter);
  }

  @Override
  public final Optional<TrainingTowerFactory> trainingTower(Path dir) {
    return towerLoader == null
        ? Optional.empty()
        : Optional.of((sd, a, pixels) -> towerLoader.build(dir, sd, a, pixels));
  }

  /**
   * Refuses LoRA on a tower without attention projections; on one with them, returns {@link
   * #attentionLoraRefusal}. A family without an {@link AttentionTest} has no LoRA targets.
   *
   * @param dir a directory this family accepts
   * @param lora the requested configuration
   * @return the reason, or null
   * @throws IOException if the model's configuration cannot be read
   */
  @Override
  public String loraRefusal(Path dir, LoraConfig lora) throws IOException {
    if (attention == null) {
      return VisionLanguageFamily.super.loraRefusal(dir, lora);
    }
    return attention.hasAttention(dir)
        ? attentionLoraRefusal(dir, lora)
        : VisionLanguageFamily.loraNeedsAttention(dir);
  }

  /**
   * Why LoRA cannot train a tower that has attention projections with this configuration, in one
   * line naming the directory, or null if it can (the default).
   *
   * @param dir a directory this family accepts, whose tower has attention projections
   * @param lora the requested configuration
   * @return the reason, or null
   * @throws IOException if the model's configuration cannot be read
   */
  protected String attentionLoraRefusal(Path dir, LoraConfig lora) throws IOException {
    return null;
  }
}
