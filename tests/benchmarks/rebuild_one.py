"""`rebuild_one_changed_s`: one report edited, the public site made again as `sctrack serve` does.

    python tests/benchmarks/rebuild_one.py ROOT [--engine mkdocs|zensical]

Generates ROOT's public build folder once in this process (what `sctrack serve`
does when it starts) and builds it once with the build cache (what the last
`sctrack build` leaves in build/.cache/public), adds a sentence to one report (in a
case for publication, the report text the public site shows), then times a rebuild:
`generate` again in the same process, and the engine's strict build with that cache
(MkDocs renders only the pages whose Markdown changed, `site/mkdocs_incremental.py`;
the search index stays whole). `--complete` builds every page instead, as before the
cache. Checks that the new sentence is in the search index. Prints one JSON object:
seconds, generate_s, engine_s, the file edited, in_search_index.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from site_builder.pipeline.build import generate  # noqa: E402
from site_builder.pipeline.session import BuildSession  # noqa: E402
from site_builder.site import engines  # noqa: E402
from site_builder.site.build import default_build_dir  # noqa: E402
from site_builder.site.incremental import open_cache  # noqa: E402

MARKER = "本期新增基准测试标记句"


def edited_report(root: Path) -> Path:
    """The first report with a practice case for publication, with MARKER added to that case:
    the public site shows report text only in published cases."""
    for report in sorted((root / "submissions" / "projects").glob("*/*.yaml")):
        lines = report.read_text(encoding="utf-8").splitlines(keepends=True)
        if "  public: true\n" not in lines:
            continue
        end = lines.index("  public: true\n")
        start = max(i for i in range(end) if lines[i].startswith("- title:"))
        number = next(i for i in range(start, end) if "。" in lines[i])
        lines[number] = lines[number].replace("。", "。" + MARKER + "。", 1)
        report.write_text("".join(lines), encoding="utf-8")
        return report
    raise SystemExit("no report has a case for publication")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--engine", default=engines.DEFAULT_ENGINE, choices=sorted(engines.ENGINES))
    parser.add_argument("--complete", action="store_true", help="no build cache for the engine")
    args = parser.parse_args(argv)
    root = args.root.absolute()
    chosen = engines.engine(args.engine)
    build_dir = default_build_dir(root, "public")
    (build_dir / ".inputs").unlink(missing_ok=True)  # serve's start really generates
    session = BuildSession()  # kept between the two, as `sctrack serve` keeps it
    generated = generate(root, "public", build_dir, session=session)
    cache = None if args.complete else open_cache(root, build_dir)
    site = root / "site-rebuild-one"
    shutil.rmtree(site, ignore_errors=True)
    if engines.run_build(chosen, generated.config_file, site, cache):
        return 1

    report = edited_report(root)
    start = time.perf_counter()
    generated = generate(root, "public", build_dir, session=session)
    generate_s = time.perf_counter() - start
    shutil.rmtree(site, ignore_errors=True)
    failure = engines.run_build(chosen, generated.config_file, site, cache)
    seconds = time.perf_counter() - start
    if failure:
        print(failure, file=sys.stderr)
        return 1
    index = json.loads((site / chosen.search_index).read_text(encoding="utf-8"))
    # MkDocs' index puts zero-width spaces between the words jieba finds.
    found = MARKER in json.dumps(index, ensure_ascii=False).replace("\u200b", "")
    shutil.rmtree(site, ignore_errors=True)
    result = {
        "seconds": round(seconds, 3),
        "generate_s": round(generate_s, 3),
        "engine_s": round(seconds - generate_s, 3),
        "file": report.relative_to(root).as_posix(),
        "in_search_index": found,
    }
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
