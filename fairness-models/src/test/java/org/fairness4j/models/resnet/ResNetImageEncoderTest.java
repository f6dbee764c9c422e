package org.fairness4j.models.resnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.fairness4j.models.TestFixtures;
import org.fairness4j.models.weights.SafetensorsFile;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Pooled features equal PyTorch's for a small random ResNet in torchvision's layout with random
 * BatchNorm statistics (tools/make_resnet_fixture.py, torch 2.13.0+cpu).
 */
class ResNetImageEncoderTest {
  static Path fixture(String name) {
    return TestFixtures.path("/resnet-tiny/" + name);
  }

  @Test
  void pooledFeaturesEqualPyTorch() throws IOException {
    try (ResNetImageEncoder enc = ResNetImageEncoder.load(fixture("model.safetensors"), "", 64);
        SafetensorsFile ref = SafetensorsFile.open(fixture("reference.safetensors"))) {
      INDArray got =
          enc.encode(Nd4j.create(ref.floats("pixel_values"), ref.shape("pixel_values"), 'c'));
      INDArray want = Nd4j.create(ref.floats("features"), ref.shape("features"), 'c');
      assertArrayEquals(want.shape(), got.shape());
      double max =
          want.castTo(DataType.DOUBLE).sub(got.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
      assertTrue(max < 1e-4, "max |difference| " + max);
    }
  }
}
