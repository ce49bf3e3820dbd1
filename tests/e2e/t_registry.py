"""What must follow the rule registry (src/rules/registry.c; the checklist
at the top of include/conduct/rules/rule.h). `conduct rules --json` lists
the registered rules; the built-in policy (policy/default.json) must give
settings for exactly those rules, and the policy schema's enum of rule ids
(schemas/policy*.json, under "rules") must name exactly those, both in
registry order. A rule added to the registry but not to them, or left in
them after it was removed, fails here (the README row and the fixtures are
checked by consistency_rules in run.py, the workbook's Rules sheet by
t_workbook.py).

Loaded by run.py (load_test_modules), which provides test, L, check and
fail_if."""

import glob
import json
import os

DEFAULT = os.path.join(L.ROOT, "policy", "default.json")


def registry_ids():
    """The registered rule ids, in registry order."""
    res = L.conduct("rules", "--json")
    check(res.code == 0, "conduct rules --json: %s" % res.describe())
    ids = [r["id"] for r in json.loads(res.out)["rules"]]
    check(len(ids) > 1, "conduct rules --json lists %r" % ids)
    check(len(set(ids)) == len(ids), "a rule id is registered twice: %r" %
          ids)
    return ids


def differences(what, got, want):
    """Problems of the id list got against the registry's want."""
    probs = ["registered rule %s is not in %s" % (r, what)
             for r in want if r not in got]
    probs += ["%s names %s, which is not a registered rule" % (what, r)
              for r in got if r not in want]
    if not probs and list(got) != list(want):
        probs.append("%s lists the rules as %r, the registry as %r "
                     "(keep registry order)" % (what, list(got), want))
    return probs


def rules_enums(node):
    """Every enum of rule ids in a schema: the propertyNames enum of each
    "rules" object, at any depth."""
    found = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "rules" and isinstance(value, dict):
                names = value.get("propertyNames")
                if isinstance(names, dict) and "enum" in names:
                    found.append(names["enum"])
            found += rules_enums(value)
    elif isinstance(node, list):
        for value in node:
            found += rules_enums(value)
    return found


@test
def registry_default_policy(tmp):
    ids = registry_ids()
    with open(DEFAULT, encoding="utf-8") as f:
        doc = json.load(f)
    rules = doc.get("rules")
    check(isinstance(rules, dict), "policy/default.json has no rules object")
    fail_if(differences("policy/default.json", list(rules), ids))


@test
def registry_policy_schema(tmp):
    ids = registry_ids()
    paths = sorted(glob.glob(os.path.join(L.ROOT, "schemas", "policy*.json")))
    check(paths, "no schemas/policy*.json")
    probs = []
    seen = 0
    for path in paths:
        with open(path, encoding="utf-8") as f:
            enums = rules_enums(json.load(f))
        seen += len(enums)
        for enum in enums:
            probs += differences(
                "the rules enum of schemas/%s" % os.path.basename(path),
                enum, ids)
    check(seen, "no rules enum (rules.propertyNames.enum) in %s" %
          ", ".join(os.path.basename(p) for p in paths))
    fail_if(probs)
