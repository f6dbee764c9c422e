package org.fairness4j.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir Path dir;

  @Test
  void failedWriteLeavesThePreviousFileAndNoTemporaryFile() throws IOException {
    Path target = dir.resolve("report.json");
    AtomicFiles.writeText(target, w -> w.write("old"));
    assertThrows(
        IOException.class,
        () ->
            AtomicFiles.writeText(
                target,
                w -> {
                  w.write("half of the new report");
                  throw new IOException("disk full");
                }));
    assertEquals("old", Files.readString(target));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(1, files.count());
    }
  }

  @Test
  void createsParentDirectoriesAndReplaces() throws IOException {
    Path target = dir.resolve("a/b/out.md");
    AtomicFiles.writeText(target, w -> w.write("one"));
    AtomicFiles.writeText(target, w -> w.write("two"));
    assertEquals("two", Files.readString(target));
  }
}
