package org.fairness4j.models.spi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fairness4j.models.LoadedCheckpoint;
import org.fairness4j.models.VisionLanguageCheckpoint;
import org.fairness4j.models.clip.ClipCheckpoint;
import org.fairness4j.models.text.PromptTokenizer;

/**
 * A test-only family registered in src/test/resources/META-INF/services, as a user's own family on
 * the class path would be: it accepts directories holding {@value #MARKER} (which no built-in
 * family reads) and loads the Hugging Face CLIP files beside it into a {@link Marked} checkpoint,
 * so a test can tell which family read a directory. It has no training tower and no LoRA.
 */
public final class MarkerFamily implements VisionLanguageFamily {
  /** The file this family accepts a directory by. */
  static final String MARKER = "marker_family.json";

  /** Creates the family (for {@link java.util.ServiceLoader}). */
  public MarkerFamily() {}

  @Override
  public String name() {
    return "marker";
  }

  @Override
  public boolean accepts(Path dir) {
    return Files.isRegularFile(dir.resolve(MARKER));
  }

  @Override
  public VisionLanguageCheckpoint load(Path dir) throws IOException {
    ClipCheckpoint c = ClipCheckpoint.load(dir); // Marked owns and closes its encoders
    return new Marked(c.weightsFile(), c, c.tokenizer());
  }

  /** The checkpoint this family loads. */
  static final class Marked extends LoadedCheckpoint<PromptTokenizer> {
    Marked(Path weights, VisionLanguageCheckpoint c, PromptTokenizer tokenizer) throws IOException {
      super(
          weights, c.imageEncoder(), c.textEncoder(), tokenizer, c.preprocessor(), c.logitScale());
    }
  }
}
