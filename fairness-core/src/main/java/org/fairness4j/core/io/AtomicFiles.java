package org.fairness4j.core.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes files atomically: the content goes to a temporary file in the same directory, which is
 * then moved over the target. A crash or an exception mid-write leaves the previous file (or none)
 * in place, never a truncated one.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Produces the content of a file. */
  @FunctionalInterface
  public interface Content {
    /**
     * Writes the content.
     *
     * @param out where to write
     * @throws IOException if writing fails
     */
    void writeTo(Writer out) throws IOException;
  }

  /**
   * Writes a UTF-8 text file atomically.
   *
   * @param target the file to create or replace
   * @param content what to write
   * @throws IOException if writing or moving fails, or the target exists and is not a regular file
   *     (see {@link #tempFileFor}); the target is then unchanged
   */
  public static void writeText(Path target, Content content) throws IOException {
    writeTextImpl(target, content);
  }

  /**
   * Gives a temporary file the permissions of the file it will replace, or {@code rw-r--r--} for a
   * new file (temporary files are created owner-only), on file systems with POSIX permissions.
   *
   * @param tmp the temporary file
   * @param target the file it will be moved to
   * @throws IOException if the permissions cannot be read or set
   */
  public static void readableLikeTarget(Path tmp, Path target) throws IOException {
    if (!Files.getFileStore(tmp).supportsFileAttributeView("posix")) {
      return;
    }
    java.util.Set<java.nio.file.attribute.PosixFilePermission> perms =
        Files.exists(target)
            ? Files.getPosixFilePermissions(target)
            : java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--");
    Files.setPosixFilePermissions(tmp, perms);
  }

  /**
   * Creates the temporary file that will replace {@code target}: in the target's directory, named
   * {@code .NAME.<random>.tmp}. Refuses a target that exists and is not a regular file (a
   * directory, a symbolic link, a FIFO, a device such as {@code /dev/null}): moving a file over it
   * would replace it. Deletes temporary files of the same target that a killed run left behind, and
   * deletes this one when the JVM exits (normally or on SIGTERM/Ctrl-C) unless {@link #release} was
   * called. Failures name the target, not the temporary file.
   *
   * @param target the file that will be created or replaced
   * @return the new, empty temporary file
   * @throws IOException if the target is not a regular file or the directory is not writable
   */
  public static Path tempFileFor(Path target) throws IOException {
    Path abs = target.toAbsolutePath();
    requireRegularOrAbsent(abs);
    Path dir = abs.getParent();
    String prefix = "." + abs.getFileName() + ".";
    try {
      Files.createDirectories(dir);
      try (var stale = Files.newDirectoryStream(dir, prefix + "*.tmp")) {
        for (Path p : stale) {
          if (p.getFileName().toString().substring(prefix.length()).matches("[0-9]+\\.tmp")
              && !Pending.FILES.contains(p)) {
            Files.deleteIfExists(p);
          }
        }
      }
      Path tmp = Files.createTempFile(dir, prefix, ".tmp");
      Pending.FILES.add(tmp);
      return tmp;
    } catch (IOException e) {
      throw new java.nio.file.FileSystemException(
          abs.toString(),
          null,
          "cannot write here (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
    }
  }

  /**
   * Forgets a temporary file of {@link #tempFileFor} (after it was moved into place or deleted).
   *
   * @param tmp the temporary file
   */
  public static void release(Path tmp) {
    Pending.FILES.remove(tmp);
  }

  /**
   * Refuses a path that exists and is not a regular file (a directory, a symbolic link, a FIFO or a
   * device): an atomic write would replace it with a regular file.
   *
   * @param target the path
   * @throws IOException naming the path and what it is
   */
  public static void requireRegularOrAbsent(Path target) throws IOException {
    if (Files.isSymbolicLink(target)) {
      throw new java.nio.file.FileSystemException(
          target.toString(),
          null,
          "is a symbolic link (to "
              + Files.readSymbolicLink(target)
              + "); give the path of the file itself");
    }
    if (Files.isDirectory(target)) {
      throw new java.nio.file.FileSystemException(
          target.toString(), null, "is a directory; give a file name");
    }
    if (Files.exists(target) && !Files.isRegularFile(target)) {
      throw new java.nio.file.FileSystemException(
          target.toString(),
          null,
          "is not a regular file (a FIFO or a device); outputs are written only to regular files");
    }
  }

  /** Temporary files not yet moved into place, deleted at JVM exit. */
  private static final class Pending {
    static final java.util.Set<Path> FILES = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static {
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    for (Path p : FILES) {
                      try {
                        Files.deleteIfExists(p);
                      } catch (IOException e) {
                        // Best effort at exit.
                      }
                    }
                  },
                  "fairness4j-temp-cleanup"));
    }

    private Pending() {}
  }

  private static void writeTextImpl(Path target, Content content) throws IOException {
    Path abs = target.toAbsolutePath();
    Path tmp = tempFileFor(abs);
    try {
      readableLikeTarget(tmp, abs);
      try (Writer w =
          new BufferedWriter(
              new java.io.OutputStreamWriter(Files.newOutputStream(tmp), StandardCharsets.UTF_8))) {
        content.writeTo(w);
      }
      try {
        Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
      release(tmp);
    }
  }
}
