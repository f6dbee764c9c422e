package org.fairness4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fairness4j.core.io.AtomicFiles;

/**
 * The rules every output path of the command line follows, checked before any work: an output is a
 * regular file or does not exist yet (never a directory, symbolic link, FIFO or device: an atomic
 * write would replace it), it is never a file the command reads (nor an existing file of an input
 * directory such as the model's; a new file there is allowed), two outputs are never the same file,
 * and its directory is writable.
 */
public final class OutputTargets {
  private OutputTargets() {}

  /**
   * Checks one output.
   *
   * @param flag the option that named it, e.g. {@code --out}
   * @param out the output path, or null (then nothing is checked)
   * @param inputs the files and directories the command reads (nulls are skipped)
   * @throws IllegalArgumentException naming the flag, the path and the problem
   */
  public static void check(String flag, Path out, Path... inputs) {
    if (out == null) {
      return;
    }
    try {
      AtomicFiles.requireRegularOrAbsent(out);
    } catch (IOException e) {
      throw new IllegalArgumentException(flag + " " + e.getMessage(), e);
    }
    // Not normalized: "link/../x" goes through the link, as the operating system resolves it.
    Path abs = out.toAbsolutePath();
    for (Path in : inputs) {
      if (in == null || !Files.exists(in)) {
        continue;
      }
      if (Files.isDirectory(in)) {
        if (Files.exists(abs) && inside(abs, in)) {
          throw new IllegalArgumentException(
              flag
                  + " "
                  + out
                  + " is a file of the input directory "
                  + in
                  + "; a command never overwrites what it reads");
        }
      } else if (sameFile(abs, in)) {
        throw new IllegalArgumentException(
            flag
                + " "
                + out
                + " is the input file "
                + in
                + "; a command never overwrites its input");
      }
    }
    Path dir = nearestExisting(abs.getParent());
    if (dir != null && (!Files.isDirectory(dir) || !Files.isWritable(dir))) {
      throw new IllegalArgumentException(
          flag
              + " "
              + out
              + ": cannot write there ("
              + dir
              + (Files.isDirectory(dir) ? " is not writable)" : " is not a directory)"));
    }
  }

  /**
   * Checks that two outputs are different files.
   *
   * @param flagA the first option
   * @param a the first path or null
   * @param flagB the second option
   * @param b the second path or null
   */
  static void distinct(String flagA, Path a, String flagB, Path b) {
    if (a != null && b != null && sameFile(a.toAbsolutePath(), b)) {
      throw new IllegalArgumentException(
          flagA + " and " + flagB + " are the same file " + a + "; give two different files");
    }
  }

  private static boolean sameFile(Path abs, Path other) {
    try {
      if (Files.exists(abs) && Files.exists(other)) {
        return Files.isSameFile(abs, other);
      }
      return real(abs).equals(real(other));
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean inside(Path abs, Path dir) {
    try {
      return real(abs).startsWith(dir.toRealPath());
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * The real path of a file that may not exist yet: its nearest existing ancestor, resolved by the
   * file system (so {@code link/..} is the link target's parent, not the link's), then the rest.
   */
  private static Path real(Path p) throws IOException {
    Path abs = p.toAbsolutePath();
    Path existing = nearestExisting(abs);
    if (existing == null) {
      return abs.normalize();
    }
    return existing.toRealPath().resolve(existing.relativize(abs)).normalize();
  }

  private static Path nearestExisting(Path p) {
    Path q = p;
    while (q != null && !Files.exists(q)) {
      q = q.getParent();
    }
    return q;
  }
}
