package org.fairness4j.maven;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.fairness4j.core.FairnessEvaluator;
import org.fairness4j.core.metrics.UndefinedPolicy;
import org.fairness4j.core.policy.FairnessPolicy;
import org.fairness4j.core.policy.PolicyBaseline;
import org.fairness4j.core.policy.PolicyResult;
import org.fairness4j.core.policy.PolicyResultWriter;
import org.fairness4j.core.policy.PolicyRuleResult;
import org.fairness4j.core.table.ClassLabels;
import org.fairness4j.core.table.MissingValuePolicy;
import org.fairness4j.core.table.PredictionTable;
import org.fairness4j.core.table.csv.CsvTableSpec;
import org.fairness4j.core.table.csv.CsvTableSpec.AttributeSpec;
import org.fairness4j.core.table.csv.PredictionTableCsv;

/**
 * Checks a prediction table (typically written by a test) against a fairness policy and fails the
 * build when a rule failed or could not be decided, with the same message as {@code fairness check}
 * and {@code FairnessAssertions}. The table options mirror the command line's ({@code --y-true},
 * {@code --sensitive age:bins=0,60}, ...). Bad input (a missing file, an unknown key in the policy)
 * is a build error naming the file and line.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public final class FairnessCheckMojo extends AbstractMojo {
  /** The policy file (YAML, or JSON when it ends in {@code .json}). */
  @Parameter(property = "fairness.policy", required = true)
  private File policy;

  /** The prediction table (CSV with a header row). */
  @Parameter(property = "fairness.input", required = true)
  private File input;

  /** Column of true labels. */
  @Parameter(defaultValue = "y_true")
  private String yTrue;

  /** Column of predicted labels. */
  @Parameter(defaultValue = "y_pred")
  private String yPred;

  /** Score columns ({@code COL} or {@code LABEL=COL}). */
  @Parameter private List<String> scores = new ArrayList<>();

  /** Column of sample weights. */
  @Parameter private String weight;

  /** Column of subject ids for clustered resampling. */
  @Parameter private String cluster;

  /** Sensitive attributes, e.g. {@code sex} and {@code age:bins=0,60}. */
  @Parameter(required = true)
  private List<String> sensitive = new ArrayList<>();

  /** The positive label (a binary report); without it the report is multiclass. */
  @Parameter private String positive;

  /** Declared class labels, in order. */
  @Parameter private List<String> classes;

  /** Undefined rates: nan, zero or error. */
  @Parameter(defaultValue = "nan")
  private String undefined;

  /** Missing sensitive values: own-group or drop. */
  @Parameter(defaultValue = "own-group")
  private String missing;

  /** Field separator. */
  @Parameter(defaultValue = ",")
  private String delimiter;

  /** A report JSON of the baseline model, for max-worsening rules. */
  @Parameter(property = "fairness.baseline")
  private File baseline;

  /** Where to write the verdicts as JUnit XML (CI servers read it). */
  @Parameter(defaultValue = "${project.build.directory}/fairness-reports/TEST-fairness-policy.xml")
  private File junitXml;

  /** Where to write a Markdown summary. */
  @Parameter(defaultValue = "${project.build.directory}/fairness-reports/fairness-check.md")
  private File summary;

  /** Where to write the judged reports (JSON), the next run's baseline; none when unset. */
  @Parameter private File writeReport;

  /** Skips the check. */
  @Parameter(property = "fairness.skip", defaultValue = "false")
  private boolean skip;

  /** Creates the goal (Maven instantiates it). */
  public FairnessCheckMojo() {}

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("fairness check skipped");
      return;
    }
    refuseOutputsOverInputs();
    PolicyResult result;
    try {
      FairnessPolicy p = FairnessPolicy.load(policy.toPath());
      PolicyBaseline base = baseline == null ? null : PolicyBaseline.load(baseline.toPath());
      PredictionTable table = PredictionTableCsv.read(input.toPath(), tableSpec());
      FairnessEvaluator evaluator =
          FairnessEvaluator.builder()
              .positiveLabel(positive)
              .undefinedPolicy(undefinedPolicy())
              .build();
      result = p.check(table, evaluator, base);
      for (File f : new File[] {junitXml, summary, writeReport}) {
        if (f != null && f.getParentFile() != null) {
          java.nio.file.Files.createDirectories(f.getParentFile().toPath());
        }
      }
      if (junitXml != null) {
        PolicyResultWriter.junitXml(result, junitXml.toPath());
      }
      if (summary != null) {
        PolicyResultWriter.markdown(result, summary.toPath());
      }
      if (writeReport != null) {
        org.fairness4j.core.report.format.ReportWriter.write(
            result.reports(),
            org.fairness4j.core.report.format.ReportFormat.JSON,
            writeReport.toPath());
      }
    } catch (IOException | IllegalArgumentException | ArithmeticException e) {
      throw new MojoExecutionException("fairness: " + e.getMessage(), e);
    }
    for (PolicyRuleResult r : result.rules()) {
      if (r.passed()) {
        getLog().info(r.message());
      } else {
        getLog().error(r.message());
      }
    }
    if (!result.passed()) {
      throw new MojoFailureException(result.message());
    }
    getLog().info(result.message());
  }

  /** A check never writes over what it reads (the file system decides, so links count). */
  private void refuseOutputsOverInputs() throws MojoExecutionException {
    String[] names = {"junitXml", "summary", "writeReport"};
    File[] outs = {junitXml, summary, writeReport};
    for (int i = 0; i < outs.length; i++) {
      for (File in : new File[] {input, policy, baseline}) {
        try {
          if (outs[i] != null
              && in != null
              && outs[i].exists()
              && in.exists()
              && java.nio.file.Files.isSameFile(outs[i].toPath(), in.toPath())) {
            throw new MojoExecutionException(
                "fairness: <"
                    + names[i]
                    + "> "
                    + outs[i]
                    + " is an input of the check ("
                    + in
                    + "); a check never overwrites what it reads");
          }
        } catch (IOException e) {
          throw new MojoExecutionException("fairness: " + e.getMessage(), e);
        }
      }
    }
  }

  private CsvTableSpec tableSpec() {
    if (delimiter.length() != 1) {
      throw new IllegalArgumentException("delimiter must be one character: '" + delimiter + "'");
    }
    CsvTableSpec.Builder b =
        CsvTableSpec.builder(yTrue, yPred)
            .weight(weight)
            .cluster(cluster)
            .positiveLabel(positive)
            .missingPolicy(missingPolicy())
            .delimiter(delimiter.charAt(0));
    scores.forEach(b::score);
    for (String s : sensitive) {
      b.attribute(AttributeSpec.parse(s));
    }
    if (classes != null && !classes.isEmpty()) {
      b.classes(ClassLabels.of(classes));
    }
    return b.build();
  }

  private UndefinedPolicy undefinedPolicy() {
    return switch (undefined.toLowerCase(Locale.ROOT)) {
      case "nan" -> UndefinedPolicy.NAN;
      case "zero" -> UndefinedPolicy.ZERO;
      case "error" -> UndefinedPolicy.ERROR;
      default ->
          throw new IllegalArgumentException(
              "undefined: " + undefined + ": use nan, zero or error");
    };
  }

  private MissingValuePolicy missingPolicy() {
    return switch (missing.toLowerCase(Locale.ROOT)) {
      case "own-group" -> MissingValuePolicy.OWN_GROUP;
      case "drop" -> MissingValuePolicy.DROP;
      default ->
          throw new IllegalArgumentException("missing: " + missing + ": use own-group or drop");
    };
  }
}
