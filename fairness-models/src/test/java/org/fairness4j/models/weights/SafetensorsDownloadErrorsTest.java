package org.fairness4j.models.weights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a failed download leaves in place of model.safetensors: a git-lfs pointer (a clone without
 * git-lfs; the pointer format of the git-lfs specification, spec/v1) or the hub's text answer to a
 * missing file (what {@code curl -L} without {@code -f} saves). Each is refused in one line that
 * says what the file is.
 */
class SafetensorsDownloadErrorsTest {
  @TempDir Path dir;

  private WeightFormatException refusal(String content) throws IOException {
    Path f = dir.resolve("model.safetensors");
    Files.writeString(f, content);
    return assertThrows(WeightFormatException.class, () -> SafetensorsFile.open(f).close());
  }

  @Test
  void aGitLfsPointerSaysToPullTheWeights() throws IOException {
    WeightFormatException e =
        refusal(
            "version https://git-lfs.github.com/spec/v1\n"
                + "oid sha256:"
                + "0".repeat(64)
                + "\nsize 605157884\n");
    assertTrue(e.getMessage().contains("git-lfs pointer"), e.getMessage());
    assertTrue(e.getMessage().contains("git lfs pull"), e.getMessage());
    assertEquals(1, e.getMessage().lines().count(), e.getMessage());
  }

  @Test
  void aTextAnswerIsQuotedAsAFailedDownload() throws IOException {
    WeightFormatException e = refusal("Entry not found");
    assertTrue(e.getMessage().contains("text starting 'Entry not found'"), e.getMessage());
    assertTrue(e.getMessage().contains("failed download"), e.getMessage());
    assertEquals(1, e.getMessage().lines().count(), e.getMessage());
  }
}
