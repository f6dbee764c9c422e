package org.fairness4j.examples.study;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fairness4j.cli.nih.NihProtocol;
import org.fairness4j.models.adapt.AdaptationRunner;

/** The protocol's three splits as model inputs, and the test split's sensitive columns. */
record Splits(
    AdaptationRunner.Split train,
    AdaptationRunner.Split val,
    AdaptationRunner.Split test,
    Map<String, String[]> testColumns,
    int[] testAges,
    String[] testSexes) {

  static Splits of(List<NihProtocol.Item> items, Map<String, Path> images) {
    Map<NihProtocol.Split, List<NihProtocol.Item>> by = new LinkedHashMap<>();
    for (NihProtocol.Split s : NihProtocol.Split.values()) {
      by.put(s, new ArrayList<>());
    }
    items.forEach(i -> by.get(i.split()).add(i));
    List<NihProtocol.Item> test = by.get(NihProtocol.Split.TEST);
    int n = test.size();
    String[] sex = new String[n];
    String[] age = new String[n];
    String[] group = new String[n];
    String[] patient = new String[n];
    int[] ages = new int[n];
    for (int i = 0; i < n; i++) {
      var r = test.get(i).record();
      sex[i] = r.sex();
      ages[i] = r.age();
      age[i] = Integer.toString(r.age());
      group[i] = test.get(i).ageGroup();
      patient[i] = r.patientId();
    }
    Map<String, String[]> cols = new LinkedHashMap<>();
    cols.put("sex", sex);
    cols.put("age", age);
    cols.put("age_group", group);
    cols.put("patient_id", patient);
    return new Splits(
        split(by.get(NihProtocol.Split.TRAIN), images),
        split(by.get(NihProtocol.Split.VAL), images),
        split(test, images),
        cols,
        ages,
        sex);
  }

  private static AdaptationRunner.Split split(
      List<NihProtocol.Item> items, Map<String, Path> images) {
    List<Path> files = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    int[] y = new int[items.size()];
    for (int i = 0; i < items.size(); i++) {
      String img = items.get(i).record().imageIndex();
      Path p = images.get(img);
      if (p == null) {
        throw new IllegalStateException("no image file for " + img);
      }
      files.add(p);
      ids.add(img);
      y[i] = items.get(i).classIndex();
    }
    return new AdaptationRunner.Split(files, y, ids);
  }
}
