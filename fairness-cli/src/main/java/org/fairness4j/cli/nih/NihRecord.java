package org.fairness4j.cli.nih;

import java.util.List;

/**
 * One row of NIH ChestX-ray14's {@code Data_Entry_2017.csv}.
 *
 * @param imageIndex the image file name, e.g. {@code 00000013_005.png}
 * @param findings the {@code |}-separated finding labels ({@code No Finding} included as given)
 * @param followUp the follow-up number
 * @param patientId the patient id (as in the file, e.g. {@code 13})
 * @param age the age in years
 * @param sex {@code M} or {@code F}
 * @param view the view position ({@code PA}, {@code AP})
 * @param line the line in the metadata file (1 is the header)
 */
public record NihRecord(
    String imageIndex,
    List<String> findings,
    int followUp,
    String patientId,
    int age,
    String sex,
    String view,
    int line) {
  /**
   * Copies the findings.
   *
   * @param imageIndex image
   * @param findings findings
   * @param followUp follow-up
   * @param patientId patient
   * @param age age
   * @param sex sex
   * @param view view
   * @param line line
   */
  public NihRecord {
    findings = List.copyOf(findings);
  }
}
