"""Generates test/guardrails/peer-cases/*.json from the peers' public lists (run by hand; tests read the JSON only)."""
import json, os, re, subprocess, yaml, ast
def show(repo, path):
    return subprocess.run(['git', '--git-dir', f'/work/.mirror/{repo}/repo', 'show', f'HEAD:{path}'], capture_output=True, text=True, check=True).stdout
def commit(repo):
    return subprocess.run(['git', '--git-dir', f'/work/.mirror/{repo}/repo', 'rev-parse', 'HEAD'], capture_output=True, text=True).stdout.strip()
def pylist(src, name):
    m = re.search(name + r'\s*=\s*(\[[\s\S]*?\n\])', src) or re.search(name + r'\s*=\s*(\{[\s\S]*?\n\s*\})', src)
    return ast.literal_eval(re.sub(r'#.*', '', m.group(1)))
A = 'arn:aws:iam::111111111111'
out = {}
cs = 'salesforce+cloudsplaining'; pa = 'duo-labs+parliament'
consts = show(cs, 'cloudsplaining/shared/constants.py')
methods = pylist(consts, 'PRIVILEGE_ESCALATION_METHODS')
creds = pylist(consts, 'ACTIONS_THAT_RETURN_CREDENTIALS')
exfil = pylist(consts, 'READ_ONLY_DATA_EXFILTRATION_ACTIONS')
pf = yaml.safe_load(show(cs, 'research/pathfinding-cloud/pathfinding-paths-catalog.yaml'))
pe = show(pa, 'parliament/community_auditors/privilege_escalation.py')
pmethods = ast.literal_eval(re.search(r'escalation_methods = (\{[\s\S]*?\n    \})', re.sub(r'#.*', '', pe)).group(1))
pcreds = pylist(show(pa, 'parliament/community_auditors/credentials_exposure.py'), 'CREDENTIALS_EXPOSURE_ACTIONS')
pm = ast.literal_eval(re.search(r'permissions_management_actions = (\[[\s\S]*?\])', show(pa, 'parliament/community_auditors/permissions_management.py').split('"""', 2)[2]).group(1))

def case(id, statement, expect, rules=None, suppress=None, note=None):
    c = {'id': id, 'statement': statement, 'expect': expect}
    if rules: c['rules'] = rules
    if suppress: c['suppress'] = suppress
    if note: c['note'] = note
    return c

esc = []
for name, actions in methods.items():
    esc.append(case(f'cloudsplaining {name}', {'Effect': 'Allow', 'Action': actions, 'Resource': '*'}, 'refused', ['WI-AWS-004'], ['WI-AWS-001']))
for name, actions in pmethods.items():
    esc.append(case(f'parliament {name}', {'Effect': 'Allow', 'Action': actions, 'Resource': '*'}, 'refused', ['WI-AWS-004'], ['WI-AWS-001']))
for p in pf['paths']:
    esc.append(case(f"pathfinding {p['id']}", {'Effect': 'Allow', 'Action': p['required_actions'], 'Resource': '*'}, 'refused', ['WI-AWS-004'], ['WI-AWS-001']))
    # The same path, its resource a prefix pattern (broader than one named resource, not every resource: WI-AWS-001 passes it).
    svc = p['required_actions'][0].split(':')[0]
    esc.append(case(f"pathfinding {p['id']} on app-* resources", {'Effect': 'Allow', 'Action': p['required_actions'], 'Resource': [f'{A}:role/app-*', 'arn:aws:lambda:us-east-1:111111111111:function:app-*', 'arn:aws:ec2:us-east-1:111111111111:instance/i-0*', f'arn:aws:{svc}:us-east-1:111111111111:*app*']}, 'refused', ['WI-AWS-004'], ['WI-AWS-001', 'WI-AWS-010', 'WI-AWS-011']))
out['escalation'] = {
    'generatedFrom': [
        f'github:{cs.replace("+", "/")}@{commit(cs)} cloudsplaining/shared/constants.py PRIVILEGE_ESCALATION_METHODS (Rhino Security Labs methods + pathfinding.cloud additions)',
        f'github:{cs.replace("+", "/")}@{commit(cs)} research/pathfinding-cloud/pathfinding-paths-catalog.yaml (DataDog/pathfinding.cloud, 66 paths: required_actions)',
        f'github:{pa.replace("+", "/")}@{commit(pa)} parliament/community_auditors/privilege_escalation.py escalation_methods',
    ],
    'cases': esc,
}

cr = []
for a in sorted(set(creds) | set(pcreds)):
    cr.append(case(f'credentials {a} on *', {'Effect': 'Allow', 'Action': a, 'Resource': '*'}, 'refused', ['WI-AWS-004', 'WI-AWS-011'], ['WI-AWS-001', 'WI-AWS-010']))
out['credentials'] = {
    'generatedFrom': [
        f'github:{cs.replace("+", "/")}@{commit(cs)} cloudsplaining/shared/constants.py ACTIONS_THAT_RETURN_CREDENTIALS',
        f'github:{pa.replace("+", "/")}@{commit(pa)} parliament/community_auditors/credentials_exposure.py CREDENTIALS_EXPOSURE_ACTIONS',
    ],
    'note': 'Actions AWS no longer lists (unknown to iam-data) are expected refused by WI-AWS-002 instead.',
    'cases': cr,
}
px = []
for a in pm:
    px.append(case(f'permissions management {a} on *', {'Effect': 'Allow', 'Action': a, 'Resource': '*'}, 'refused', ['WI-AWS-004', 'WI-AWS-010', 'WI-AWS-011'], ['WI-AWS-001']))
out['permissions-management'] = {
    'generatedFrom': [f'github:{pa.replace("+", "/")}@{commit(pa)} parliament/community_auditors/permissions_management.py (policy_sentry "Permissions management" actions)'],
    'cases': px,
}
ex = [case(f'exfiltration {a} on *', {'Effect': 'Allow', 'Action': a, 'Resource': '*'}, 'warned', ['WI-AWS-012'], ['WI-AWS-001']) for a in exfil]
out['exfiltration'] = {'generatedFrom': [f'github:{cs.replace("+", "/")}@{commit(cs)} cloudsplaining/shared/constants.py READ_ONLY_DATA_EXFILTRATION_ACTIONS'], 'cases': ex}
# checkov's IAM checks, with the verdicts its own tests assert. A checkov failure must be refused here; a checkov pass
# may be refused too where this project is stricter (the note says why), never the other way round.
from checkov_examples import checkov_cases, CHECKS
ck_commit, ck = checkov_cases()
ACTION_WILDCARD = 'action wildcards are refused on any resource (WI-AWS-001); checkov flags only a bare "*"'
ONLY_ON_STAR = 'an action with no resource-level permissions, allowed on "*" with no condition: a warning (WI-AWS-007), as the least it can be'
RESTRICTABLE_ON_STAR = 'actions that take resource ARNs are refused on "*" (WI-AWS-001), as checkov CKV_AWS_355 does; CKV_AWS_287/288 only look for their own lists'
STRICTER = {  # (check, resource) -> (our verdict, our rules, why); every other checkov pass is accepted here too
    ('CKV_AWS_62', 'aws_iam_policy.pass1'): ('refused', ['WI-AWS-001'], ACTION_WILDCARD),
    ('CKV_AWS_62', 'aws_ssoadmin_permission_set_inline_policy.pass1'): ('refused', ['WI-AWS-001'], ACTION_WILDCARD),
    ('CKV_AWS_355', 'aws_iam_policy.pass'): ('refused', ['WI-AWS-001'], ACTION_WILDCARD),
    ('CKV_AWS_355', 'aws_iam_role_policy.pass'): ('refused', ['WI-AWS-001'], ACTION_WILDCARD),
    ('CKV_AWS_355', 'aws_iam_user_policy.pass'): ('refused', ['WI-AWS-001'], ACTION_WILDCARD),
    ('CKV_AWS_355', 'aws_iam_group_policy.pass'): ('refused', ['WI-AWS-001'], ACTION_WILDCARD),
    ('CKV_AWS_355', 'aws_ssoadmin_permission_set_inline_policy.pass'): ('refused', ['WI-AWS-001'], ACTION_WILDCARD),
    ('CKV_AWS_355', 'aws_iam_policy.pass_unrestrictable'): ('warned', ['WI-AWS-007'], ONLY_ON_STAR),
    ('CKV_AWS_287', 'aws_iam_policy.allowed_action'): ('refused', ['WI-AWS-011'], 'ecr:GetAuthorizationToken returns credentials (cloudsplaining ACTIONS_THAT_RETURN_CREDENTIALS); checkov allows it by name'),
    ('CKV_AWS_287', 'aws_iam_policy.pass'): ('refused', ['WI-AWS-001'], RESTRICTABLE_ON_STAR),
    ('CKV_AWS_288', 'aws_iam_policy.pass'): ('refused', ['WI-AWS-001'], RESTRICTABLE_ON_STAR),
    ('CKV_AWS_289', 'aws_iam_policy.pass'): ('refused', ['WI-AWS-001'], ACTION_WILDCARD),
    ('CKV_AWS_290', 'aws_iam_policy.restrictable'): ('refused', ['WI-AWS-001'], ACTION_WILDCARD),
    ('CKV_AWS_290', 'aws_iam_policy.unrestrictable'): ('warned', ['WI-AWS-007'], ONLY_ON_STAR),
    ('CKV_AWS_63', 'test_success'): ('refused', ['WI-AWS-001'], ACTION_WILDCARD),
    ('CKV_AWS_63', 'test_success_service_star'): ('refused', ['WI-AWS-001'], ACTION_WILDCARD),
    ('CKV_AWS_63', 'test_sso_success'): ('refused', ['WI-AWS-001'], ACTION_WILDCARD),
}
RULES = {'CKV_AWS_62': None, 'CKV_AWS_63': None, 'CKV_AWS_355': None, 'CKV_AWS_286': ['WI-AWS-004'], 'CKV_AWS_287': ['WI-AWS-004', 'WI-AWS-011'],
         'CKV_AWS_288': None, 'CKV_AWS_289': ['WI-AWS-004', 'WI-AWS-010', 'WI-AWS-011'], 'CKV_AWS_290': None}
out['checkov-iam'] = {
    'generatedFrom': [f'github:bridgecrewio/checkov@{ck_commit} tests/terraform/checks/resource/aws/test_<check>.py and example_<check>/*.tf for ' + ', '.join(f'{k} ({v})' for k, v in CHECKS.items()) + ': the resources each test asserts failing or passing, their policies evaluated by terraform'],
    'cases': [],
}
for c in ck:
    where = f"checkov {c['check']} {c['resource']} ({c['file'].split('/')[-2 if c['form'] != 'unit' else -1]}:{c['line']})"
    if c['checkov'] == 'fail':
        one = case(f'{where}: checkov fails it', None, 'refused', RULES[c['check']])
    else:
        verdict, rules, why = STRICTER.get((c['check'], c['resource']), ('accepted', None, None))
        one = case(f'{where}: checkov passes it', None, verdict, rules, note=why and f'stricter than checkov: {why}')
    del one['statement']
    out['checkov-iam']['cases'].append({**one, 'statements': c['statements']})
# cdk-nag's IAM rules, transcribed by hand from its tests (CDK constructs, not data; CDK tokens written as the ARNs
# they resolve to). Its non-compliant cases must be refused here; where its compliant case is refused, the note says why.
NAG = 'cdklabs/cdk-nag'
def S(actions, resources, effect='Allow'): return {'Effect': effect, 'Action': actions, 'Resource': resources}
nag = [
    ('IAMNoWildcardPermissions Noncompliance 1', 178, [S(['s3:PutObject'], ['*'])], 'refused', ['WI-AWS-001'], None),
    ('IAMNoWildcardPermissions Noncompliance 2', 194, [S(['s3:*'], ['arn:aws:s3:::bucket'])], 'refused', ['WI-AWS-001'], None),
    ('IAMNoWildcardPermissions Noncompliance 3', 204, [S(['s3:PutObject'], ['arn:aws:s3:us-east-1:111111111111:myBucket/*'])], 'accepted', None,
     'looser than cdk-nag, which wants every "*" suppressed with evidence: the objects of one named bucket are the narrowest scope IAM has for object actions, and the vocabulary grants exactly that'),
    ('IAMNoWildcardPermissions Compliance', 231, [S(['s3:ListBucket'], ['arn:aws:s3:::bucket'])], 'accepted', None, None),
    ('IAMPolicyNoStatementsWithAdminAccess Noncompliance 1', 245, [S(['*'], ['arn*'])], 'refused', ['WI-AWS-001', 'WI-AWS-004'], None),
    ('IAMPolicyNoStatementsWithAdminAccess Noncompliance 2', 255, [S(['glacier:DescribeJob'], ['*']), S(['glacier:DescribeJob', '*'], ['*'])], 'refused', ['WI-AWS-001', 'WI-AWS-004'], None),
    ('IAMPolicyNoStatementsWithAdminAccess Noncompliance 3', 269, [S(['glacier:DescribeJob', '*'], ['*'])], 'refused', ['WI-AWS-001', 'WI-AWS-004'], None),
    ('IAMPolicyNoStatementsWithAdminAccess Noncompliance 4', 281, [S(['s3:CreateBucket', '*'], ['arn:aws:s3:::examplebucket', '*'])], 'refused', ['WI-AWS-001', 'WI-AWS-004'], None),
    ('IAMPolicyNoStatementsWithAdminAccess Compliance', 293, [S(['glacier:DescribeJob'], ['*']), S(['glacier:*'], ['*']), S(['s3:*'], ['arn:aws:s3:::examplebucket1/*'])], 'refused', ['WI-AWS-001'],
     'stricter than cdk-nag, whose rule looks only for "*": service wildcards are refused on any resource, and glacier:DescribeJob takes a vault ARN, so "*" is every vault'),
    ('IAMPolicyNoStatementsWithFullAccess Noncompliance 1', 314, [S(['*'], ['arn*'])], 'refused', ['WI-AWS-001', 'WI-AWS-004'], None),
    ('IAMPolicyNoStatementsWithFullAccess Noncompliance 2', 324, [S(['s3:*'], ['arn:aws:s3:::awsexamplebucket1'])], 'refused', ['WI-AWS-001'], None),
    ('IAMPolicyNoStatementsWithFullAccess Noncompliance 3', 334, [S(['s3:GetBucketAcl', '*'], ['arn:aws:s3:::awsexamplebucket1'])], 'refused', ['WI-AWS-001', 'WI-AWS-004'], None),
    ('IAMPolicyNoStatementsWithFullAccess Noncompliance 4', 346, [S(['s3:GetBucketAcl', 's3:*'], ['arn:aws:s3:::awsexamplebucket1'])], 'refused', ['WI-AWS-001'], None),
    ('IAMPolicyNoStatementsWithFullAccess Compliance', 358, [S(['glacier:DescribeJob'], ['*']), S(['s3:ListAllMyBuckets'], ['arn:aws:s3:::*']), S(['s3:ListAllMyBuckets'], ['*'])], 'refused', ['WI-AWS-001'],
     'stricter than cdk-nag, whose rule looks only for service wildcards: glacier:DescribeJob takes a vault ARN, so "*" is every vault'),
]
out['cdk-nag-iam'] = {
    'generatedFrom': [f'github:{NAG}@{commit(NAG.replace("/", "+"))} test/rules/IAM.test.ts (rules in src/rules/iam/): the policy statements of each IAM rule test, by hand. IAMNoManagedPolicies (AwsSolutions-IAM4) is covered by WI-AWS-003 in test/guardrails/rules.test.ts: its cases attach policies, not statements'],
    'cases': [],
}
for name, line, statements, expect, rules, note in nag:
    one = case(f'cdk-nag {name} (test/rules/IAM.test.ts:{line})', None, expect, rules, note=note)
    del one['statement']
    out['cdk-nag-iam']['cases'].append({**one, 'statements': statements})
here = os.path.dirname(os.path.abspath(__file__))
for name, data in out.items():
    json.dump(data, open(os.path.join(here, f'{name}.json'), 'w'), indent=1)
    print(name, len(data['cases']))
