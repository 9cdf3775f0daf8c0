"""Stage 2, validate: each file against its schema, then the rules across files.

`validate(root)` checks the whole tree; `validate(root, paths)` checks the
named files with just the context they need (the registry and the other
files of their projects), which keeps a pre-commit run on one report fast.
Nothing here writes to a file.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from . import periods, rules, schema
from .findings import Finding, at, has_errors
from .load import SUBMISSIONS, SourceFile, build_corpus, build_registry, classify, discover, parse
from .messages import describe, non_finite
from .model import Corpus
from .yamlsafe import Positions


@dataclass
class Result:
    corpus: Corpus
    findings: list[Finding]
    files: int  # how many files were checked

    @property
    def ok(self) -> bool:
        return not has_errors(self.findings)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if not f.is_error]


def check_schema(name: str, data: dict, positions: Positions, display: str) -> list[Finding]:
    """Schema findings for one parsed file, deduplicated and in file order."""
    findings = non_finite(data, positions, display)
    if schema.is_valid(name, data) and not findings:
        return []
    seen = set()
    for err in schema.full_validator(name).iter_errors(data):
        for finding in describe(err, name, data, positions, display):
            key = (finding.line, finding.col, finding.code)
            if key not in seen:
                seen.add(key)
                findings.append(finding)
    return sorted(findings)


def _expand(root: Path, paths: list[Path]) -> tuple[list[SourceFile], list[Finding]]:
    """The files named on the command line (folders expanded), classified."""
    sources, findings = [], []
    everything, discovery_findings = discover(root)
    for path in paths:
        path = path if path.is_absolute() else (Path.cwd() / path)
        path = Path(*path.parts)  # normalise without resolving symlinks
        if path.is_dir() and not path.is_symlink():
            inside = [s for s in everything if _is_within(s.path, path)]
            sources.extend(inside)
            findings.extend(f for f in discovery_findings if _is_within(root / f.path, path))
            continue
        result = classify(root, path)
        (sources if isinstance(result, SourceFile) else findings).append(result)
    unique = {s.display: s for s in sources}
    return sorted(unique.values(), key=lambda s: s.display), findings


def _is_within(path: Path, folder: Path) -> bool:
    try:
        path.absolute().relative_to(folder.absolute())
    except ValueError:
        return False
    return True


def _context_for(root: Path, targets: list[SourceFile]) -> tuple[list[SourceFile], bool]:
    """Targets plus what their rules need; the whole tree when the registry changed."""
    everything, _ = discover(root)
    if any(s.schema in ("cities", "policy", "adjustments") for s in targets):
        return everything, True
    folders = {s.project for s in targets if s.project}
    wanted = {s.display for s in targets}
    extra = [
        s
        for s in everything
        if s.display not in wanted
        and (s.project in folders or s.schema in ("cities", "policy", "adjustments"))
    ]
    return sorted(targets + extra, key=lambda s: s.display), False


def validate(root: Path, paths: list[Path] | None = None, today: date | None = None) -> Result:
    """Validate the tree under `root` (or only `paths`, with their context)."""
    root = root.absolute()
    today = today or periods.today()
    outside: list[Finding] = []  # named paths that have no place in the layout
    if paths:
        targets, outside = _expand(root, paths)
        findings = []
        sources, all_projects = _context_for(root, targets)
        reported = {s.display for s in targets}
    else:
        sources, findings = discover(root)
        all_projects = True
        reported = None
        if (root / SUBMISSIONS).is_dir() and not any(s.schema == "cities" for s in sources):
            findings.append(
                at(
                    f"{SUBMISSIONS}/registry/cities.yaml",
                    "X018",
                    "缺少 registry/cities.yaml（各市及审核团队），无法核对项目所在市。",
                )
            )

    valid: dict[str, dict] = {}
    positions: dict[str, Positions] = {}
    for source in sources:
        parsed = parse(source)
        file_findings = list(parsed.findings)
        if parsed.data is not None:
            positions[source.display] = parsed.positions
            file_findings += check_schema(
                source.schema, parsed.data, parsed.positions, source.display
            )
            if not has_errors(file_findings):
                valid[source.display] = parsed.data
        findings.extend(file_findings)

    registry_data = {
        s.schema: valid.get(s.display)
        for s in sources
        if s.schema in ("cities", "policy", "adjustments")
    }
    registry = build_registry(registry_data)
    corpus = build_corpus(
        root, registry, [(s, valid[s.display]) for s in sources if s.display in valid]
    )
    ctx = rules.Context(
        corpus=corpus,
        sources=[s for s in sources if s.display in valid],
        data=valid,
        positions=positions,
        today=today,
        registry_loaded=registry_data.get("cities") is not None,
        all_projects_loaded=all_projects,
    )
    findings.extend(rules.check(ctx))
    if reported is not None:
        findings = [f for f in findings if f.path in reported] + outside
    return Result(
        corpus, sorted(set(findings)), len(reported) if reported is not None else len(sources)
    )
