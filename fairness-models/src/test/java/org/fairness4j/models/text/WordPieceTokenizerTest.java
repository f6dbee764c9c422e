package org.fairness4j.models.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

  @Test
  void casingComesFromTokenizerConfig() throws IOException {
    Files.copy(fixture("vocab.txt"), dir.resolve("vocab.txt"));
    String text = "Pleural Effusion, café";
    WordPieceTokenizer uncased = WordPieceTokenizer.load(fixture("vocab.txt"), true, 24);
    WordPieceTokenizer cased = WordPieceTokenizer.load(fixture("vocab.txt"), false, 24);
    assertFalse(
        java.util.Arrays.equals(
            uncased.encodeWithMask(text).ids(), cased.encodeWithMask(text).ids()),
        "the text tells cased from uncased");
    // no tokenizer_config.json: uncased, as BertTokenizerFast's default
    WordPieceTokenizer none = WordPieceTokenizer.fromDirectory(dir, 24);
    assertTrue(none.lowercase());
    assertArrayEquals(uncased.encodeWithMask(text).ids(), none.encodeWithMask(text).ids());
    Files.writeString(dir.resolve("tokenizer_config.json"), "{\"do_lower_case\": false}");
    WordPieceTokenizer fromConfig = WordPieceTokenizer.fromDirectory(dir, 24);
    assertEquals(false, fromConfig.lowercase());
    assertArrayEquals(cased.encodeWithMask(text).ids(), fromConfig.encodeWithMask(text).ids());
    Files.writeString(
        dir.resolve("tokenizer_config.json"), "{\"do_lower_case\": true, \"strip_accents\": null}");
    assertTrue(WordPieceTokenizer.fromDirectory(dir, 24).lowercase());
  }

  @Test
  void aBadTokenizerConfigIsNamedWithItsEntry() throws IOException {
    Files.copy(fixture("vocab.txt"), dir.resolve("vocab.txt"));
    Path config = dir.resolve("tokenizer_config.json");
    Files.writeString(config, "{\"do_lower_case\": \"yes\"}");
    TokenizerFormatException e =
        assertThrows(
            TokenizerFormatException.class, () -> WordPieceTokenizer.fromDirectory(dir, 8));
    assertTrue(e.getMessage().startsWith(config.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("do_lower_case"), e.getMessage());
    Files.writeString(config, "{\"do_lower_case\": false, \"strip_accents\": true}");
    e =
        assertThrows(
            TokenizerFormatException.class, () -> WordPieceTokenizer.fromDirectory(dir, 8));
    assertTrue(e.getMessage().contains("strip_accents"), e.getMessage());
    Files.writeString(config, "{not json");
    e =
        assertThrows(
            TokenizerFormatException.class, () -> WordPieceTokenizer.fromDirectory(dir, 8));
    assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
  }
}
