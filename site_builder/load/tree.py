"""Stage 1, load: the `submissions/` tree, the one place that knows its layout.

The layout is fixed (DESIGN section 3):

    submissions/registry/{cities,policy,adjustments}.yaml
    submissions/projects/<project-id>/project.yaml
    submissions/projects/<project-id>/<YYYY>-Q<n>.yaml
    submissions/projects/<project-id>/<YYYY>-annual.yaml

The module-level functions answer layout questions about repository-relative
paths (what git reports, what messages show); `SubmissionsTree` answers them for
a folder on disk, optionally with files held in memory laid over it, so that a
report can be validated before it is written. Anything else under
`submissions/` is reported, and symlinks are refused without being followed,
so nothing outside the repository is ever read.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from site_builder.findings import Finding, at
from site_builder.load.periods import Period, ascii_lookalike, parse_stem
from site_builder.load.yamlguard import MAX_BYTES
from site_builder.load.yamlsafe import Parsed, Positions, parse_file, parse_text

SUBMISSIONS = "submissions"
REGISTRY = f"{SUBMISSIONS}/registry"
PROJECTS = f"{SUBMISSIONS}/projects"
PROJECT_FILE = "project.yaml"
REGISTRY_FILES = {
    "cities.yaml": "cities",
    "policy.yaml": "policy",
    "adjustments.yaml": "adjustments",
}
REGISTRY_SCHEMAS = frozenset(REGISTRY_FILES.values())


# --- the layout of repository-relative paths ------------------------------------------


def registry_path(schema: str) -> str:
    """`submissions/registry/cities.yaml` for the schema name `cities`."""
    name = next(n for n, s in REGISTRY_FILES.items() if s == schema)
    return f"{REGISTRY}/{name}"


def project_folder_path(project_id: str) -> str:
    return f"{PROJECTS}/{project_id}"


def project_file_path(project_id: str) -> str:
    return f"{PROJECTS}/{project_id}/{PROJECT_FILE}"


def report_file_name(period: Period) -> str:
    """`2021-Q3.yaml` for a quarter, `2021-annual.yaml` for a year."""
    return f"{period.stem}.yaml"


def report_path(project_id: str, period: Period) -> str:
    return f"{PROJECTS}/{project_id}/{report_file_name(period)}"


def period_of(name: str) -> Period | None:
    """The period a report file name stands for; None when the name is not a report's."""
    if not name.endswith(".yaml"):
        return None
    return parse_stem(name.removesuffix(".yaml"))


def report_schema(period: Period) -> str:
    return "annual-report" if period.is_annual else "quarterly-report"


def schema_comment(schema: str) -> str:
    """The first line of a report file: tells editors which schema to complete it from
    (the path climbs from `submissions/projects/<id>/` to the package's schemas)."""
    return (
        f"# yaml-language-server: $schema=../../../site_builder/spec/schemas/{schema}.schema.json"
    )


def in_submissions(path: str) -> bool:
    return path.startswith(f"{SUBMISSIONS}/")


def in_registry(path: str) -> bool:
    return path.startswith(f"{REGISTRY}/")


def project_entry(path: str) -> tuple[str, str] | None:
    """(project folder, file name) for a file directly inside a project folder, else None."""
    parts = path.split("/")
    if len(parts) == 4 and "/".join(parts[:2]) == PROJECTS and parts[2] and parts[3]:
        return parts[2], parts[3]
    return None


@dataclass(frozen=True)
class SourceFile:
    """One file of the tree and what its place in the layout says it is."""

    path: Path
    display: str  # relative to the root, forward slashes: what messages show
    schema: str  # schema name: project, quarterly-report, annual-report, cities, ...
    project: str | None = None  # the folder a project file sits in
    period: Period | None = None
    # The file's content when it is held in memory rather than read from `path`.
    text: str | None = field(default=None, compare=False, repr=False)


def place(display: str) -> tuple[str, str | None, Period | None] | Finding:
    """(schema, project, period) of a repository-relative path, or the finding that
    says it has no place in the layout."""
    parts = display.split("/")
    if len(parts) == 3 and in_registry(display) and parts[2] in REGISTRY_FILES:
        return REGISTRY_FILES[parts[2]], None, None
    entry = project_entry(display)
    if entry is not None:
        folder, name = entry
        if name == PROJECT_FILE:
            return "project", folder, None
        period = period_of(name)
        if period is not None:
            return report_schema(period), folder, period
        lookalike = ascii_lookalike(name.removesuffix(".yaml"))
        if lookalike is not None and name.endswith(".yaml"):
            return at(
                display,
                "X002",
                f"文件名“{name}”中的数字或字母不是半角（ASCII）字符，会被误认作另一份报告。"
                f"请改名为 {report_file_name(lookalike)}。",
            )
        return at(
            display,
            "X002",
            f"项目文件夹中只能有 project.yaml 和按报告期命名的报告，例如 2021-Q3.yaml（季报）或 "
            f"2021-annual.yaml（年度总结）。“{name}”不符合命名规则，请改名或删除。",
        )
    if in_registry(display):
        return at(
            display, "X002", "registry/ 中只能有 cities.yaml、policy.yaml 和 adjustments.yaml。"
        )
    return at(
        display,
        "X002",
        "submissions/ 中的文件只能放在 registry/ 或 projects/<项目编号>/ 下（见填报指南）。",
    )


# --- a tree on disk, with files held in memory laid over it ---------------------------


def _symlink_finding(display: str) -> Finding:
    return at(
        display,
        "L001",
        "这是一个符号链接。报送目录中不允许符号链接（可能把仓库外的文件带进站点），请放入文件本身。",
    )


def _parse_in_memory(text: str, display: str) -> Parsed:
    """Text held in memory, under the same size limit as a file read from disk."""
    size = len(text.encode("utf-8"))
    if size > MAX_BYTES:
        message = (
            f"内容有 {size / 1_000_000:.1f} MB，超过 {MAX_BYTES // 1_000_000} MB 上限。"
            "报告应是纯文本，图片等附件不要放进来。"
        )
        return Parsed(None, Positions(), [at(display, "L002", message)])
    return parse_text(text, display)


class SubmissionsTree:
    """The `submissions/` folder under a repository root, as the layout sees it.

    `overlay` maps repository-relative paths to text held in memory: those files
    are read from memory instead of disk (whether or not they exist there), so
    `validate` can judge a report that has not been written yet. With `on_disk`
    False the tree is the overlay alone (the files of a past commit, `as_of`):
    nothing on disk is read.
    """

    def __init__(self, root: Path, overlay: Mapping[str, str] | None = None, on_disk: bool = True):
        self.root = Path(root)  # as given, so paths print as the user wrote the root
        self.overlay: dict[str, str] = dict(overlay or {})
        self.on_disk = on_disk

    @classmethod
    def in_memory(cls, root: Path, files: Mapping[str, str]) -> SubmissionsTree:
        """A tree made only of `files` (repository-relative path -> text), e.g. a commit's."""
        return cls(root, files, on_disk=False)

    def absolute(self) -> SubmissionsTree:
        """The same tree rooted at an absolute path (to compare paths named on a command line)."""
        return SubmissionsTree(self.root.absolute(), self.overlay, self.on_disk)

    def with_file(self, path: str | Path, text: str) -> SubmissionsTree:
        """The same tree with one more file held in memory (`path` absolute or relative)."""
        display = self.display(Path(path)) if Path(path).is_absolute() else Path(path).as_posix()
        return SubmissionsTree(self.root, {**self.overlay, display: text}, self.on_disk)

    # paths

    @property
    def folder(self) -> Path:
        return self.root / SUBMISSIONS

    def exists(self) -> bool:
        if not self.on_disk:
            return any(in_submissions(p) for p in self.overlay)
        return self.folder.is_dir()

    def path(self, display: str) -> Path:
        return self.root / display

    def display(self, path: Path) -> str:
        """The path as messages show it: relative to the root, forward slashes."""
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    def registry_file(self, schema: str) -> Path:
        return self.path(registry_path(schema))

    def project_folder(self, project_id: str) -> Path:
        return self.path(project_folder_path(project_id))

    def project_file(self, project_id: str) -> Path:
        return self.path(project_file_path(project_id))

    def report_file(self, project_id: str, period: Period) -> Path:
        return self.path(report_path(project_id, period))

    def project_ids(self) -> list[str]:
        """The project folders on disk, sorted."""
        if not self.on_disk:
            return sorted({entry[0] for p in self.overlay if (entry := project_entry(p))})
        folder = self.path(PROJECTS)
        if not folder.is_dir():
            return []
        # A symlinked folder is never a project (the loader refuses links).
        return sorted(
            entry.name for entry in folder.iterdir() if entry.is_dir() and not entry.is_symlink()
        )

    # files

    def has_file(self, path: Path) -> bool:
        return self.display(path) in self.overlay or (self.on_disk and path.is_file())

    def classify(self, path: Path) -> SourceFile | Finding:
        """What a path is in the layout, or the finding that says it has no place there."""
        return self._classify(path, self.display(path))

    def _classify(self, path: Path, display: str) -> SourceFile | Finding:
        """`classify` with the path's display already known."""
        result = place(display)
        if isinstance(result, Finding):
            return result
        schema, project, period = result
        return SourceFile(path, display, schema, project, period, self.overlay.get(display))

    def parse(self, source: SourceFile) -> Parsed:
        """A file's data, from memory when the tree holds it there, else from disk."""
        if source.text is not None:
            return _parse_in_memory(source.text, source.display)
        return parse_file(source.path, source.display)

    def read(self, path: Path) -> Parsed | None:
        """The parsed file at `path`; None when there is no such file."""
        if not self.has_file(path):
            return None
        result = self.classify(path)
        if isinstance(result, SourceFile):
            return self.parse(result)
        return parse_file(path, self.display(path))

    def discover(self, folders: list[Path] | None = None) -> tuple[list[SourceFile], list[Finding]]:
        """Every file under `submissions/` (or only under `folders`), in a stable order,
        without following symlinks; files held in memory take the place of those on disk."""
        if not self.exists():
            message = f"找不到 {SUBMISSIONS}/ 文件夹。请在仓库根目录运行，或用 --root 指定。"
            return [], [at(SUBMISSIONS, "X002", message)]
        tops = [self.folder] if folders is None else folders
        found = [*self._on_disk(tops), *self._in_memory(tops)]
        sources = sorted((r for r in found if isinstance(r, SourceFile)), key=lambda s: s.display)
        return sources, [r for r in found if isinstance(r, Finding)]

    def _on_disk(self, tops: list[Path]) -> Iterator[SourceFile | Finding]:
        """The files under `tops` on disk, each in its place or with the finding that it has
        none; folders walked with a stack, each in name order. Paths and displays are joined
        as strings: a province's tree is 10,000 files, and `Path.relative_to` for each was
        most of the time a rebuild spent finding them."""
        stack = [
            (str(f), self._display_prefix(f))
            for f in tops
            if self.on_disk and f.is_dir() and not f.is_symlink()
        ]
        while stack:
            folder, prefix = stack.pop()
            with os.scandir(folder) as entries:
                for entry in sorted(entries, key=lambda e: e.name):
                    display = prefix + entry.name
                    if display in self.overlay:
                        continue  # read from memory by `discover`
                    if entry.is_dir(follow_symlinks=False):
                        stack.append((entry.path, display + "/"))
                    else:
                        yield from self._disk_file(entry, display)

    def _in_memory(self, tops: list[Path]) -> Iterator[SourceFile | Finding]:
        """The files held in memory under `tops`, compared as display strings: a past year's
        tree is thousands of files, and `is_within` on each took a second."""
        prefixes = [self._display_prefix(top) for top in tops]
        for display in self.overlay:
            if any(display.startswith(prefix) for prefix in prefixes):
                yield self._classify(self.path(display), display)

    def _display_prefix(self, folder: Path) -> str:
        """What the display of a file in `folder` starts with ("" for the root itself; for a
        folder outside the tree its absolute path, as `display` shows such a file)."""
        try:
            shown = folder.absolute().relative_to(self.root.absolute()).as_posix()
        except ValueError:
            shown = folder.absolute().as_posix()
        return "" if shown == "." else shown.rstrip("/") + "/"

    def _disk_file(self, entry: os.DirEntry[str], display: str) -> Iterator[SourceFile | Finding]:
        """A symlink is named and never followed; what is not a regular file (a socket, a
        pipe) is passed over (`is_file` without following links: the file type the folder's
        listing gave, or `lstat`'s when it gave none)."""
        if entry.is_symlink():
            yield _symlink_finding(display)
        elif entry.is_file(follow_symlinks=False):
            yield self._classify(Path(entry.path), display)

    def discover_projects(self, project_ids: set[str]) -> list[SourceFile]:
        """The registry and the named project folders: what rules on those projects need."""
        folders = [self.path(REGISTRY), *(self.project_folder(p) for p in sorted(project_ids))]
        return self.discover(folders)[0]


def sort_out(
    result: SourceFile | Finding, sources: list[SourceFile], findings: list[Finding]
) -> None:
    """A classified path onto its list: a file to read, or the finding that says why not."""
    if isinstance(result, SourceFile):
        sources.append(result)
    else:
        findings.append(result)


def is_within(path: Path, folder: Path) -> bool:
    """Whether `path` lies under `folder`, compared without resolving symlinks."""
    try:
        path.absolute().relative_to(folder.absolute())
    except ValueError:
        return False
    return True
