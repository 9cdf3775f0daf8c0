"""The site engines that turn a generated build folder into a site: MkDocs and Zensical.

Both read the same folder (`mkdocs.yml`, `docs/`, `overrides/`) as it is. MkDocs
(with mkdocs-material) is the default; Zensical, the successor of Material for
MkDocs by the same team, is optional (`pip install -e ".[zensical]"`). Each runs in
a process of its own, so the generation step's data is not carried into its peak.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from site_builder.errors import UsageError
from site_builder.site.incremental import link_tree

# What jieba prints on stderr while it loads its dictionary: not news when MkDocs fails.
JIEBA_CHATTER = ("Building prefix dict", "Loading model", "Dumping model", "Prefix dict")


@dataclass(frozen=True)
class Engine:
    name: str
    label: str  # how messages name it
    module: str  # what `python -m` runs, and what must be importable
    extra: str  # the pyproject extra that installs it
    # Where its search index lands in the site, relative to the site folder.
    search_index: str
    # Whether it takes the output folder on the command line (`-d`); otherwise it
    # writes to the config's `site_dir` (`site`, beside mkdocs.yml) and the site is moved.
    takes_site_dir: bool

    def installed(self) -> bool:
        return importlib.util.find_spec(self.module) is not None


ENGINES = {
    "mkdocs": Engine("mkdocs", "MkDocs", "mkdocs", "site", "search/search_index.json", True),
    "zensical": Engine("zensical", "Zensical", "zensical", "zensical", "search.json", False),
}
DEFAULT_ENGINE = "mkdocs"


def engine(name: str) -> Engine:
    """The engine called `name`; a UsageError saying how to install it when it is not."""
    chosen = ENGINES[name]
    if not chosen.installed():
        raise UsageError(
            f"未安装 {chosen.label}。请在仓库文件夹中运行 "
            f'pip install -e ".[{chosen.extra}]" 后重试，或不加 --engine 使用默认的 MkDocs。'
        )
    return chosen


def build_command(chosen: Engine, config_file: Path, site_dir: Path) -> list[str]:
    """The strict build of the folder of `config_file`; see `output_folder` for where it lands."""
    command = [sys.executable, "-m", chosen.module, "build", "--strict", "-f", str(config_file)]
    return command + (["-d", str(site_dir)] if chosen.takes_site_dir else [])


def output_folder(chosen: Engine, config_file: Path, site_dir: Path) -> Path:
    """Where `build_command` writes the site."""
    return site_dir if chosen.takes_site_dir else config_file.parent / "site"


def run_build(
    chosen: Engine, config_file: Path, site_dir: Path, cache: Path | None = None
) -> str | None:
    """Build the site into `site_dir`; None when it worked, else the engine's complaints.

    With a `cache` folder MkDocs builds into the cache's copy of the last site, rendering
    only the pages that changed (`mkdocs_incremental`), and `site_dir` is linked to it.
    """
    environment = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    incremental = cache is not None and chosen.name == "mkdocs"
    command = build_command(chosen, config_file, site_dir)
    if cache is not None and incremental:
        command = [sys.executable, "-m", "site_builder.site.mkdocs_incremental",
                   str(config_file), str(cache / "site"), str(cache / "engine.json")]  # fmt: skip
    completed = subprocess.run(
        command,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        env=environment,
    )
    if completed.returncode != 0:
        output = "\n".join(
            line
            for line in (completed.stdout + completed.stderr).splitlines()
            if line.strip() and not line.startswith(("INFO", *JIEBA_CHATTER))
        )
        return f"{chosen.label} 构建失败（退出码 {completed.returncode}）：\n{output.strip()}"
    if cache is not None and incremental:
        link_tree(cache / "site", site_dir)
        return None
    built = output_folder(chosen, config_file, site_dir)
    if built != site_dir:
        shutil.move(built, site_dir)
    return None


def serve(chosen: Engine, config_file: Path, dev_addr: str) -> None:
    """The engine's live preview of the folder; returns when it stops (Ctrl+C)."""
    if chosen.name == "mkdocs":
        from mkdocs.commands.serve import serve as mkdocs_serve

        mkdocs_serve(config_file=str(config_file), livereload=True, dev_addr=dev_addr)
        return
    command = [sys.executable, "-m", chosen.module, "serve", "-f", str(config_file)]
    with contextlib.suppress(KeyboardInterrupt):  # Ctrl+C stops the preview, as with MkDocs
        subprocess.run([*command, "-a", dev_addr], check=False)
