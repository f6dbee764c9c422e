package org.fairness4j.models.openclip;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Parity with open_clip at BiomedCLIP's real shapes (ViT-B/16 at 224, BERT-base, 256 tokens, embed
 * 512; random weights, about 800 MB, too large to commit). Generate the directory, then run the
 * slow suite:
 *
 * <pre>
 * /tmp/pyenv/bin/python tools/make_biomedclip_fixture.py --real-shape /tmp/bmc-real
 * FAIRNESS4J_BIOMEDCLIP_SHAPE=/tmp/bmc-real mvn -B verify -Pslow -pl fairness-models -am
 * </pre>
 */
@Tag("slow")
class OpenClipRealShapeParityTest {
  @Test
  void vitB16AndBertBaseEqualOpenClip() throws IOException {
    String dir = System.getenv("FAIRNESS4J_BIOMEDCLIP_SHAPE");
    assumeTrue(
        dir != null && Files.isDirectory(Path.of(dir)),
        "set FAIRNESS4J_BIOMEDCLIP_SHAPE to a directory made by"
            + " tools/make_biomedclip_fixture.py --real-shape");
    double[] d = OpenClipCheckpointTest.parity(Path.of(dir));
    assertTrue(d[0] < 1e-4, "image features differ by " + d[0]);
    assertTrue(d[1] < 1e-4, "text features differ by " + d[1]);
  }
}
