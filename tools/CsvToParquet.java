// Converts a CSV table (header row) to Parquet with Spark, column types inferred, for the scale runs
// of docs/performance.md. Run with the Spark class path the build writes (no download):
//   java --add-opens=java.base/sun.nio.ch=ALL-UNNAMED ... \
//     -cp "$(cat fairness-spark/target/classpath-spark.txt)" tools/CsvToParquet.java IN.csv OUT.parquet
// (the full list of --add-opens is in bin/fairness). OUT.parquet is a directory of part files.
import org.apache.spark.sql.SparkSession;

public class CsvToParquet {
  public static void main(String[] args) {
    SparkSession spark =
        SparkSession.builder().master("local[2]").config("spark.ui.enabled", "false").getOrCreate();
    spark.read().option("header", "true").option("inferSchema", "true").csv(args[0])
        .write().mode("overwrite").parquet(args[1]);
    spark.stop();
  }
}
