package org.fairness4j.models.embed;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Embeddings on disk, one small file per input, keyed by SHA-256 of the model identity, the
 * preprocessing description and the input's content (not its path): renaming an image keeps its
 * entry, changing a pixel or the model (its weights or any of its configuration files: {@link
 * #modelDigest}) does not. Entries are written atomically; a corrupt entry is treated as missing
 * and rewritten. Safe for concurrent readers and writers of the same directory.
 */
public final class EmbeddingCache {
  private final Path dir;
  private final String namespace;

  /**
   * Opens (creating) a cache directory for one model and preprocessing.
   *
   * @param dir the directory
   * @param modelId identifies the model ({@link #modelDigest})
   * @param preprocessing describes the preprocessing (any change must change this text)
   * @throws IOException if the directory cannot be created
   */
  public EmbeddingCache(Path dir, String modelId, String preprocessing) throws IOException {
    this.dir = Files.createDirectories(dir);
    this.namespace = modelId + "\n" + preprocessing + "\n";
  }

  /**
   * SHA-256 of a file's bytes, hex.
   *
   * @param file the file
   * @return the digest
   * @throws IOException if it cannot be read
   */
  public static String digest(Path file) throws IOException {
    MessageDigest md = sha256();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[1 << 16];
      int r;
      while ((r = in.read(buf)) > 0) {
        md.update(buf, 0, r);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  /**
   * The identity of a model for cache keys: SHA-256 over the weight file's digest and the name and
   * digest of every {@code .json} file beside it ({@code config.json}, {@code
   * preprocessor_config.json}, {@code open_clip_config.json}, ...), so that a change to the weights
   * or to any configuration of the model directory starts a new cache namespace.
   *
   * @param weightsFile the model's weight file
   * @return the hex digest
   * @throws IOException if a file cannot be read
   */
  public static String modelDigest(Path weightsFile) throws IOException {
    MessageDigest md = sha256();
    md.update(("weights " + digest(weightsFile) + "\n").getBytes(StandardCharsets.UTF_8));
    Path dir = weightsFile.toAbsolutePath().getParent();
    List<Path> configs;
    try (Stream<Path> s = Files.list(dir)) {
      configs =
          s.filter(p -> p.getFileName().toString().endsWith(".json") && Files.isRegularFile(p))
              .sorted()
              .toList();
    }
    for (Path c : configs) {
      md.update((c.getFileName() + " " + digest(c) + "\n").getBytes(StandardCharsets.UTF_8));
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private Path entry(String contentDigest) {
    MessageDigest md = sha256();
    md.update((namespace + contentDigest).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    String key = HexFormat.of().formatHex(md.digest());
    return dir.resolve(key.substring(0, 2)).resolve(key + ".f32");
  }

  /**
   * Returns a cached embedding.
   *
   * @param contentDigest the input's content digest
   * @param dim the expected embedding size
   * @return the embedding, or null when absent or unreadable
   */
  public float[] get(String contentDigest, int dim) {
    Path p = entry(contentDigest);
    try {
      byte[] bytes = Files.readAllBytes(p);
      if (bytes.length != 4 * dim) {
        return null;
      }
      float[] v = new float[dim];
      ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
      return v;
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * Stores an embedding atomically.
   *
   * @param contentDigest the input's content digest
   * @param embedding the values
   * @throws IOException if it cannot be written
   */
  public void put(String contentDigest, float[] embedding) throws IOException {
    Path p = entry(contentDigest);
    Files.createDirectories(p.getParent());
    ByteBuffer b = ByteBuffer.allocate(4 * embedding.length).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(embedding);
    Path tmp = Files.createTempFile(p.getParent(), ".entry", ".tmp");
    try {
      Files.write(tmp, b.array());
      Files.move(tmp, p, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
