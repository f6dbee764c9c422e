package org.fairness4j.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link AtomicFiles} refuses to replace, and the temporary files it leaves behind (none). */
class AtomicFilesTargetsTest {
  @TempDir Path dir;

  @Test
  void aSymbolicLinkIsNotReplacedByARegularFile() throws IOException {
    Path target = Files.writeString(dir.resolve("real.json"), "keep");
    Path link = Files.createSymbolicLink(dir.resolve("link.json"), target);
    IOException e =
        assertThrows(IOException.class, () -> AtomicFiles.writeText(link, w -> w.write("new")));
    assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
    assertTrue(Files.isSymbolicLink(link));
    assertEquals("keep", Files.readString(target));
  }

  @Test
  void aDirectoryOrDeviceIsRefused() {
    IOException e =
        assertThrows(IOException.class, () -> AtomicFiles.writeText(dir, w -> w.write("x")));
    assertTrue(e.getMessage().contains("is a directory"), e.getMessage());
    Path devNull = Path.of("/dev/null");
    if (Files.exists(devNull)) {
      IOException d =
          assertThrows(IOException.class, () -> AtomicFiles.writeText(devNull, w -> w.write("x")));
      assertTrue(d.getMessage().contains("not a regular file"), d.getMessage());
      assertFalse(Files.isRegularFile(devNull));
    }
  }

  @Test
  void temporaryFilesOfAKilledRunAreRemovedByTheNextWrite() throws IOException {
    Path target = dir.resolve("report.json");
    Path stale = Files.writeString(dir.resolve(".report.json.8123456789.tmp"), "half");
    Path other = Files.writeString(dir.resolve(".other.json.8123456789.tmp"), "not ours");
    AtomicFiles.writeText(target, w -> w.write("{}"));
    assertEquals("{}", Files.readString(target));
    assertFalse(Files.exists(stale));
    assertTrue(Files.exists(other));
    try (var files = Files.list(dir)) {
      assertEquals(2, files.count());
    }
  }

  @Test
  void aFailedWriteNamesTheTargetAndLeavesNoTemporaryFile() throws IOException {
    Path notADir = Files.writeString(dir.resolve("plain"), "x");
    Path target = notADir.resolve("out.json");
    IOException e =
        assertThrows(IOException.class, () -> AtomicFiles.writeText(target, w -> w.write("x")));
    assertTrue(e.getMessage().startsWith(target.toString()), e.getMessage());
    IOException mid =
        assertThrows(
            IOException.class,
            () ->
                AtomicFiles.writeText(
                    dir.resolve("r.json"),
                    w -> {
                      throw new IOException("disk full");
                    }));
    assertEquals("disk full", mid.getMessage());
    try (var files = Files.list(dir)) {
      assertEquals(1, files.count());
    }
  }
}
