// The build passed; the JUnit XML lists both rules without failures.
def xml = new File(basedir, 'target/fairness-reports/TEST-fairness-policy.xml').text
assert xml.contains('tests="2" failures="0" errors="0"')
def log = new File(basedir, 'build.log').text
assert log.contains('2 passed, 0 failed, 0 undecidable')
