package org.fairness4j.core.policy;

import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fairness4j.core.DisparityMethod;
import org.fairness4j.core.EqualizedOddsAggregation;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.metrics.Metric;

/** Reads a policy file (YAML or JSON) into a {@link FairnessPolicy}, naming lines in errors. */
final class PolicyReader {
  private static final List<String> TOP =
      List.of("fairness-policy", "bootstrap", "defaults", "rules");
  private static final List<String> BOOTSTRAP = List.of("resamples", "seed");
  private static final List<String> DEFAULTS =
      List.of("decide", "confidence", "interval", "min-group-size");
  private static final List<String> STATISTICS =
      List.of("difference", "ratio", "fairness", "below-overall");
  private static final List<String> BOUNDS = List.of("at-most", "at-least", "max-worsening");
  private static final List<String> RULE =
      List.of(
          "name",
          "feature-set",
          "difference",
          "ratio",
          "fairness",
          "below-overall",
          "method",
          "aggregation",
          "at-most",
          "at-least",
          "max-worsening",
          "decide",
          "confidence",
          "interval",
          "min-group-size");

  private PolicyReader() {}

  /** Settings a rule inherits unless it sets its own. */
  private record Defaults(
      DecisionMode decision, double confidence, IntervalMethod interval, int minGroupSize) {}

  static FairnessPolicy read(Reader in, String source, boolean json) throws PolicyFormatException {
    SourceNode root = SourceNode.parse(in, source, json).requireMap("a policy");
    root.checkKeys(TOP, "the policy");
    SourceNode version = root.map.get("fairness-policy");
    if (version != null && version.integer("fairness-policy") != 1) {
      throw version.error("fairness-policy: only version 1 is known");
    }
    int resamples = 1000;
    long seed = 0;
    SourceNode boot = root.map.get("bootstrap");
    if (boot != null) {
      boot.requireMap("bootstrap").checkKeys(BOOTSTRAP, "bootstrap");
      if (boot.map.containsKey("resamples")) {
        SourceNode n = boot.map.get("resamples");
        long r = n.integer("resamples");
        if (r < 100 || r > 1_000_000) {
          throw n.error("resamples must lie in [100, 1000000]: " + r);
        }
        resamples = (int) r;
      }
      if (boot.map.containsKey("seed")) {
        seed = boot.map.get("seed").integer("seed");
      }
    }
    Defaults defaults = new Defaults(DecisionMode.POINT, 0.95, IntervalMethod.BOOTSTRAP, 0);
    SourceNode d = root.map.get("defaults");
    if (d != null) {
      d.requireMap("defaults").checkKeys(DEFAULTS, "defaults");
      defaults = settings(d, defaults);
    }
    SourceNode rulesNode = root.map.get("rules");
    if (rulesNode == null) {
      throw root.error("a policy needs 'rules:' (a list of rules)");
    }
    List<PolicyRule> rules = new ArrayList<>();
    for (SourceNode r : rulesNode.requireList("rules")) {
      rules.add(rule(r.requireMap("a rule"), defaults));
    }
    if (rules.isEmpty()) {
      throw rulesNode.error("a policy needs at least one rule");
    }
    return FairnessPolicy.of(source, rules, resamples, seed);
  }

  private static Defaults settings(SourceNode n, Defaults inherited) throws PolicyFormatException {
    DecisionMode decision = inherited.decision();
    double confidence = inherited.confidence();
    IntervalMethod interval = inherited.interval();
    int minSize = inherited.minGroupSize();
    SourceNode v = n.map.get("decide");
    if (v != null) {
      try {
        decision = DecisionMode.fromKey(v.string("decide"));
      } catch (IllegalArgumentException e) {
        throw v.error(e.getMessage());
      }
    }
    v = n.map.get("confidence");
    if (v != null) {
      confidence = v.number("confidence");
      if (!(confidence > 0.5 && confidence < 1)) {
        throw v.error("confidence must lie in (0.5, 1), e.g. 0.95: " + v.text);
      }
    }
    v = n.map.get("interval");
    if (v != null) {
      try {
        interval = IntervalMethod.fromKey(v.string("interval"));
      } catch (IllegalArgumentException e) {
        throw v.error(e.getMessage());
      }
    }
    v = n.map.get("min-group-size");
    if (v != null) {
      long m = v.integer("min-group-size");
      if (m < 0 || m > Integer.MAX_VALUE) {
        throw v.error("min-group-size must be at least 0: " + m);
      }
      minSize = (int) m;
    }
    return new Defaults(decision, confidence, interval, minSize);
  }

  private static PolicyRule rule(SourceNode n, Defaults defaults) throws PolicyFormatException {
    n.checkKeys(RULE, "a rule");
    SourceNode fsNode = n.map.get("feature-set");
    if (fsNode == null) {
      throw n.error("a rule needs 'feature-set:' (e.g. sex, or sex+age)");
    }
    FeatureSet fs;
    try {
      fs = new FeatureSet(List.of(fsNode.string("feature-set").trim().split("\\s*\\+\\s*")));
    } catch (IllegalArgumentException e) {
      throw fsNode.error("feature-set: " + e.getMessage());
    }
    PolicyStatistic statistic = statistic(n);
    PolicyBound bound = bound(n);
    Defaults s = settings(n, defaults);
    PolicyRule.Builder b =
        PolicyRule.builder(fs, statistic)
            .bound(bound)
            .decision(s.decision())
            .confidence(s.confidence())
            .interval(s.interval())
            .minGroupSize(s.minGroupSize())
            .line(n.line);
    if (n.map.containsKey("name")) {
      b.name(n.map.get("name").string("name"));
    }
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      throw n.error(e.getMessage());
    }
  }

  private static PolicyStatistic statistic(SourceNode n) throws PolicyFormatException {
    String kind = only(n, STATISTICS, "statistic");
    SourceNode v = n.map.get(kind);
    String name = v.string(kind).trim();
    SourceNode methodNode = n.map.get("method");
    SourceNode aggNode = n.map.get("aggregation");
    DisparityMethod method = DisparityMethod.BETWEEN_GROUPS;
    if (methodNode != null) {
      String m = methodNode.string("method").trim().toLowerCase(Locale.ROOT).replace('-', '_');
      method =
          switch (m) {
            case "between_groups" -> DisparityMethod.BETWEEN_GROUPS;
            case "to_overall" -> DisparityMethod.TO_OVERALL;
            default ->
                throw methodNode.error(
                    "unknown method '" + m + "' (known: between_groups, to_overall)");
          };
      if (kind.equals("below-overall")) {
        throw methodNode.error(
            "below-overall compares each group with overall; it takes no method");
      }
    }
    EqualizedOddsAggregation agg = null;
    if (aggNode != null) {
      String a = aggNode.string("aggregation").trim().toLowerCase(Locale.ROOT).replace('-', '_');
      agg =
          switch (a) {
            case "worst_case" -> EqualizedOddsAggregation.WORST_CASE;
            case "mean" -> EqualizedOddsAggregation.MEAN;
            default ->
                throw aggNode.error("unknown aggregation '" + a + "' (known: worst_case, mean)");
          };
    }
    try {
      return switch (kind) {
        case "difference" -> {
          noAggregation(aggNode, kind);
          yield PolicyStatistic.difference(Metric.fromKey(name), method);
        }
        case "ratio" -> {
          noAggregation(aggNode, kind);
          yield PolicyStatistic.ratio(Metric.fromKey(name), method);
        }
        case "below-overall" -> {
          noAggregation(aggNode, kind);
          yield PolicyStatistic.belowOverall(Metric.fromKey(name));
        }
        default -> {
          if (name.startsWith("equalized_odds")) {
            if (agg == null) {
              agg = EqualizedOddsAggregation.WORST_CASE;
            }
          } else {
            noAggregation(aggNode, name);
          }
          yield PolicyStatistic.fairness(name, method, agg);
        }
      };
    } catch (IllegalArgumentException e) {
      throw v.error(e.getMessage());
    }
  }

  private static void noAggregation(SourceNode aggNode, String what) throws PolicyFormatException {
    if (aggNode != null) {
      throw aggNode.error("aggregation applies to equalized odds only, not to " + what);
    }
  }

  private static PolicyBound bound(SourceNode n) throws PolicyFormatException {
    String kind = only(n, BOUNDS, "bound");
    SourceNode v = n.map.get(kind);
    double x = v.number(kind);
    try {
      return switch (kind) {
        case "at-most" -> PolicyBound.atMost(x);
        case "at-least" -> PolicyBound.atLeast(x);
        default -> PolicyBound.maxWorsening(x);
      };
    } catch (IllegalArgumentException e) {
      throw v.error(e.getMessage());
    }
  }

  /** The one key of {@code keys} the rule has; an error when it has none or several. */
  private static String only(SourceNode n, List<String> keys, String what)
      throws PolicyFormatException {
    String found = null;
    for (Map.Entry<String, SourceNode> e : n.map.entrySet()) {
      if (keys.contains(e.getKey())) {
        if (found != null) {
          throw new PolicyFormatException(
              n.source,
              n.lineOf(e.getKey()),
              "a rule has only one "
                  + what
                  + "; '"
                  + found
                  + "' and '"
                  + e.getKey()
                  + "' both given");
        }
        found = e.getKey();
      }
    }
    if (found == null) {
      throw n.error("a rule needs a " + what + ": one of " + String.join(", ", keys));
    }
    return found;
  }
}
