package org.fairness4j.cli;

import org.fairness4j.models.Nd4jBackendSetup;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Runs the tests on the native code the command line uses: {@link Nd4jBackendSetup#configure()}
 * before any test loads ND4J (registered in META-INF/services).
 */
public final class NativeBackendSessionListener implements LauncherSessionListener {
  @Override
  public void launcherSessionOpened(LauncherSession session) {
    System.err.println("Native code chosen for ND4J: " + Nd4jBackendSetup.configure());
  }
}
