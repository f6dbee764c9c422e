package org.fairness4j.models.medclip;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * MedCLIP-ViT at its real shapes (Swin-Tiny at 224, BERT-base, 77 tokens, embed 512; random
 * weights, about 550 MB, too large to commit) against Hugging Face's SwinModel and BertModel with
 * MedCLIP's heads. Generate the directory, then run the slow suite:
 *
 * <pre>
 * /tmp/pyenv/bin/python tools/make_medclip_fixture.py --real-shape /tmp/medclip-vit-real
 * FAIRNESS4J_MEDCLIP_VIT_SHAPE=/tmp/medclip-vit-real mvn -B verify -Pslow -pl fairness-models -am
 * </pre>
 */
@Tag("slow")
class MedClipRealShapeParityTest {
  @Test
  void swinTinyAndBertBaseEqualTransformers() throws IOException {
    String dir = System.getenv("FAIRNESS4J_MEDCLIP_VIT_SHAPE");
    assumeTrue(
        dir != null && Files.isDirectory(Path.of(dir)),
        "set FAIRNESS4J_MEDCLIP_VIT_SHAPE to a directory made by"
            + " tools/make_medclip_fixture.py --real-shape");
    double[] d = MedClipCheckpointTest.parity(Path.of(dir));
    assertTrue(d[0] < 1e-4, "image features differ by " + d[0]);
    assertTrue(d[1] < 1e-4, "text features differ by " + d[1]);
  }
}
