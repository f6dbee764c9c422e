package org.fairness4j.models.bert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.fairness4j.models.TestFixtures;
import org.fairness4j.models.text.WordPieceTokenizer;
import org.fairness4j.models.weights.SafetensorsFile;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The SameDiff BERT equals PyTorch's BertModel on the same random weights
 * (tools/make_bert_fixture.py, torch 2.13.0+cpu, transformers 5.18.0), with the WordPiece tokenizer
 * giving the same ids.
 */
class BertTextEncoderTest {
  static Path fixture(String name) {
    return TestFixtures.path("/bert-tiny/" + name);
  }

  @Test
  void lastHiddenStateEqualsPyTorchOnTokenizedPrompts() throws IOException {
    Path dir = fixture("config.json").getParent();
    WordPieceTokenizer tok = WordPieceTokenizer.load(dir.resolve("vocab.txt"), true, 24);
    String[] prompts = {
      "a chest x-ray showing cardiomegaly", "left pleural effusion, no pneumothorax.", "edema"
    };
    int[][] ids = new int[3][];
    for (int i = 0; i < 3; i++) {
      ids[i] = tok.encode(prompts[i]);
    }
    try (SafetensorsFile ref = SafetensorsFile.open(dir.resolve("reference.safetensors"));
        BertTextEncoder bert = BertTextEncoder.load(dir, "", 24, tok.sepId())) {
      int[] flat = ref.ints("input_ids");
      for (int i = 0; i < 3; i++) {
        assertArrayEquals(java.util.Arrays.copyOfRange(flat, i * 24, (i + 1) * 24), ids[i]);
      }
      INDArray want =
          Nd4j.create(ref.floats("last_hidden_state"), ref.shape("last_hidden_state"), 'c');
      INDArray got = bert.lastHiddenState(ids);
      // Every position, padding included, as PyTorch computes it with the same mask.
      double max =
          want.castTo(DataType.DOUBLE).sub(got.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
      assertTrue(max < 1e-4, "max |difference| " + max);
      assertArrayEquals(new long[] {3, 32}, bert.encode(ids).shape());
    }
  }
}
