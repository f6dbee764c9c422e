package org.fairness4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** The image files under a directory, recursively, in a stable (sorted relative path) order. */
final class ImageFiles {
  private ImageFiles() {}

  static List<Path> under(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new java.nio.file.NoSuchFileException(dir.toString(), null, "not a directory");
    }
    try (Stream<Path> s = Files.walk(dir)) {
      List<Path> files =
          s.filter(Files::isRegularFile)
              .filter(
                  p -> {
                    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                    return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg");
                  })
              .sorted()
              .toList();
      if (files.isEmpty()) {
        throw new IOException(dir + ": no .png, .jpg or .jpeg files");
      }
      return files;
    }
  }
}
