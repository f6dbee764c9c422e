package org.fairness4j.models.spi;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The registered {@link VisionLanguageFamily model families}, found with {@link ServiceLoader} on
 * the thread's context class loader, and the one place that decides which family reads a model
 * directory.
 *
 * <p>Order: ascending {@link VisionLanguageFamily#priority priority}, then name; deterministic
 * whatever the order of the class path. The first family that {@link VisionLanguageFamily#accepts
 * accepts} a directory reads it; a directory none accepts goes to the last family, the fallback
 * (Hugging Face CLIP among the built-ins), whose loader names the files it misses.
 */
public final class VisionLanguageFamilies {
  /** Ascending priority, then name. */
  public static final Comparator<VisionLanguageFamily> ORDER =
      Comparator.comparingInt(VisionLanguageFamily::priority)
          .thenComparing(VisionLanguageFamily::name);

  private VisionLanguageFamilies() {}

  /**
   * Returns the registered families in {@link #ORDER}.
   *
   * @return the families
   * @throws IllegalStateException if none is registered or two share a name
   * @throws java.util.ServiceConfigurationError if a provider cannot be loaded
   */
  public static List<VisionLanguageFamily> all() {
    List<VisionLanguageFamily> found = new ArrayList<>();
    ServiceLoader.load(VisionLanguageFamily.class).forEach(found::add);
    return ordered(found);
  }

  /**
   * Returns the family that reads a model directory: the first in {@link #ORDER} that accepts it,
   * else the last (the fallback).
   *
   * @param dir a model directory
   * @return the family
   * @throws IllegalStateException if no family is registered
   */
  public static VisionLanguageFamily select(Path dir) {
    List<VisionLanguageFamily> families = all();
    for (VisionLanguageFamily f : families) {
      if (f.accepts(dir)) {
        return f;
      }
    }
    return families.get(families.size() - 1);
  }

  /** Sorts families into {@link #ORDER} and checks that there is one and that names are unique. */
  static List<VisionLanguageFamily> ordered(List<VisionLanguageFamily> families) {
    List<VisionLanguageFamily> sorted = new ArrayList<>(families);
    sorted.sort(ORDER);
    if (sorted.isEmpty()) {
      throw new IllegalStateException(
          "no model family is registered (META-INF/services/"
              + VisionLanguageFamily.class.getName()
              + " is missing from the class path)");
    }
    java.util.Map<String, VisionLanguageFamily> byName = new java.util.HashMap<>();
    for (VisionLanguageFamily f : sorted) {
      VisionLanguageFamily other = byName.putIfAbsent(f.name(), f);
      if (other != null) {
        throw new IllegalStateException(
            "two model families are named "
                + f.name()
                + ": "
                + other.getClass().getName()
                + " and "
                + f.getClass().getName());
      }
    }
    return List.copyOf(sorted);
  }
}
