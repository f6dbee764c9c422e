package org.fairness4j.models.image;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Reads image files as 8-bit RGB. Colour conversion follows Pillow's {@code convert("RGB")}: gray
 * replicated, alpha dropped, palettes looked up. Samples wider than 8 bits keep their high byte
 * (value >> (bits − 8)), except where that would turn an image near-black: a PNG whose {@code sBIT}
 * chunk declares fewer significant bits and whose values all lie below 2^sBIT (data stored
 * unscaled, e.g. 12-bit X-rays) is scaled from its significant bits, v·255/(2^sBIT − 1) rounded;
 * without {@code sBIT}, a 16-bit image whose values all lie below 4096 is refused, since it cannot
 * be told apart from unscaled 12-bit data.
 */
final class ImageReading {
  /** Values all below this in a 16-bit image without sBIT: probably unscaled 12-bit data. */
  static final int TWELVE_BIT_LIMIT = 1 << 12;

  private ImageReading() {}

  /**
   * A decoded image before colour conversion: its RGB channels (gray replicated, palette looked
   * up), its alpha channel if it has one, and whether it was a palette image (which Pillow always
   * resizes with NEAREST).
   *
   * @param width width
   * @param height height
   * @param rgb {@code [3][height*width]}, 0..255
   * @param alpha {@code [height*width]}, 0..255, or null
   * @param palette true for a palette image
   * @param indexZero the RGB colour of palette index 0 (what padding a palette image in its own
   *     mode gives), 0 for other images
   */
  record Decoded(int width, int height, int[][] rgb, int[] alpha, boolean palette, int indexZero) {
    ImagePreprocessor.Rgb8 toRgb8() {
      return new ImagePreprocessor.Rgb8(width, height, rgb);
    }
  }

  static ImagePreprocessor.Rgb8 read(Path file) throws IOException {
    return decode(file).toRgb8();
  }

  static Decoded decode(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file.toString());
    }
    BufferedImage img;
    int significant = 0;
    try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
      Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
      if (readers == null || !readers.hasNext()) {
        throw new IOException(file + ": not a readable image (unknown format)");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, false);
        img = reader.read(0);
        significant = significantBits(reader.getImageMetadata(0));
      } finally {
        reader.dispose();
      }
    } catch (IOException e) {
      if (e.getMessage() != null && e.getMessage().startsWith(file.toString())) {
        throw e;
      }
      throw new IOException(file + ": not a readable image (" + e.getMessage() + ")", e);
    } catch (RuntimeException e) {
      throw new IOException(file + ": not a readable image (" + e.getMessage() + ")", e);
    }
    return of(img, significant, file);
  }

  /** The smallest significant-bit count of a PNG's sBIT chunk, or 0 when absent. */
  private static int significantBits(IIOMetadata meta) {
    if (meta == null) {
      return 0;
    }
    String format = "javax_imageio_png_1.0";
    boolean png = false;
    for (String f : meta.getMetadataFormatNames()) {
      png |= f.equals(format);
    }
    if (!png) {
      return 0;
    }
    Node root = meta.getAsTree(format);
    for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (!n.getNodeName().equals("sBIT")) {
        continue;
      }
      int min = 0;
      for (Node c = n.getFirstChild(); c != null; c = c.getNextSibling()) {
        NamedNodeMap attrs = c.getAttributes();
        for (int i = 0; attrs != null && i < attrs.getLength(); i++) {
          String name = attrs.item(i).getNodeName();
          if (name.equals("alpha")) {
            continue;
          }
          int v = Integer.parseInt(attrs.item(i).getNodeValue());
          min = min == 0 ? v : Math.min(min, v);
        }
      }
      return min;
    }
    return 0;
  }

  static Decoded of(BufferedImage img, int significant, Path file) throws IOException {
    int w = img.getWidth();
    int h = img.getHeight();
    int n = w * h;
    int[][] c = new int[3][n];
    if (img.getColorModel() instanceof IndexColorModel) {
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          int rgb = img.getRGB(x, y);
          c[0][y * w + x] = (rgb >> 16) & 0xFF;
          c[1][y * w + x] = (rgb >> 8) & 0xFF;
          c[2][y * w + x] = rgb & 0xFF;
        }
      }
      int zero = ((IndexColorModel) img.getColorModel()).getRGB(0) & 0xFFFFFF;
      return new Decoded(w, h, c, null, true, zero);
    }
    Raster r = img.getRaster();
    int colourBands = r.getNumBands() < 3 ? 1 : 3;
    int bits = img.getColorModel().getComponentSize(0);
    int max = 0;
    for (int b = 0; b < colourBands; b++) {
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          int v = r.getSample(x, y, b);
          c[b][y * w + x] = v;
          max = Math.max(max, v);
        }
      }
    }
    if (bits > 8) {
      rescale(c, colourBands, bits, significant, max, file);
    }
    if (colourBands == 1) {
      System.arraycopy(c[0], 0, c[1], 0, n);
      System.arraycopy(c[0], 0, c[2], 0, n);
    }
    int[] alpha = null;
    if (img.getColorModel().hasAlpha() && r.getNumBands() == colourBands + 1) {
      alpha = new int[n];
      int ashift = Math.max(0, img.getColorModel().getComponentSize(colourBands) - 8);
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          alpha[y * w + x] = r.getSample(x, y, colourBands) >> ashift;
        }
      }
    }
    return new Decoded(w, h, c, alpha, false, 0);
  }

  private static void rescale(
      int[][] c, int colourBands, int bits, int significant, int max, Path file)
      throws IOException {
    boolean unscaled = significant > 0 && significant < bits && max < (1 << significant);
    if (!unscaled && significant == 0 && bits == 16 && max < TWELVE_BIT_LIMIT) {
      throw new IOException(
          file
              + ": 16-bit image whose values all lie below 4096 (maximum "
              + max
              + ") and no sBIT chunk: probably 12-bit data stored unscaled, which would read as"
              + " near-black; rescale it to the full 16-bit range or to 8 bits, or mark its"
              + " significant bits with a PNG sBIT chunk");
    }
    double top = (1 << significant) - 1;
    int shift = bits - 8;
    for (int b = 0; b < colourBands; b++) {
      int[] ch = c[b];
      for (int i = 0; i < ch.length; i++) {
        ch[i] = unscaled ? (int) Math.round(ch[i] * 255.0 / top) : ch[i] >> shift;
      }
    }
  }
}
