// The build failed with the policy's message: the intersectional rule, its groups and the bound.
def log = new File(basedir, 'build.log').text
assert log.contains('FAILED: accuracy gap by sex and age (policy line 23)')
assert log.contains('groups behind the value: [F|[60,inf), M|[0,60)]')
assert log.contains('2 passed, 1 failed, 0 undecidable')
def xml = new File(basedir, 'target/fairness-reports/TEST-fairness-policy.xml').text
assert xml.contains('tests="3" failures="1" errors="0"')
