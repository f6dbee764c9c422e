package org.fairness4j.models.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fairness4j.models.TestFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ids and masks equal Hugging Face's BertTokenizerFast (transformers 5.18.0), uncased and cased, on
 * the prompts of {@code wordpiece/expected.jsonl} (tools/make_wordpiece_fixture.py).
 */
class WordPieceTokenizerTest {
  @TempDir Path dir;

  static Path fixture(String name) {
    return TestFixtures.path("/wordpiece/" + name);
  }

  @Test
  void idsAndMasksEqualHuggingFaceCasedAndUncased() throws IOException {
    WordPieceTokenizer uncased = WordPieceTokenizer.load(fixture("vocab.txt"), true, 24);
    WordPieceTokenizer cased = WordPieceTokenizer.load(fixture("vocab.txt"), false, 24);
    ObjectMapper json = new ObjectMapper();
    int n = 0;
    for (String line : Files.readAllLines(fixture("expected.jsonl"), StandardCharsets.UTF_8)) {
      JsonNode o = json.readTree(line);
      WordPieceTokenizer tok = o.get("lowercase").asBoolean() ? uncased : cased;
      WordPieceTokenizer.Encoding e = tok.encodeWithMask(o.get("text").asText());
      String what = o.get("lowercase") + " " + o.get("text");
      assertArrayEquals(json.convertValue(o.get("ids"), int[].class), e.ids(), what);
      assertArrayEquals(json.convertValue(o.get("mask"), int[].class), e.mask(), what);
      n++;
    }
    assertEquals(16, n);
  }

  @Test
  void aVocabularyWithoutSpecialTokensIsNamed() throws IOException {
    Path v = dir.resolve("vocab.txt");
    Files.writeString(v, "a\nb\n");
    TokenizerFormatException e =
        assertThrows(TokenizerFormatException.class, () -> WordPieceTokenizer.load(v, true, 8));
    assertTrue(e.getMessage().startsWith(v.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("[CLS]"), e.getMessage());
  }
}
