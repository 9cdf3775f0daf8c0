"""A build session: every cache one run of the pipeline keeps, instead of module state.

One is made per run; `sctrack serve` keeps one between its runs, so a rebuild after a save
checks again only the files that changed, reads no frozen year and no history at the same
commit a second time, computes no released year's aggregates again, and writes again only
the workbooks and renders only the cases' Markdown that changed. Nothing
is kept anywhere else: a module holds no state (`tests/e2e/test_layout.py` checks it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from site_builder.analyse.analysis import ReleasedMemo
from site_builder.analyse.releases import Released
from site_builder.load.digests import FileDigests
from site_builder.load.records import Corpus
from site_builder.present.markup import RenderedMarkdown
from site_builder.review.frozen import year_corpus_at
from site_builder.review.history import HistoryMemo
from site_builder.site.downloads import XlsxMemo
from site_builder.validate.run import Memo


@dataclass
class BuildSession:
    # Validation outcomes by (path, digest of the text): an unchanged file is not checked again.
    validated: Memo = field(default_factory=dict)
    # The content digest of each file on disk read, by its stat signature (`load.digests`):
    # the validation's memo keys and the inputs' fingerprint read again only changed files.
    files: FileDigests = field(default_factory=FileDigests)
    # Each closed year's corpus as it stood at the commit of its release, by (root, commit, year):
    # a commit's files never change, so a frozen year is read from git and validated once.
    frozen: dict[tuple[str, str, int], Corpus] = field(default_factory=dict)
    # git's answers about the history at the commit HEAD resolves to (`review.history`): a
    # rebuild with no new commit runs no `git log`.
    histories: HistoryMemo = field(default_factory=dict)
    # Each closed year's released enterprise aggregates, by its release commit, year and
    # thresholds (`analyse.releases`): computed once from a frozen corpus that never changes.
    released: ReleasedMemo = field(default_factory=dict)
    # The released aggregates of the last build, by the releases planned and the policy
    # (`pipeline.analysis`): with no new release, no closed year is read or aggregated again.
    releases: dict[str, Released] = field(default_factory=dict)
    # The download workbooks of the last build, by what their tables hold (`site.downloads`):
    # Excel files take seconds to write, and a save changes one table or none.
    workbooks: XlsxMemo = field(default_factory=dict)
    # Submitters' Markdown (the cases' texts) rendered to HTML, by its text: a save changes one.
    markdown: RenderedMarkdown = field(default_factory=dict)

    def year_corpus_at(self, root: Path, commit: str, year: int) -> Corpus:
        """`year`'s frozen corpus at `commit` (`review.frozen`), read on first use."""
        key = (str(root), commit, year)
        if key not in self.frozen:
            self.frozen[key] = year_corpus_at(root, commit, year, self.validated)
        return self.frozen[key]
