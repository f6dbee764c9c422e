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
 * Token ids equal Hugging Face's CLIPTokenizerFast (transformers 5.18.0) on the prompts of {@code
 * clip-bpe/expected.jsonl}, written by {@code tools/make_bpe_fixture.py} with its vocabulary.
 */
class ClipBpeTokenizerTest {
  @TempDir Path dir;

  static Path fixtureDir() {
    return TestFixtures.path("/clip-bpe/vocab.json").getParent();
  }

  @Test
  void idsEqualHuggingFaceOnTheCorpus() throws IOException {
    ClipBpeTokenizer tok = ClipBpeTokenizer.load(fixtureDir(), 77);
    ObjectMapper json = new ObjectMapper();
    int n = 0;
    for (String line :
        Files.readAllLines(fixtureDir().resolve("expected.jsonl"), StandardCharsets.UTF_8)) {
      JsonNode o = json.readTree(line);
      int[] want = json.convertValue(o.get("ids"), int[].class);
      assertArrayEquals(want, tok.encode(o.get("text").asText()), o.get("text").asText());
      n++;
    }
    assertEquals(10, n);
  }

  @Test
  void tokenizerJsonGivesTheSameIds() throws IOException {
    ObjectMapper json = new ObjectMapper();
    var root = json.createObjectNode();
    var model = root.putObject("model");
    model.put("type", "BPE");
    model.set("vocab", json.readTree(fixtureDir().resolve("vocab.json").toFile()));
    var merges = model.putArray("merges");
    for (String l : Files.readAllLines(fixtureDir().resolve("merges.txt"))) {
      if (!l.startsWith("#") && !l.isEmpty()) {
        merges.add(l);
      }
    }
    Files.write(dir.resolve("tokenizer.json"), json.writeValueAsBytes(root));
    ClipBpeTokenizer a = ClipBpeTokenizer.load(fixtureDir(), 77);
    ClipBpeTokenizer b = ClipBpeTokenizer.load(dir, 77);
    String text = "Large right pneumothorax, with mediastinal shift!";
    assertArrayEquals(a.encode(text), b.encode(text));
  }

  @Test
  void unknownFormatsAreNamed() throws IOException {
    TokenizerFormatException none =
        assertThrows(TokenizerFormatException.class, () -> ClipBpeTokenizer.load(dir, 77));
    assertTrue(none.getMessage().contains("expected vocab.json + merges.txt"), none.getMessage());
    Files.writeString(dir.resolve("tokenizer.json"), "{\"model\": {\"type\": \"WordPiece\"}}");
    TokenizerFormatException wp =
        assertThrows(TokenizerFormatException.class, () -> ClipBpeTokenizer.load(dir, 77));
    assertTrue(wp.getMessage().contains("'WordPiece', expected BPE"), wp.getMessage());
  }
}
