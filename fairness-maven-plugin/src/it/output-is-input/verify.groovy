// The goal refused to write its summary over the policy it reads; the policy is unchanged.
def log = new File(basedir, 'build.log').text
assert log.contains('<summary>') && log.contains('is an input of the check')
def policy = new File(basedir, 'policy.yaml').text
assert policy.contains('four-fifths rule on accuracy by sex')
assert !policy.contains('| rule')
