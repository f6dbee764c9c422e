// Writes a synthetic binary prediction table straight to Parquet with Spark (no CSV step), for the
// 100M-row runs of docs/performance.md. Same columns and distributions as
// tools/generate_scale_table.py (y_true, y_pred, score rounded to 6 decimals so ties occur, sex F/M,
// age 0-99, site S0..S{G-1}), drawn by Spark's seeded rand/randn (a different random stream, so not
// the same rows as the Python generator for the same seed). Run with the Spark class path the build
// writes (no download):
//   java <--add-opens as in bin/fairness> -cp "$(cat fairness-spark/target/classpath-spark.txt)" \
//     tools/GenerateScaleParquet.java ROWS OUT.parquet [GROUPS] [SEED] [PARTS]
// OUT.parquet is a directory of PARTS part files (default 8).
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.rand;
import static org.apache.spark.sql.functions.randn;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.SparkSession;

public class GenerateScaleParquet {
  public static void main(String[] args) {
    long rows = Long.parseLong(args[0]);
    String out = args[1];
    int groups = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    long seed = args.length > 3 ? Long.parseLong(args[3]) : 0;
    int parts = args.length > 4 ? Integer.parseInt(args[4]) : 8;
    SparkSession spark =
        SparkSession.builder().master("local[2]").config("spark.ui.enabled", "false").getOrCreate();
    Column y = floor(rand(seed).multiply(2)).cast("int");
    spark
        .range(0, rows, 1, parts)
        .withColumn("y_true", y)
        .withColumn(
            "score",
            round(
                least(
                    lit(1.0),
                    greatest(
                        lit(0.0),
                        col("y_true")
                            .multiply(0.5)
                            .plus(randn(seed + 1).multiply(0.2).plus(0.25)))),
                6))
        .withColumn("y_pred", when(col("score").geq(0.5), 1).otherwise(0))
        .withColumn("sex", when(rand(seed + 2).lt(0.5), "F").otherwise("M"))
        .withColumn("age", floor(rand(seed + 3).multiply(100)).cast("int"))
        .withColumn(
            "site",
            concat(lit("S"), floor(rand(seed + 4).multiply(groups)).cast("int").cast("string")))
        .select("y_true", "y_pred", "score", "sex", "age", "site")
        .write()
        .mode("overwrite")
        .parquet(out);
    spark.stop();
  }
}
