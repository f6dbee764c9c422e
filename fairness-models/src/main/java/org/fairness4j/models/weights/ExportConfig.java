package org.fairness4j.models.weights;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads the JSON configuration files that the export scripts in {@code tools/} write next to the
 * weights, with errors that name the file and the script that makes it.
 */
public final class ExportConfig {
  private ExportConfig() {}

  /**
   * Reads a JSON file.
   *
   * @param file the file
   * @param producer what writes it, for the message (e.g. {@code tools/export_gloria.py})
   * @return the parsed JSON
   * @throws NoSuchFileException if the file is missing
   * @throws WeightFormatException if it is not valid JSON
   * @throws IOException if it cannot be read
   */
  public static JsonNode read(Path file, String producer) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file.toString(), null, "written by " + producer);
    }
    try {
      return new ObjectMapper().readTree(file.toFile());
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new WeightFormatException(file, "not valid JSON: " + e.getOriginalMessage());
    }
  }

  /**
   * Reads a three-number array such as a per-channel mean.
   *
   * @param n the JSON node
   * @param fallback returned when the node is not an array of three
   * @return the three values
   */
  public static float[] rgb(JsonNode n, float[] fallback) {
    if (!n.isArray() || n.size() != 3) {
      return fallback.clone();
    }
    return new float[] {
      (float) n.get(0).asDouble(), (float) n.get(1).asDouble(), (float) n.get(2).asDouble()
    };
  }
}
