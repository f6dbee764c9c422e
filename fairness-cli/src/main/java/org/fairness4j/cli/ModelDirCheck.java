package org.fairness4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks a {@code --model} path before loading: it is an existing directory, and its JSON files
 * (config.json, open_clip_config.json, tokenizer.json, ...) parse, so that a bad one is named with
 * its line and column instead of a parser message without the file.
 */
final class ModelDirCheck {
  private ModelDirCheck() {}

  /**
   * Checks a model directory.
   *
   * @param flag the option, e.g. {@code --model}
   * @param dir the path
   * @throws IllegalArgumentException naming the path or file and the problem
   * @throws IOException if the directory cannot be listed
   */
  static void check(String flag, Path dir) throws IOException {
    if (!Files.exists(dir)) {
      throw new IllegalArgumentException(flag + " " + dir + ": no such directory");
    }
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(
          flag
              + " "
              + dir
              + " is a file, not a model directory; give the directory that holds its"
              + " config.json (or open_clip_config.json) and weights");
    }
    ObjectMapper json = new ObjectMapper();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
      for (Path f : files) {
        if (!Files.isRegularFile(f)) {
          continue;
        }
        try {
          json.readTree(f.toFile());
        } catch (JsonProcessingException e) {
          throw new IllegalArgumentException(
              f
                  + ":"
                  + e.getLocation().getLineNr()
                  + ": not valid JSON (column "
                  + e.getLocation().getColumnNr()
                  + ": "
                  + e.getOriginalMessage().lines().findFirst().orElse("")
                  + ")",
              e);
        }
      }
    }
  }
}
