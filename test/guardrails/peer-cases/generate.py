"""Generates test/guardrails/peer-cases/*.json from the peers' public lists (run by hand; tests read the JSON only)."""
import json, re, subprocess, yaml, ast
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
for name, data in out.items():
    json.dump(data, open(f'/work/aws-rules/test/guardrails/peer-cases/{name}.json', 'w'), indent=1)
    print(name, len(data['cases']))
