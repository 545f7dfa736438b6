"""checkov's own IAM test cases (its example .tf files and unit-test resource_conf dicts), with the verdicts its
tests assert. The .tf policy expressions are evaluated by the terraform CLI itself (jsonencode and heredocs), not by
a parser of ours. Used by generate.py."""
import ast, json, re, subprocess, tempfile
GIT = '/work/.mirror/bridgecrewio+checkov/repo'
def show(p): return subprocess.run(['git','--git-dir',GIT,'show','HEAD:'+p],capture_output=True,text=True,check=True).stdout
def balanced(src, i):
    depth=0; j=i; instr=False
    while j < len(src):
        c=src[j]
        if instr:
            if c=='\\': j+=2; continue
            if c=='"': instr=False
        elif c=='"': instr=True
        elif c in '({[': depth+=1
        elif c in ')}]':
            depth-=1
            if depth==0: return j+1
        j+=1
    raise ValueError('unbalanced')
def blocks(src):
    for m in re.finditer(r'^resource\s+"([a-z0-9_]+)"\s+"([A-Za-z0-9_-]+)"\s*\{', src, re.M):
        end = balanced(src, m.end()-1)
        yield m.group(1), m.group(2), src[m.end():end-1], src[:m.start()].count('\n')+1
def policies(body):
    for m in re.finditer(r'^\s*(policy|inline_policy|assume_role_policy)\s*=\s*', body, re.M):
        rest = body[m.end():]
        h = re.match(r'<<-?([A-Z_]+)\n', rest)
        if h:
            end = re.search(r'^\s*' + h.group(1) + r'\s*$', rest[h.end():], re.M)
            yield m.group(1), 'heredoc', rest[h.end():h.end()+end.start()]
        elif rest.startswith('jsonencode('):
            yield m.group(1), 'hcl', rest[:balanced(rest, len('jsonencode'))]
        elif rest.startswith('"'):
            yield m.group(1), 'string', None
        else:
            yield m.group(1), 'other', rest.split('\n')[0]
CHECKS = {  # checkov check (its file name under checkov/terraform/checks/resource/aws) -> its id
    'IAMAdminPolicyDocument': 'CKV_AWS_62', 'IAMStarActionPolicyDocument': 'CKV_AWS_63',
    'IAMStarResourcePolicyDocument': 'CKV_AWS_355', 'IAMPrivilegeEscalation': 'CKV_AWS_286',
    'IAMCredentialsExposure': 'CKV_AWS_287', 'IAMDataExfiltration': 'CKV_AWS_288',
    'IAMPermissionsManagement': 'CKV_AWS_289', 'IAMWriteAccess': 'CKV_AWS_290',
}
def commit(): return subprocess.run(['git','--git-dir',GIT,'rev-parse','HEAD'],capture_output=True,text=True).stdout.strip()
def checkov_cases():
    exprs = []; meta = []; direct = []
    def inline(name, cid, test):
        """Unit tests that hand checkov a resource_conf dict and assert PASSED or FAILED."""
        for fn in ast.walk(ast.parse(test)):
            if not isinstance(fn, ast.FunctionDef) or not fn.name.startswith('test'): continue
            conf = verdict = None
            for node in ast.walk(fn):
                if isinstance(node, ast.Assign) and getattr(node.targets[0], 'id', None) == 'resource_conf':
                    try: conf = ast.literal_eval(node.value)
                    except ValueError: conf = None
                if isinstance(node, ast.Attribute) and getattr(node.value, 'id', None) == 'CheckResult' and node.attr in ('PASSED', 'FAILED'):
                    verdict = 'pass' if node.attr == 'PASSED' else 'fail'
            if conf is None or verdict is None: continue
            pol = conf.get('policy') or conf.get('inline_policy')
            if not pol: continue
            doc = pol[0]
            if isinstance(doc, str):
                try: doc = json.loads(doc)
                except ValueError: continue
            st = doc.get('Statement')
            direct.append({'check': cid, 'file': f'tests/terraform/checks/resource/aws/test_{name}.py', 'line': fn.lineno, 'resource': fn.name, 'checkov': verdict, 'form': 'unit', 'statements': st if isinstance(st, list) else [st]})
    ls = subprocess.run(['git','--git-dir',GIT,'ls-tree','-r','--name-only','HEAD','tests/terraform/checks/resource/aws'],capture_output=True,text=True).stdout.split()
    for name, cid in CHECKS.items():
        test = show(f'tests/terraform/checks/resource/aws/test_{name}.py')
        def names(var):
            m = re.search(var + r'\s*=\s*\{([^}]*)\}', test)
            return set(re.findall(r'["\']([a-z0-9_]+\.[A-Za-z0-9_-]+)["\']', m.group(1))) if m else None
        passing, failing = names('passing_resources'), names('failing_resources')
        files = [p for p in ls if p.startswith(f'tests/terraform/checks/resource/aws/example_{name}/') and p.endswith('.tf')]
        for f in files:
            for rtype, rname, body, line in blocks(show(f)):
                addr = f'{rtype}.{rname}'
                verdict = 'fail' if failing and addr in failing else 'pass' if passing and addr in passing else None
                if verdict is None: continue
                for attr, form, text in policies(body):
                    if attr == 'assume_role_policy' or form in ('string', 'other'): continue  # trusts are the synth's own; none of these checks' examples use another form
                    exprs.append(text if form == 'hcl' else '<<EOT\n' + text + '\nEOT')
                    meta.append({'check': cid, 'file': f, 'line': line, 'resource': addr, 'checkov': verdict, 'form': form})
        inline(name, cid, test)
    d = tempfile.mkdtemp()
    with open(d + '/main.tf', 'w') as out:
        for i, e in enumerate(exprs): out.write(f'output "p{i}" {{\n  value = {e}\n}}\n')
    subprocess.run(['terraform', 'apply', '-auto-approve', '-input=false'], cwd=d, check=True, capture_output=True)
    vals = json.loads(subprocess.run(['terraform', 'output', '-json'], cwd=d, capture_output=True, text=True, check=True).stdout)
    cases = []
    for i, m in enumerate(meta):
        raw = vals[f'p{i}']['value']
        doc = json.loads(re.sub(r',(\s*[\]}])', r'\1', raw))  # checkov's heredocs carry trailing commas (its parser is lenient; IAM is not)
        m['statements'] = doc['Statement'] if isinstance(doc['Statement'], list) else [doc['Statement']]
        cases.append(m)
    cases += direct
    return commit(), cases
