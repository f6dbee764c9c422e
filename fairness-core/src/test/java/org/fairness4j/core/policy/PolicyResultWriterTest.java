package org.fairness4j.core.policy;

import static org.fairness4j.core.policy.PolicyTables.evaluator;
import static org.fairness4j.core.policy.PolicyTables.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.metrics.Metric;
import org.fairness4j.core.policy.PolicyTables.Cell;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class PolicyResultWriterTest {
  private static PolicyResult result() {
    return FairnessPolicy.builder()
        .source("p<&>.yaml")
        .rule(
            PolicyRule.differenceBetweenGroups(FeatureSet.of("sex"), Metric.RECALL)
                .atMost(0.25)
                .build())
        .rule(
            PolicyRule.ratioBetweenGroups(FeatureSet.of("sex"), Metric.RECALL)
                .name("recall \"four-fifths\" <rule>")
                .atLeast(0.8)
                .build())
        .rule(
            PolicyRule.differenceBetweenGroups(FeatureSet.of("sex"), Metric.FPR).atMost(1).build())
        .build()
        .check(table("sex", new Cell("F", 80, 20, 0, 0), new Cell("M", 60, 40, 0, 0)), evaluator());
  }

  @Test
  void junitXmlParsesAndCountsFailuresAndErrors() throws Exception {
    StringWriter w = new StringWriter();
    PolicyResultWriter.junitXml(result(), w);
    Document d =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(w.toString().getBytes(StandardCharsets.UTF_8)));
    Element suite = d.getDocumentElement();
    assertEquals("testsuite", suite.getTagName());
    assertEquals("3", suite.getAttribute("tests"));
    assertEquals("1", suite.getAttribute("failures"));
    assertEquals("1", suite.getAttribute("errors"));
    assertEquals("fairness policy p<&>.yaml", suite.getAttribute("name"));
    Element second = (Element) suite.getElementsByTagName("testcase").item(1);
    assertEquals("recall \"four-fifths\" <rule>", second.getAttribute("name"));
    Element failure = (Element) second.getElementsByTagName("failure").item(0);
    assertTrue(failure.getTextContent().contains("value 0.7500 is not at least 0.8000"));
    assertEquals(1, suite.getElementsByTagName("error").getLength());
  }

  @Test
  void markdownHasOneRowPerRuleAndDetails() throws Exception {
    StringWriter w = new StringWriter();
    PolicyResultWriter.markdown(result(), w);
    String md = w.toString();
    assertTrue(
        md.startsWith("### Fairness check: NOT passed (1 passed, 1 failed, 1 undecidable)"), md);
    assertEquals(
        3, md.lines().filter(l -> l.startsWith("| passed") || l.startsWith("| **")).count(), md);
    assertTrue(
        md.contains(
            "| **FAILED** | recall \"four-fifths\" <rule> | sex | 0.7500 |  | ≥ 0.8000 | point |"),
        md);
    assertTrue(md.contains("<details>"), md);
  }
}
