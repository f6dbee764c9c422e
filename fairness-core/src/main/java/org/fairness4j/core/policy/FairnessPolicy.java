package org.fairness4j.core.policy;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.fairness4j.core.FairnessEvaluator;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.table.PredictionTable;

/**
 * A fairness policy: rules that a model's predictions must satisfy, checked with {@link #check}.
 * Built in code or loaded from a YAML or JSON file (reference in {@code docs/fairness-checks.md}):
 *
 * <pre>{@code
 * FairnessPolicy policy = FairnessPolicy.builder()
 *     .rule(PolicyRule.equalizedOddsDifference(FeatureSet.of("sex", "age")).atMost(0.10)
 *         .decision(DecisionMode.NOT_CONFIDENTLY_VIOLATED).build())
 *     .rule(PolicyRule.ratioBetweenGroups(FeatureSet.of("sex"), Metric.RECALL).atLeast(0.8).build())
 *     .build();
 * PolicyResult result = policy.check(table, evaluator);
 * }</pre>
 *
 * Immutable.
 */
public final class FairnessPolicy {
  private final String source;
  private final List<PolicyRule> rules;
  private final int resamples;
  private final long seed;

  private FairnessPolicy(String source, List<PolicyRule> rules, int resamples, long seed) {
    if (rules.isEmpty()) {
      throw new IllegalArgumentException("a policy needs at least one rule");
    }
    this.source = source;
    this.rules = List.copyOf(rules);
    this.resamples = resamples;
    this.seed = seed;
  }

  /**
   * Starts a policy: 1000 bootstrap resamples, seed 0.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads a policy file: YAML, or JSON when the name ends in {@code .json}.
   *
   * @param file the file
   * @return the policy
   * @throws IOException if it cannot be read
   * @throws PolicyFormatException naming the file and line of an unknown key, metric, mode or a
   *     malformed value
   */
  public static FairnessPolicy load(Path file) throws IOException {
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return PolicyReader.read(in, file.toString(), file.toString().endsWith(".json"));
    }
  }

  /**
   * Parses a policy from YAML (or JSON, which is YAML too).
   *
   * @param text the policy
   * @param source a name for messages, e.g. the file name
   * @return the policy
   * @throws PolicyFormatException naming the line of what is wrong
   */
  public static FairnessPolicy parse(String text, String source) throws PolicyFormatException {
    return PolicyReader.read(new StringReader(text), source, false);
  }

  static FairnessPolicy of(String source, List<PolicyRule> rules, int resamples, long seed) {
    return new FairnessPolicy(source, rules, resamples, seed);
  }

  /**
   * Returns where the policy came from.
   *
   * @return a file name, or {@code builder}
   */
  public String source() {
    return source;
  }

  /**
   * Returns the rules, in order.
   *
   * @return an immutable list
   */
  public List<PolicyRule> rules() {
    return rules;
  }

  /**
   * Returns the number of bootstrap resamples for {@link IntervalMethod#BOOTSTRAP} rules.
   *
   * @return the resamples
   */
  public int resamples() {
    return resamples;
  }

  /**
   * Returns the bootstrap seed.
   *
   * @return the seed
   */
  public long seed() {
    return seed;
  }

  /**
   * Returns the feature sets the rules use, in first-use order.
   *
   * @return the feature sets
   */
  public List<FeatureSet> featureSets() {
    Set<FeatureSet> s = new LinkedHashSet<>();
    for (PolicyRule r : rules) {
      s.add(r.features());
    }
    return List.copyOf(s);
  }

  /**
   * Checks predictions against the policy (no baseline: a change rule is then undecidable).
   *
   * @param table the predictions, with the attributes the rules name
   * @param evaluator the evaluator (positive label, undefined-value policy)
   * @return the result
   * @throws IllegalArgumentException naming the policy line when a rule names an attribute the
   *     table lacks or a metric the report does not have
   */
  public PolicyResult check(PredictionTable table, FairnessEvaluator evaluator) {
    return check(table, evaluator, null);
  }

  /**
   * Checks predictions against the policy, with a baseline for change rules.
   *
   * @param table the predictions
   * @param evaluator the evaluator
   * @param baseline the baseline model's statistics, or null
   * @return the result
   * @throws IllegalArgumentException naming the policy line when a rule names an attribute the
   *     table lacks or a metric the report does not have
   */
  public PolicyResult check(
      PredictionTable table, FairnessEvaluator evaluator, PolicyBaseline baseline) {
    return new PolicyChecker(this, table, evaluator, baseline).check();
  }

  @Override
  public String toString() {
    return "FairnessPolicy[" + source + ", " + rules.size() + " rules]";
  }

  /** Configures a {@link FairnessPolicy}. */
  public static final class Builder {
    private final List<PolicyRule> rules = new ArrayList<>();
    private int resamples = 1000;
    private long seed;
    private String source = "builder";

    private Builder() {}

    /**
     * Adds a rule.
     *
     * @param rule the rule
     * @return this builder
     */
    public Builder rule(PolicyRule rule) {
      rules.add(Objects.requireNonNull(rule));
      return this;
    }

    /**
     * Sets the bootstrap resamples (default 1000).
     *
     * @param resamples at least 100
     * @return this builder
     */
    public Builder resamples(int resamples) {
      if (resamples < 100) {
        throw new IllegalArgumentException("at least 100 bootstrap resamples: " + resamples);
      }
      this.resamples = resamples;
      return this;
    }

    /**
     * Sets the bootstrap seed (default 0).
     *
     * @param seed the seed
     * @return this builder
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Sets the name shown in results (default {@code builder}).
     *
     * @param source the name
     * @return this builder
     */
    public Builder source(String source) {
      this.source = Objects.requireNonNull(source);
      return this;
    }

    /**
     * Builds the policy.
     *
     * @return the policy
     * @throws IllegalArgumentException without rules
     */
    public FairnessPolicy build() {
      return new FairnessPolicy(source, rules, resamples, seed);
    }
  }
}
