"""Stage 2, validate: each file against its schema, then the rules across files.

`validate(root)` checks the whole tree; `validate(root, paths)` checks the
named files with just the context they need (the registry and the other
files of their projects), which keeps a pre-commit run on one report fast.
`root` may be a `SubmissionsTree` holding files in memory (`sctrack import`
checks a report before it is written). Nothing here writes to a file.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from functools import cache, partial
from pathlib import Path
from typing import Any

from site_builder.findings import Finding, at, has_errors
from site_builder.load import periods
from site_builder.load.assemble import build_corpus, build_registry
from site_builder.load.digests import FileDigests, content_digest
from site_builder.load.records import Corpus
from site_builder.load.tree import (
    REGISTRY_SCHEMAS,
    SourceFile,
    SubmissionsTree,
    is_within,
    registry_path,
    sort_out,
)
from site_builder.load.yamlguard import read_checked
from site_builder.load.yamlsafe import Parsed, Positions, parse_text
from site_builder.spec import schema
from site_builder.validate import rules
from site_builder.validate.messages import describe, non_finite
from site_builder.validate.values import bad_values


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


def check_schema(
    name: str, data: dict[str, Any], positions: Positions, display: str
) -> list[Finding]:
    """Schema findings for one parsed file, deduplicated and in file order."""
    findings = non_finite(data, positions, display) + bad_values(data, positions, display)
    if schema.is_valid(name, data) and not findings:
        return []
    for err in schema.full_validator(name).iter_errors(data):
        findings += describe(err, name, data, positions, display)
    # The same finding twice (a key required both by the schema and by its kind's branch)
    # is said once; different findings at one place (several missing sections) all stay.
    return sorted(set(findings))


PARALLEL_FROM = 400  # files; below this, starting worker processes costs more than it saves
CHUNK = 64

# One file's outcome: (path, data if valid, positions, findings).
Checked = tuple[str, dict[str, Any] | None, Positions | None, list[Finding]]
# Outcomes by (path, digest of the text parsed), held by whoever runs validations one after
# another (the pipeline's build session): a file unchanged since the last validation with the
# same memo (the frozen years a build validates again, the next rebuild of `sctrack serve`) is
# not parsed and checked again. A whole-tree validation on disk keeps only its own files in
# it, so a memo never holds more than one tree and the past versions read since.
Memo = dict[tuple[str, bytes], Checked]


def _digest(text: str) -> bytes:
    return content_digest(text.encode("utf-8"))


def check_source(tree: SubmissionsTree, source: SourceFile) -> tuple[Checked, bytes | None]:
    """Parse one file and check it against its schema, with the digest of its text
    (None when it could not be parsed: such files are read again every time)."""
    text, parsed, problems = _parse(tree, source)
    if text is None or parsed is None:
        return (source.display, None, None, problems), None
    if parsed.data is None:
        return (source.display, None, None, list(parsed.findings)), None
    findings = list(parsed.findings)
    findings += check_schema(source.schema, parsed.data, parsed.positions, source.display)
    data = None if has_errors(findings) else parsed.data
    # A file with no finding of its own keeps no positions: the rules across files find
    # something in few files, which are parsed again for theirs (`positions_of`). Sent back
    # from the worker processes, every file's positions were a sixth of a validation's time.
    positions = parsed.positions if findings else None
    return (source.display, data, positions, findings), _digest(text)


def positions_of(tree: SubmissionsTree, source: SourceFile) -> Positions | None:
    """Where each value of a file was written, from the file parsed again."""
    _, parsed, _ = _parse(tree, source)
    return None if parsed is None else parsed.positions


def _parse(
    tree: SubmissionsTree, source: SourceFile
) -> tuple[str | None, Parsed | None, list[Finding]]:
    """A file's text and its parse (a tree in memory holds the text); None for both, and why,
    when the file cannot be read."""
    if source.text is not None:
        return source.text, tree.parse(source), []
    text, problems = read_checked(source.path, source.display)
    if text is None:
        return None, None, problems
    return text, parse_text(text, source.display), []


def _key(source: SourceFile, digests: FileDigests) -> tuple[str, bytes] | None:
    """The memo key of a file as it is now; None when it cannot be read. The digest of the
    bytes is that of the text they decode to (`_digest`); bytes that are not UTF-8 were never
    kept in a memo, so their key finds nothing there. `digests` does not read again a file
    whose signature did not change."""
    if source.text is not None:
        return source.display, _digest(source.text)
    try:
        return source.display, digests.digest(source.path)
    except OSError:
        return None


def _check_files(
    tree: SubmissionsTree,
    sources: list[SourceFile],
    whole_tree: bool,
    memo: Memo,
    digests: FileDigests,
) -> list[Checked]:
    """Each file on its own, so a province's thousands of files use every core; files
    unchanged since the last validation with the same `memo` come from it."""
    keys = {s.display: _key(s, digests) for s in sources} if memo else {}
    known = {d: memo[k] for d, k in keys.items() if k is not None and k in memo}
    outcomes = _check_each(tree, [s for s in sources if s.display not in known])
    fresh: dict[tuple[str, bytes], Checked] = {}
    for checked, digest in outcomes:
        known[checked[0]] = checked
        if digest is not None:
            fresh[(checked[0], digest)] = checked
    _remember(keys, known, fresh, whole_tree, memo)
    return [known[s.display] for s in sources]


def _check_each(
    tree: SubmissionsTree, todo: list[SourceFile]
) -> list[tuple[Checked, bytes | None]]:
    """`check_source` on each file: in this process for a few, in worker processes for many."""
    workers = min(os.cpu_count() or 1, 8)
    check = partial(check_source, tree)
    if len(todo) < PARALLEL_FROM or workers < 2:
        return list(map(check, todo))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(check, todo, chunksize=CHUNK))


def _remember(
    keys: dict[str, tuple[str, bytes] | None],
    known: dict[str, Checked],
    fresh: dict[tuple[str, bytes], Checked],
    whole_tree: bool,
    memo: Memo,
) -> None:
    """Keep the outcomes just computed in `memo`; after a whole tree on disk, forget every file it no
    longer holds, so the memory never outgrows one tree."""
    if whole_tree:
        kept = {k: memo[k] for d, k in keys.items() if d in known and k in memo}
        memo.clear()
        memo.update(kept)
    memo.update(fresh)


# What `discover` returns: the files in the layout, and the findings about the others.
Discovery = tuple[list[SourceFile], list[Finding]]


def _expand(
    tree: SubmissionsTree, paths: list[Path], whole_tree: Callable[[], Discovery]
) -> Discovery:
    """The files named on the command line (folders expanded), classified."""
    sources: list[SourceFile] = []
    findings: list[Finding] = []
    for path in paths:
        path = path if path.is_absolute() else (Path.cwd() / path)
        path = Path(*path.parts)  # normalise without resolving symlinks
        if path.is_dir() and not path.is_symlink():
            everything, discovery_findings = whole_tree()
            inside = [s for s in everything if is_within(s.path, path)]
            sources.extend(inside)
            findings.extend(f for f in discovery_findings if is_within(tree.path(f.path), path))
            continue
        sort_out(tree.classify(path), sources, findings)
    unique = {s.display: s for s in sources}
    return sorted(unique.values(), key=lambda s: s.display), findings


def _context_for(
    tree: SubmissionsTree,
    targets: list[SourceFile],
    whole_tree: Callable[[], Discovery],
) -> tuple[list[SourceFile], bool]:
    """Targets plus what their rules need; the whole tree when the registry changed."""
    if any(s.schema in REGISTRY_SCHEMAS for s in targets):
        return whole_tree()[0], True
    folders = {s.project for s in targets if s.project}
    # Only the registry and the targets' own folders: a province's tree is 10,000 files.
    wanted = {s.display for s in targets}
    extra = [
        s
        for s in tree.discover_projects(folders)
        if s.display not in wanted and (s.project in folders or s.schema in REGISTRY_SCHEMAS)
    ]
    return sorted(targets + extra, key=lambda s: s.display), False


@dataclass
class _Selection:
    """What one validation reads: the files, the findings of finding them, whether every
    project.yaml is among them, and which files' findings are reported (None: all)."""

    sources: list[SourceFile]
    findings: list[Finding]
    all_projects: bool
    reported: set[str] | None = None
    outside: list[Finding] = field(default_factory=list)  # named paths with no place


def _select(tree: SubmissionsTree, paths: list[Path] | None) -> _Selection:
    """The named files with the context their rules need, or the whole tree."""
    if paths:
        whole_tree = cache(tree.discover)
        targets, outside = _expand(tree, paths, whole_tree)
        sources, all_projects = _context_for(tree, targets, whole_tree)
        return _Selection(sources, [], all_projects, {s.display for s in targets}, outside)
    sources, findings = tree.discover()
    if tree.exists() and not any(s.schema == "cities" for s in sources):
        message = "缺少 registry/cities.yaml（各市及审核团队），无法核对项目所在市。"
        findings.append(at(registry_path("cities"), "X018", message))
    return _Selection(sources, findings, all_projects=True)


def _check_all(
    tree: SubmissionsTree,
    sources: list[SourceFile],
    whole_tree: bool,
    memo: Memo,
    digests: FileDigests,
) -> tuple[dict[str, dict[str, Any]], dict[str, Positions], list[Finding]]:
    """Each file against its schema: the valid files' data, every file's positions, findings."""
    valid: dict[str, dict[str, Any]] = {}
    positions: dict[str, Positions] = {}
    findings: list[Finding] = []
    for display, data, file_positions, file_findings in _check_files(
        tree, sources, whole_tree, memo, digests
    ):
        if file_positions is not None:
            positions[display] = file_positions
        if data is not None:
            valid[display] = data
        findings.extend(file_findings)
    return valid, positions, findings


def _rules_context(
    tree: SubmissionsTree,
    chosen: _Selection,
    valid: dict[str, dict[str, Any]],
    positions: dict[str, Positions],
    today: date,
) -> rules.Context:
    """The corpus of the valid files, and what the rules across files read besides."""
    sources = chosen.sources
    by_display = {s.display: s for s in sources}
    registry_data = {
        s.schema: valid.get(s.display) for s in sources if s.schema in REGISTRY_SCHEMAS
    }
    registry = build_registry(registry_data)
    corpus = build_corpus(
        tree.root, registry, [(s, valid[s.display]) for s in sources if s.display in valid]
    )
    return rules.Context(
        corpus=corpus,
        sources=[s for s in sources if s.display in valid],
        data=valid,
        positions=positions,
        parse_positions=lambda d: positions_of(tree, by_display[d]) if d in by_display else None,
        today=today,
        registry_loaded=registry_data.get("cities") is not None,
        all_projects_loaded=chosen.all_projects,
    )


def validate(
    root: Path | SubmissionsTree,
    paths: list[Path] | None = None,
    today: date | None = None,
    cross_file: bool = True,
    memo: Memo | None = None,
    digests: FileDigests | None = None,
) -> Result:
    """Validate the tree under `root` (or only `paths`, with their context).

    Without `cross_file` only each file's own checks run: enough for the corpus, which
    holds every file that passes its schema whatever the rules across files find. `memo`
    (a build session's) keeps each file's outcome for the next validation with it, and
    `digests` (the session's too) the digests of the files on disk that make its keys.
    """
    tree = (root if isinstance(root, SubmissionsTree) else SubmissionsTree(root)).absolute()
    today = today or periods.today(tree.root)
    chosen = _select(tree, paths)
    whole_tree = not paths and tree.on_disk and not tree.overlay
    memo = {} if memo is None else memo
    digests = FileDigests() if digests is None else digests
    valid, positions, file_findings = _check_all(tree, chosen.sources, whole_tree, memo, digests)
    findings = chosen.findings + file_findings
    ctx = _rules_context(tree, chosen, valid, positions, today)
    if cross_file:
        findings.extend(rules.check(ctx))
    if chosen.reported is None:
        return Result(ctx.corpus, sorted(set(findings)), len(chosen.sources))
    findings = [f for f in findings if f.path in chosen.reported] + chosen.outside
    return Result(ctx.corpus, sorted(set(findings)), len(chosen.reported))
