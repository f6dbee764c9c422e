package org.fairness4j.models.text;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * BERT's WordPiece tokenizer ({@code vocab.txt}), equal to Hugging Face's {@code
 * BertTokenizerFast}: text cleaning (control characters dropped, whitespace to spaces), CJK
 * characters isolated, accents stripped and lower case when uncased, split on whitespace and
 * punctuation, greedy longest-match-first pieces with {@code ##}, words over 100 characters or
 * without a match as {@code [UNK]}, then {@code [CLS]} ... {@code [SEP]}, truncated and padded with
 * {@code [PAD]}. Thread-safe.
 */
public final class WordPieceTokenizer implements PromptTokenizer {
  private static final int MAX_WORD = 100;

  private final Map<String, Integer> vocab;
  private final boolean lowercase;
  private final int contextLength;
  private final int cls;
  private final int sep;
  private final int pad;
  private final int unk;

  /** Token ids with their attention mask (1 for real tokens, 0 for padding). */
  public record Encoding(int[] ids, int[] mask) {}

  private WordPieceTokenizer(
      Map<String, Integer> vocab, boolean lowercase, int contextLength, Path file)
      throws TokenizerFormatException {
    this.vocab = Map.copyOf(vocab);
    this.lowercase = lowercase;
    this.contextLength = contextLength;
    this.cls = special(file, "[CLS]");
    this.sep = special(file, "[SEP]");
    this.pad = special(file, "[PAD]");
    this.unk = special(file, "[UNK]");
    if (contextLength < 2) {
      throw new IllegalArgumentException("context length must be at least 2");
    }
  }

  private int special(Path file, String token) throws TokenizerFormatException {
    Integer id = vocab.get(token);
    if (id == null) {
      throw new TokenizerFormatException(file, "the vocabulary lacks " + token);
    }
    return id;
  }

  /**
   * Loads a Hugging Face BERT tokenizer directory: {@code vocab.txt} (or, without it, the WordPiece
   * vocabulary of {@code tokenizer.json}), and the casing from {@code tokenizer_config.json}
   * ({@code do_lower_case}; true when the file or the entry is absent, as in {@code
   * BertTokenizerFast}). Uncased BERTs (PubMedBERT in BiomedCLIP) and cased ones (BioClinicalBERT
   * in MedCLIP and GLoRIA) thus load right without the caller knowing which.
   *
   * @param dir the tokenizer directory
   * @param contextLength ids per text
   * @return the tokenizer
   * @throws IOException if a file is missing or unreadable, or the configuration is malformed or
   *     asks for {@code strip_accents} other than {@code do_lower_case} (not supported)
   */
  public static WordPieceTokenizer fromDirectory(Path dir, int contextLength) throws IOException {
    Path config = dir.resolve("tokenizer_config.json");
    boolean lowercase = true;
    if (Files.isRegularFile(config)) {
      com.fasterxml.jackson.databind.JsonNode root = readJson(config);
      com.fasterxml.jackson.databind.JsonNode lower = root.get("do_lower_case");
      if (lower != null && !lower.isNull()) {
        if (!lower.isBoolean()) {
          throw new TokenizerFormatException(
              config, "do_lower_case must be true or false, got " + lower);
        }
        lowercase = lower.booleanValue();
      }
      com.fasterxml.jackson.databind.JsonNode strip = root.get("strip_accents");
      if (strip != null
          && !strip.isNull()
          && (!strip.isBoolean() || strip.booleanValue() != lowercase)) {
        throw new TokenizerFormatException(
            config,
            "strip_accents "
                + strip
                + " with do_lower_case "
                + lowercase
                + " is not supported (accents are stripped exactly when lower-casing)");
      }
    }
    Path vocabTxt = dir.resolve("vocab.txt");
    Path tokenizerJson = dir.resolve("tokenizer.json");
    if (!Files.isRegularFile(vocabTxt) && Files.isRegularFile(tokenizerJson)) {
      return fromTokenizerJson(tokenizerJson, lowercase, contextLength);
    }
    return load(vocabTxt, lowercase, contextLength);
  }

  /** A JSON file's tree; malformed JSON is a {@link TokenizerFormatException} naming the file. */
  private static com.fasterxml.jackson.databind.JsonNode readJson(Path file) throws IOException {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(file.toFile());
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new TokenizerFormatException(file, "not valid JSON: " + e.getOriginalMessage());
    }
  }

  /**
   * Reads the WordPiece vocabulary of a Hugging Face {@code tokenizer.json} (what transformers 5
   * saves instead of {@code vocab.txt}); its BertNormalizer's {@code lowercase} must agree with the
   * casing.
   */
  private static WordPieceTokenizer fromTokenizerJson(
      Path file, boolean lowercase, int contextLength) throws IOException {
    com.fasterxml.jackson.databind.JsonNode root = readJson(file);
    com.fasterxml.jackson.databind.JsonNode model = root.path("model");
    if (!model.path("type").asText().equals("WordPiece") || !model.path("vocab").isObject()) {
      throw new TokenizerFormatException(
          file, "not a WordPiece tokenizer (model.type " + model.path("type") + ")");
    }
    com.fasterxml.jackson.databind.JsonNode lower = root.path("normalizer").path("lowercase");
    if (lower.isBoolean() && lower.booleanValue() != lowercase) {
      throw new TokenizerFormatException(
          file, "normalizer.lowercase " + lower + " disagrees with do_lower_case " + lowercase);
    }
    Map<String, Integer> vocab = new HashMap<>();
    model
        .path("vocab")
        .fields()
        .forEachRemaining(e -> vocab.putIfAbsent(e.getKey(), e.getValue().asInt()));
    return new WordPieceTokenizer(vocab, lowercase, contextLength, file);
  }

  /**
   * Returns whether this tokenizer lower-cases (and strips accents): an uncased model.
   *
   * @return true if uncased
   */
  public boolean lowercase() {
    return lowercase;
  }

  /**
   * Loads {@code vocab.txt} (one token per line; the line number is the id).
   *
   * @param vocabTxt the vocabulary
   * @param lowercase true for uncased models (lower case and strip accents)
   * @param contextLength ids per text
   * @return the tokenizer
   * @throws IOException if the file is missing, unreadable or lacks a special token
   */
  public static WordPieceTokenizer load(Path vocabTxt, boolean lowercase, int contextLength)
      throws IOException {
    if (!Files.isRegularFile(vocabTxt)) {
      throw new NoSuchFileException(vocabTxt.toString());
    }
    Map<String, Integer> vocab = new HashMap<>();
    List<String> lines = Files.readAllLines(vocabTxt, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      vocab.putIfAbsent(lines.get(i).strip(), i);
    }
    return new WordPieceTokenizer(vocab, lowercase, contextLength, vocabTxt);
  }

  /**
   * Returns the id of {@code [SEP]} (a BERT encoder treats what follows it as padding).
   *
   * @return the id
   */
  public int sepId() {
    return sep;
  }

  @Override
  public int[] encode(String text) {
    return encodeWithMask(text).ids();
  }

  @Override
  public int contextLength() {
    return contextLength;
  }

  /**
   * Tokenizes a text into exactly {@link #contextLength()} ids and their mask.
   *
   * @param text any text
   * @return ids and attention mask
   */
  public Encoding encodeWithMask(String text) {
    List<Integer> body = new ArrayList<>();
    for (String word : words(normalize(text))) {
      pieces(word, body);
    }
    int[] ids = new int[contextLength];
    int[] mask = new int[contextLength];
    java.util.Arrays.fill(ids, pad);
    int n = Math.min(body.size(), contextLength - 2);
    ids[0] = cls;
    for (int i = 0; i < n; i++) {
      ids[1 + i] = body.get(i);
    }
    ids[1 + n] = sep;
    java.util.Arrays.fill(mask, 0, n + 2, 1);
    return new Encoding(ids, mask);
  }

  private String normalize(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            c -> {
              if (c == 0 || c == 0xFFFD || isControl(c)) {
                return;
              }
              if (isWhitespace(c)) {
                sb.append(' ');
              } else if (isCjk(c)) {
                sb.append(' ').appendCodePoint(c).append(' ');
              } else {
                sb.appendCodePoint(c);
              }
            });
    String s = sb.toString();
    if (lowercase) {
      String nfd = Normalizer.normalize(s, Normalizer.Form.NFD);
      StringBuilder stripped = new StringBuilder(nfd.length());
      nfd.codePoints()
          .filter(c -> Character.getType(c) != Character.NON_SPACING_MARK)
          .forEach(stripped::appendCodePoint);
      s = stripped.toString().toLowerCase(Locale.ROOT);
    }
    return s;
  }

  private static boolean isWhitespace(int c) {
    return c == ' '
        || c == '\t'
        || c == '\n'
        || c == '\r'
        || Character.getType(c) == Character.SPACE_SEPARATOR;
  }

  private static boolean isControl(int c) {
    if (c == '\t' || c == '\n' || c == '\r') {
      return false;
    }
    int t = Character.getType(c);
    return t == Character.CONTROL
        || t == Character.FORMAT
        || t == Character.UNASSIGNED
        || t == Character.PRIVATE_USE;
  }

  private static boolean isCjk(int c) {
    return (c >= 0x4E00 && c <= 0x9FFF)
        || (c >= 0x3400 && c <= 0x4DBF)
        || (c >= 0x20000 && c <= 0x2A6DF)
        || (c >= 0x2A700 && c <= 0x2B73F)
        || (c >= 0x2B740 && c <= 0x2B81F)
        || (c >= 0x2B820 && c <= 0x2CEAF)
        || (c >= 0xF900 && c <= 0xFAFF)
        || (c >= 0x2F800 && c <= 0x2FA1F);
  }

  private static boolean isPunctuation(int c) {
    if ((c >= 33 && c <= 47)
        || (c >= 58 && c <= 64)
        || (c >= 91 && c <= 96)
        || (c >= 123 && c <= 126)) {
      return true;
    }
    return switch (Character.getType(c)) {
      case Character.CONNECTOR_PUNCTUATION,
          Character.DASH_PUNCTUATION,
          Character.END_PUNCTUATION,
          Character.FINAL_QUOTE_PUNCTUATION,
          Character.INITIAL_QUOTE_PUNCTUATION,
          Character.OTHER_PUNCTUATION,
          Character.START_PUNCTUATION ->
          true;
      default -> false;
    };
  }

  /** Splits on (Unicode) whitespace, and isolates every punctuation character. */
  private static List<String> words(String s) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    s.codePoints()
        .forEach(
            c -> {
              if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                flush(cur, out);
              } else if (isPunctuation(c)) {
                flush(cur, out);
                out.add(new String(Character.toChars(c)));
              } else {
                cur.appendCodePoint(c);
              }
            });
    flush(cur, out);
    return out;
  }

  private static void flush(StringBuilder cur, List<String> out) {
    if (cur.length() > 0) {
      out.add(cur.toString());
      cur.setLength(0);
    }
  }

  private void pieces(String word, List<Integer> out) {
    if (word.codePointCount(0, word.length()) > MAX_WORD) {
      out.add(unk);
      return;
    }
    List<Integer> ids = new ArrayList<>();
    int start = 0;
    while (start < word.length()) {
      int end = word.length();
      Integer found = null;
      while (start < end) {
        String sub = (start > 0 ? "##" : "") + word.substring(start, end);
        found = vocab.get(sub);
        if (found != null) {
          break;
        }
        end = word.offsetByCodePoints(end, -1);
      }
      if (found == null) {
        out.add(unk);
        return;
      }
      ids.add(found);
      start = end;
    }
    out.addAll(ids);
  }
}
