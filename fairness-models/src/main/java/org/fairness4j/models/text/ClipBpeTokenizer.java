package org.fairness4j.models.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CLIP's byte-level BPE tokenizer, equal to Hugging Face's {@code CLIPTokenizerFast}: NFC,
 * whitespace runs to one space, lower case; CLIP's split pattern (contractions, letter runs, single
 * digits, other symbol runs); bytes mapped to printable characters; BPE with {@code </w>} marking
 * the end of a word; {@code <|startoftext|>} ... {@code <|endoftext|>}, truncated and padded (with
 * the end-of-text id) to the context length. Thread-safe.
 */
public final class ClipBpeTokenizer implements PromptTokenizer {
  /** Start-of-text token. */
  public static final String BOS = "<|startoftext|>";

  /** End-of-text token (also the padding token). */
  public static final String EOS = "<|endoftext|>";

  private static final Pattern WHITESPACE =
      Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);
  private static final Pattern SPLIT =
      Pattern.compile(
          "'s|'t|'re|'ve|'m|'ll|'d|[\\p{L}]+|[\\p{N}]|[^\\s\\p{L}\\p{N}]+",
          Pattern.UNICODE_CHARACTER_CLASS);
  private static final Pattern SPECIAL =
      Pattern.compile(Pattern.quote(BOS) + "|" + Pattern.quote(EOS));
  private static final String[] BYTE_CHARS = byteChars();

  private final Map<String, Integer> vocab;
  private final Map<String, Integer> mergeRanks;
  private final int bos;
  private final int eos;
  private final int contextLength;
  private final Map<String, int[]> cache = new ConcurrentHashMap<>();

  private ClipBpeTokenizer(
      Map<String, Integer> vocab, Map<String, Integer> mergeRanks, int contextLength, Path where)
      throws TokenizerFormatException {
    this.vocab = Map.copyOf(vocab);
    this.mergeRanks = Map.copyOf(mergeRanks);
    Integer b = vocab.get(BOS);
    Integer e = vocab.get(EOS);
    if (b == null || e == null) {
      throw new TokenizerFormatException(where, "the vocabulary lacks " + BOS + " or " + EOS);
    }
    this.bos = b;
    this.eos = e;
    this.contextLength = contextLength;
  }

  /**
   * Loads {@code vocab.json} and {@code merges.txt} of a directory, or its {@code tokenizer.json}.
   *
   * @param dir a Hugging Face model or tokenizer directory
   * @param contextLength token positions per text (77 for CLIP)
   * @return the tokenizer
   * @throws TokenizerFormatException if no known tokenizer format is there, or it is malformed
   * @throws IOException if a file cannot be read
   */
  public static ClipBpeTokenizer load(Path dir, int contextLength) throws IOException {
    Path vocab = dir.resolve("vocab.json");
    Path merges = dir.resolve("merges.txt");
    if (Files.isRegularFile(vocab) && Files.isRegularFile(merges)) {
      return fromFiles(vocab, merges, contextLength);
    }
    Path json = dir.resolve("tokenizer.json");
    if (Files.isRegularFile(json)) {
      return fromTokenizerJson(json, contextLength);
    }
    throw new TokenizerFormatException(
        dir, "no CLIP tokenizer here: expected vocab.json + merges.txt, or tokenizer.json");
  }

  /**
   * Loads CLIP's {@code vocab.json} and {@code merges.txt}.
   *
   * @param vocabJson token to id
   * @param mergesTxt one merge per line, {@code #version} header allowed
   * @param contextLength token positions per text
   * @return the tokenizer
   * @throws IOException if a file cannot be read or is malformed
   */
  public static ClipBpeTokenizer fromFiles(Path vocabJson, Path mergesTxt, int contextLength)
      throws IOException {
    Map<String, Integer> vocab = readVocab(vocabJson, readJson(vocabJson));
    Map<String, Integer> ranks = new HashMap<>();
    int lineNo = 0;
    for (String line : Files.readAllLines(mergesTxt, StandardCharsets.UTF_8)) {
      lineNo++;
      if (line.startsWith("#version") || line.isEmpty()) {
        continue;
      }
      String[] parts = line.split(" ");
      if (parts.length != 2) {
        throw new TokenizerFormatException(
            mergesTxt, "line " + lineNo + ": a merge is two symbols separated by a space");
      }
      ranks.putIfAbsent(line, ranks.size());
    }
    return new ClipBpeTokenizer(vocab, ranks, contextLength, vocabJson);
  }

  /**
   * Loads a Hugging Face {@code tokenizer.json} whose model is BPE.
   *
   * @param file the file
   * @param contextLength token positions per text
   * @return the tokenizer
   * @throws IOException if the file cannot be read or is not a BPE tokenizer
   */
  public static ClipBpeTokenizer fromTokenizerJson(Path file, int contextLength)
      throws IOException {
    JsonNode model = readJson(file).path("model");
    if (!"BPE".equals(model.path("type").asText())) {
      throw new TokenizerFormatException(
          file, "model type is '" + model.path("type").asText() + "', expected BPE");
    }
    Map<String, Integer> vocab = readVocab(file, model.path("vocab"));
    Map<String, Integer> ranks = new HashMap<>();
    for (JsonNode m : model.path("merges")) {
      String merge = m.isArray() ? m.get(0).asText() + " " + m.get(1).asText() : m.asText();
      ranks.putIfAbsent(merge, ranks.size());
    }
    return new ClipBpeTokenizer(vocab, ranks, contextLength, file);
  }

  private static JsonNode readJson(Path file) throws IOException {
    try {
      return new ObjectMapper().readTree(file.toFile());
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new TokenizerFormatException(file, "not JSON: " + e.getOriginalMessage());
    }
  }

  private static Map<String, Integer> readVocab(Path file, JsonNode node)
      throws TokenizerFormatException {
    if (!node.isObject() || node.isEmpty()) {
      throw new TokenizerFormatException(file, "no vocabulary (an object of token to id)");
    }
    Map<String, Integer> vocab = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().canConvertToInt()) {
        throw new TokenizerFormatException(file, "token '" + e.getKey() + "' has no integer id");
      }
      vocab.put(e.getKey(), e.getValue().asInt());
    }
    return vocab;
  }

  /**
   * Tokenizes a text into exactly {@link #contextLength()} ids: start, tokens (truncated), end,
   * padding.
   *
   * @param text any text
   * @return the ids
   */
  @Override
  public int[] encode(String text) {
    List<Integer> body = new ArrayList<>();
    Matcher special = SPECIAL.matcher(text);
    int at = 0;
    while (special.find()) {
      tokenizeSegment(text.substring(at, special.start()), body);
      body.add(special.group().equals(BOS) ? bos : eos);
      at = special.end();
    }
    tokenizeSegment(text.substring(at), body);
    int[] out = new int[contextLength];
    java.util.Arrays.fill(out, eos);
    out[0] = bos;
    int n = Math.min(body.size(), contextLength - 2);
    for (int i = 0; i < n; i++) {
      out[1 + i] = body.get(i);
    }
    out[1 + n] = eos;
    return out;
  }

  /**
   * Tokenizes several texts.
   *
   * @param texts the texts
   * @return one row of ids per text
   */
  public int[][] encode(List<String> texts) {
    int[][] out = new int[texts.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = encode(texts.get(i));
    }
    return out;
  }

  private void tokenizeSegment(String segment, List<Integer> out) {
    String normal =
        WHITESPACE
            .matcher(Normalizer.normalize(segment, Normalizer.Form.NFC))
            .replaceAll(" ")
            .toLowerCase(Locale.ROOT);
    Matcher m = SPLIT.matcher(normal);
    while (m.find()) {
      for (int id : cache.computeIfAbsent(m.group(), this::bpe)) {
        out.add(id);
      }
    }
  }

  private int[] bpe(String piece) {
    byte[] bytes = piece.getBytes(StandardCharsets.UTF_8);
    List<String> word = new ArrayList<>(bytes.length);
    for (byte b : bytes) {
      word.add(BYTE_CHARS[b & 0xFF]);
    }
    word.set(word.size() - 1, word.get(word.size() - 1) + "</w>");
    while (word.size() > 1) {
      int best = -1;
      int bestRank = Integer.MAX_VALUE;
      for (int i = 0; i + 1 < word.size(); i++) {
        Integer r = mergeRanks.get(word.get(i) + " " + word.get(i + 1));
        if (r != null && r < bestRank) {
          bestRank = r;
          best = i;
        }
      }
      if (best < 0) {
        break;
      }
      String a = word.get(best);
      String b = word.get(best + 1);
      List<String> merged = new ArrayList<>(word.size());
      for (int i = 0; i < word.size(); i++) {
        if (i + 1 < word.size() && word.get(i).equals(a) && word.get(i + 1).equals(b)) {
          merged.add(a + b);
          i++;
        } else {
          merged.add(word.get(i));
        }
      }
      word = merged;
    }
    int[] ids = new int[word.size()];
    for (int i = 0; i < ids.length; i++) {
      Integer id = vocab.get(word.get(i));
      if (id == null) {
        throw new IllegalStateException(
            "symbol '" + word.get(i) + "' of '" + piece + "' is not in the vocabulary");
      }
      ids[i] = id;
    }
    return ids;
  }

  /** GPT-2/CLIP's reversible map from bytes to printable characters. */
  private static String[] byteChars() {
    String[] out = new String[256];
    boolean[] printable = new boolean[256];
    for (int b = '!'; b <= '~'; b++) {
      printable[b] = true;
    }
    for (int b = 0xA1; b <= 0xAC; b++) {
      printable[b] = true;
    }
    for (int b = 0xAE; b <= 0xFF; b++) {
      printable[b] = true;
    }
    int next = 256;
    for (int b = 0; b < 256; b++) {
      out[b] = String.valueOf((char) (printable[b] ? b : next++));
    }
    return out;
  }

  /**
   * Returns the id of the end-of-text token (the text encoder pools there).
   *
   * @return the id
   */
  public int endOfTextId() {
    return eos;
  }

  /**
   * Returns the id of the start-of-text token.
   *
   * @return the id
   */
  public int startOfTextId() {
    return bos;
  }

  /**
   * Returns the number of ids per text.
   *
   * @return the context length
   */
  @Override
  public int contextLength() {
    return contextLength;
  }
}
