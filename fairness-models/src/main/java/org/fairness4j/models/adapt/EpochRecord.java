package org.fairness4j.models.adapt;

/**
 * One line of the training log.
 *
 * @param epoch the epoch, from 1
 * @param trainLoss mean training cross-entropy over the epoch's examples
 * @param valLoss mean validation cross-entropy (NaN without validation data)
 * @param valAccuracy validation accuracy (NaN without validation data)
 * @param learningRate the learning rate of the epoch's last step
 * @param seconds wall-clock seconds of the epoch
 * @param examplesPerSecond training throughput
 */
public record EpochRecord(
    int epoch,
    double trainLoss,
    double valLoss,
    double valAccuracy,
    double learningRate,
    double seconds,
    double examplesPerSecond) {
  /** The CSV header of {@link #toCsv()}. */
  public static final String CSV_HEADER =
      "epoch,train_loss,val_loss,val_accuracy,learning_rate,seconds,examples_per_second";

  /**
   * Returns the record as a CSV line (no newline).
   *
   * @return the line
   */
  public String toCsv() {
    return epoch
        + ","
        + trainLoss
        + ","
        + valLoss
        + ","
        + valAccuracy
        + ","
        + learningRate
        + ","
        + seconds
        + ","
        + examplesPerSecond;
  }

  /**
   * Parses a line written by {@link #toCsv()}.
   *
   * @param line the line
   * @return the record
   */
  public static EpochRecord parse(String line) {
    String[] f = line.split(",");
    if (f.length != 7) {
      throw new IllegalArgumentException("not a training-log line: " + line);
    }
    return new EpochRecord(
        Integer.parseInt(f[0]),
        Double.parseDouble(f[1]),
        Double.parseDouble(f[2]),
        Double.parseDouble(f[3]),
        Double.parseDouble(f[4]),
        Double.parseDouble(f[5]),
        Double.parseDouble(f[6]));
  }
}
