package org.fairness4j.models.resnet;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fairness4j.models.weights.SafetensorsFile;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Parity with PyTorch at ResNet-50 shapes (random weights, 94 MB, not committed):
 *
 * <pre>
 * /tmp/pyenv/bin/python tools/make_resnet_fixture.py --shape r50 --out /tmp/r50
 * FAIRNESS4J_RESNET50=/tmp/r50 mvn -B verify -Pslow -pl fairness-models -am
 * </pre>
 */
@Tag("slow")
class ResNet50ParityTest {
  @Test
  void resnet50FeaturesEqualPyTorch() throws IOException {
    String dir = System.getenv("FAIRNESS4J_RESNET50");
    assumeTrue(
        dir != null && Files.isDirectory(Path.of(dir)),
        "set FAIRNESS4J_RESNET50 to a directory made by tools/make_resnet_fixture.py --shape r50");
    try (ResNetImageEncoder enc =
            ResNetImageEncoder.load(Path.of(dir, "model.safetensors"), "", 224);
        SafetensorsFile ref = SafetensorsFile.open(Path.of(dir, "reference.safetensors"))) {
      INDArray got =
          enc.encode(Nd4j.create(ref.floats("pixel_values"), ref.shape("pixel_values"), 'c'));
      INDArray want = Nd4j.create(ref.floats("features"), ref.shape("features"), 'c');
      double max =
          want.castTo(DataType.DOUBLE).sub(got.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
      System.err.println("ResNet-50 parity max |difference| " + max);
      assertTrue(max < 1e-4, "max |difference| " + max);
    }
  }
}
