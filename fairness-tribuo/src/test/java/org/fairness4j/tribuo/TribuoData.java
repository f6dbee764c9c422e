package org.fairness4j.tribuo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LogisticRegressionTrainer;
import org.tribuo.data.columnar.FieldProcessor;
import org.tribuo.data.columnar.RowProcessor;
import org.tribuo.data.columnar.extractors.IdentityExtractor;
import org.tribuo.data.columnar.processors.field.DoubleFieldProcessor;
import org.tribuo.data.columnar.processors.response.FieldResponseProcessor;
import org.tribuo.data.csv.CSVDataSource;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/** Seeded Tribuo datasets and models for the tests. */
final class TribuoData {
  static final LabelFactory LABELS = new LabelFactory();
  static final Path REFERRALS = Path.of("..", "examples", "tribuo", "referrals_synthetic.csv");

  private TribuoData() {}

  /**
   * Three classes a, b, c from two features; "group" metadata g0/g1/g2 (g2 noisier); every fifth
   * example of g1 has no "site" metadata.
   */
  static MutableDataset<Label> threeClass(long seed, int n) {
    Random rng = new Random(seed);
    List<Example<Label>> examples = new ArrayList<>();
    String[] classes = {"a", "b", "c"};
    for (int i = 0; i < n; i++) {
      int y = rng.nextInt(3);
      int g = rng.nextInt(3);
      double noise = g == 2 ? 1.6 : 0.6;
      double x1 = (y == 1 ? 1.5 : 0) + rng.nextGaussian() * noise;
      double x2 = (y == 2 ? 1.5 : 0) + rng.nextGaussian() * noise;
      Map<String, Object> meta = new HashMap<>();
      meta.put("group", "g" + g);
      meta.put("age", 20 + rng.nextInt(70));
      meta.put("patient", "p" + (i / 2));
      if (!(g == 1 && i % 5 == 0)) {
        meta.put("site", i % 2 == 0 ? "north" : "south");
      }
      examples.add(
          new ArrayExample<>(
              new Label(classes[y]), new String[] {"x1", "x2"}, new double[] {x1, x2}, meta));
    }
    return new MutableDataset<>(
        examples, new SimpleDataSourceProvenance("three-class test data", LABELS), LABELS);
  }

  static Model<Label> logistic(MutableDataset<Label> train) {
    return new LogisticRegressionTrainer().train(train);
  }

  /** The bundled referrals CSV; sex and age are metadata, not features. */
  static MutableDataset<Label> referrals() {
    Map<String, FieldProcessor> fields = new HashMap<>();
    fields.put("marker_a", new DoubleFieldProcessor("marker_a"));
    fields.put("marker_b", new DoubleFieldProcessor("marker_b"));
    RowProcessor<Label> rows =
        new RowProcessor.Builder<Label>()
            .setFieldProcessors(fields.values())
            .addMetadataExtractor(new IdentityExtractor("sex"))
            .addMetadataExtractor(new IdentityExtractor("age"))
            .addMetadataExtractor(new IdentityExtractor("patient_id"))
            .build(
                new FieldResponseProcessor<>(
                    List.of("referral"), List.of("routine"), LABELS, false, false));
    return new MutableDataset<>(new CSVDataSource<>(REFERRALS, rows, true));
  }
}
