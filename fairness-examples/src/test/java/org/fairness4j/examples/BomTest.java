package org.fairness4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The bill of materials has no parent (so importing it manages only Fairness4J's artifacts), which
 * also keeps it out of the parent's Central checks (enforcer {@code central-requirements}). This
 * test checks it instead: the parent's version, every published jar module managed at {@code
 * ${project.version}}, and the POM metadata Maven Central requires.
 */
class BomTest {
  private static final Path ROOT = Path.of("..");

  private static Document read(Path pom) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return f.newDocumentBuilder().parse(pom.toFile());
  }

  /** The text of the first element at this path of child names under the root, or "". */
  private static String text(Document d, String... path) {
    Element e = d.getDocumentElement();
    for (String name : path) {
      Element next = null;
      NodeList kids = e.getChildNodes();
      for (int i = 0; i < kids.getLength() && next == null; i++) {
        if (kids.item(i) instanceof Element k && k.getTagName().equals(name)) {
          next = k;
        }
      }
      if (next == null) {
        return "";
      }
      e = next;
    }
    return e.getTextContent().strip();
  }

  @Test
  void theBomHasTheParentsVersionManagesEveryPublishedJarAndCarriesCentralMetadata()
      throws Exception {
    Document parent = read(ROOT.resolve("pom.xml"));
    Document bom = read(ROOT.resolve("fairness-bom").resolve("pom.xml"));
    assertEquals(text(parent, "version"), text(bom, "version"), "keep the BOM's version equal");
    assertEquals(text(parent, "groupId"), text(bom, "groupId"));

    List<String> published = new ArrayList<>();
    NodeList modules = parent.getElementsByTagName("module");
    for (int i = 0; i < modules.getLength(); i++) {
      String m = modules.item(i).getTextContent().strip();
      if (m.equals("fairness-bom")) {
        continue;
      }
      Document pom = read(ROOT.resolve(m).resolve("pom.xml"));
      String packaging = text(pom, "packaging");
      if (text(pom, "properties", "central.artifacts.skip").equals("false")
          && (packaging.isEmpty() || packaging.equals("jar"))) {
        published.add(text(pom, "artifactId"));
      }
    }
    assertTrue(published.contains("fairness-core"), published.toString());

    List<String> managed = new ArrayList<>();
    NodeList deps = bom.getElementsByTagName("dependency");
    for (int i = 0; i < deps.getLength(); i++) {
      Element d = (Element) deps.item(i);
      managed.add(d.getElementsByTagName("artifactId").item(0).getTextContent().strip());
      assertEquals(
          "${project.version}",
          d.getElementsByTagName("version").item(0).getTextContent().strip(),
          managed.get(i));
    }
    assertEquals(new TreeSet<>(published), new TreeSet<>(managed), "published jars vs the BOM");

    for (String[] p :
        new String[][] {
          {"name"},
          {"description"},
          {"licenses", "license", "name"},
          {"developers", "developer", "name"},
          {"scm", "connection"}
        }) {
      assertFalse(text(bom, p).isEmpty(), String.join("/", p) + " missing in the BOM");
    }
    assertTrue(text(bom, "url").startsWith("https://"), text(bom, "url"));
    assertTrue(text(bom, "scm", "url").startsWith("https://"), text(bom, "scm", "url"));
    assertEquals(
        text(parent, "licenses", "license", "name"), text(bom, "licenses", "license", "name"));
  }
}
