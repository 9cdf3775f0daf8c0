"""Province-scale benchmark: what validate and build cost against their floors and peers.

    python tests/benchmarks/bench.py [--projects 500] [--small 100] [--keep DIR]
                                     [--seed 1] [--repeat 2] [--no-history]

Generates a synthetic province (tests/benchmarks/synth.py) of N projects, and
one of M projects for the growth figures, then measures on that same data:

  parse_floor_s         read + parse every YAML file with yaml.CSafeLoader, nothing else
  validate_s            `sctrack validate --root DIR` in a subprocess (imports count)
  validate_inprocess_s  the pipeline's validation (pipeline.analysis.validated) in this process
  check_jsonschema_s    check-jsonschema --schemafile quarterly-report.schema.json on 1,000
                        quarterly files, against
  validate_1000_s       `sctrack validate FILES...` on the same files (path mode)
  build_public_s        `sctrack build --audience public` from scratch (no chart cache)
  rebuild_unchanged_s   the same build again with nothing changed
  mkdocs_plain_s        plain `mkdocs build` of the generated build/public folder (the floor)
  zensical_plain_s      plain `zensical build` of the same folder (when Zensical is installed)
  rebuild_one_changed_s one report edited, then what `sctrack serve` does on the save: generate
                        again in the same process + a complete strict MkDocs build
                        (tests/benchmarks/rebuild_one.py; checks the search index has the edit)
  rebuild_one_complete_s the same with every page built (no build cache), as before issue 26
  rebuild_one_zensical_s the same with Zensical as the engine (when installed)
  build_internal_s      `sctrack build --audience internal` from scratch
  demo_fresh_clone_s    `sctrack demo` in a fresh `git clone` of this repository (its HEAD)
  site_mb_small / site_mb_large, build_s_small, growth ratios, search_index_mb_public,
  peak_rss_mb           largest resident set of any process of the build runs

One line per figure (with its ratio and target where there is one), then one
JSON object with everything as the last line. Commands run as
`python -m site_builder` / `python -m mkdocs` with this interpreter, so a shell
shim (pyenv, pipx) adds nothing. MB = 10^6 bytes. SCTRACK_TODAY=2024-06-30.
The parse, validate and check-jsonschema figures are the fastest of --repeat
runs (the data is synced to disk first); each build runs once.
The exit status is 0 when every command ran, whether or not the targets hold.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO))

import synth  # noqa: E402

TODAY = "2024-06-30"
QUARTERLY_SAMPLE = 1000
ENV = {**os.environ, "SCTRACK_TODAY": TODAY, "PYTHONIOENCODING": "utf-8"}
MB = 1_000_000


class CommandFailed(RuntimeError):
    pass


@dataclass
class Ran:
    """One command's outcome. Unpacks as (seconds, peak RSS MB, output, exit code)."""

    seconds: float
    rss: float | None
    text: str
    code: int
    cpu: float | None  # user + system seconds of the process and the descendants it waited for

    def __iter__(self):
        return iter((self.seconds, self.rss, self.text, self.code))


def run(cmd: list[str], cwd: Path | None = None, ok=(0,), env: dict | None = None) -> Ran:
    """Run a command; return its seconds, peak RSS in MB of its process tree, output, exit code
    and CPU seconds.

    The peak is the largest resident set of the child or any descendant it waited
    for (os.wait4 rusage), not their sum. The CPU time counts the same processes; on a
    shared machine it varies far less than the wall-clock time.
    """
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env or ENV, stdout=out, stderr=subprocess.STDOUT)
        rss = cpu = None
        if hasattr(os, "wait4"):
            _, status, usage = os.wait4(proc.pid, 0)
            proc.returncode = os.waitstatus_to_exitcode(status)
            scale = 1 if sys.platform == "darwin" else 1024  # bytes on macOS, KiB on Linux
            rss = usage.ru_maxrss * scale / MB
            cpu = usage.ru_utime + usage.ru_stime
        else:
            proc.wait()
        seconds = time.perf_counter() - start
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    if ok is not None and proc.returncode not in ok:
        shown = " ".join(cmd[:6]) + (" ..." if len(cmd) > 6 else "")
        raise CommandFailed(f"{shown} exited {proc.returncode}:\n{text[-4000:]}")
    return Ran(seconds, rss, text, proc.returncode, cpu)


def sctrack(*args: str) -> list[str]:
    return [sys.executable, "-m", "site_builder", *args]


def tree_bytes(folder: Path) -> int:
    total = 0
    for base, _, names in os.walk(folder):
        for name in names:
            total += os.path.getsize(os.path.join(base, name))
    return total


def yaml_files(root: Path) -> list[Path]:
    return sorted((root / "submissions").rglob("*.yaml"))


def parse_floor(files: list[Path]) -> tuple[float, float]:
    """(seconds, CPU seconds) to read and parse every file, nothing else."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    start, cpu = time.perf_counter(), time.process_time()
    for path in files:
        yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    return time.perf_counter() - start, time.process_time() - cpu


def machine() -> dict:
    info = {
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
    }
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                info["mem_gb"] = round(int(line.split()[1]) / 1024 / 1024, 1)
                break
    except OSError:
        pass
    try:
        from importlib.metadata import PackageNotFoundError, version

        import yaml

        info["versions"] = {}
        for name in ("mkdocs", "mkdocs-material", "pyyaml", "jieba", "zensical"):
            with contextlib.suppress(PackageNotFoundError):
                info["versions"][name] = version(name)
        info["libyaml"] = bool(getattr(yaml, "__with_libyaml__", False))
    except Exception:  # noqa: BLE001 - informational only
        pass
    return info


class Report:
    def __init__(self):
        self.figures: dict = {}
        self.ratios: dict = {}

    def figure(
        self, name: str, value, unit: str = "s", note: str = "", cpu: float | None = None
    ) -> None:
        """One line; `cpu` (CPU seconds of the run) is shown and kept as `<name>_cpu`."""
        self.figures[name] = round(value, 3) if isinstance(value, float) else value
        shown = f"{value:10.2f}" if isinstance(value, float) else f"{value!s:>10}"
        if cpu is not None:
            self.figures[f"{name}_cpu"] = round(cpu, 3)
            note = f"cpu {cpu:.1f} s" + (f"; {note}" if note else "")
        print(f"{name:<24}{shown} {unit:<3}{('  ' + note) if note else ''}", flush=True)

    def ratio(self, name: str, value: float, target: float, higher: bool = False) -> None:
        holds = value >= target if higher else value <= target
        self.ratios[name] = {
            "value": round(value, 3),
            "target": f"{'>=' if higher else '<='} {target:g}",
            "holds": holds,
        }
        mark = "ok" if holds else "MISSED"
        print(
            f"  ratio {name:<40} {value:8.2f}  (target {'>=' if higher else '<='} {target:g}) {mark}",
            flush=True,
        )


def best_of(repeat: int, command) -> Ran:
    """The fastest of `repeat` runs of a command: less noise on a shared machine."""
    return min((command() for _ in range(max(1, repeat))), key=lambda ran: ran.seconds)


def zensical_plain(config_file: Path) -> Ran:
    """A plain strict `zensical build` of the folder, from a clean cache."""
    ran = run(
        [sys.executable, "-m", "zensical", "build", "--strict", "--clean", "-f", str(config_file)]
    )
    shutil.rmtree(config_file.parent / "site", ignore_errors=True)  # its output, beside the config
    return ran


def build(root: Path, audience: str, site: Path) -> Ran:
    return run(
        sctrack("build", "--root", str(root), "--audience", audience, "--site-dir", str(site))
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=500, help="size of the province (N)")
    parser.add_argument("--small", type=int, default=100, help="the smaller size for growth (M)")
    parser.add_argument("--keep", type=Path, help="generate here and keep it (default: temp dir)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--repeat",
        type=int,
        default=2,
        help="runs of each parse/validate/check-jsonschema figure; the fastest counts (builds run once)",
    )
    parser.add_argument(
        "--no-history", action="store_true", help="no git history (confirmation dates unknown)"
    )
    args = parser.parse_args(argv)
    n, m = args.projects, args.small
    if m >= n:
        parser.error("--small must be smaller than --projects")

    info = machine()
    print(
        f"machine: {info.get('cpu_count')} CPUs ({info.get('cpu', '?')}), "
        f"{info.get('mem_gb', '?')} GB RAM, Python {info['python']}, {info['platform']}",
        flush=True,
    )
    if "versions" in info:
        print(
            "versions: "
            + ", ".join(f"{k} {v}" for k, v in info["versions"].items())
            + f", libyaml {'yes' if info.get('libyaml') else 'NO'}",
            flush=True,
        )

    work = args.keep.absolute() if args.keep else Path(tempfile.mkdtemp(prefix="sctrack-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    report = Report()
    result: dict = {
        "projects": n,
        "small_projects": m,
        "history": not args.no_history,
        "repeat": args.repeat,
    }
    try:
        large = work / f"province-{n}"
        small = work / f"province-{m}"
        for folder in (large, small):
            if folder.exists():
                shutil.rmtree(folder)

        # --- data ---------------------------------------------------------------
        start = time.perf_counter()
        counts = synth.generate(large, n, args.seed)
        if not args.no_history:
            synth.write_history(large, args.seed)
        files = yaml_files(large)
        if hasattr(os, "sync"):
            os.sync()  # write the fresh data out now, not during the timings
        report.figure("synth_s", time.perf_counter() - start, "s",
                      f"{counts['files']} files, {counts['reports']} reports, "
                      f"{counts['cases']} cases ({counts['public_cases']} public), "
                      f"{tree_bytes(large / 'submissions') / MB:.1f} MB of YAML")  # fmt: skip
        result["files"] = len(files)
        result["yaml_mb"] = round(tree_bytes(large / "submissions") / MB, 2)

        # --- validate -----------------------------------------------------------
        for path in files:  # same page-cache state for every reader
            path.read_bytes()
        floor, floor_cpu = min(parse_floor(files) for _ in range(args.repeat))
        report.figure("parse_floor_s", floor, "s", f"{len(files)} files, yaml.CSafeLoader",
                      floor_cpu)  # fmt: skip

        ran = best_of(args.repeat, lambda: run(sctrack("validate", "--root", str(large))))
        seconds, output = ran.seconds, ran.text
        last = output.strip().splitlines()[-1] if output.strip() else ""
        report.figure("validate_s", seconds, "s", last, ran.cpu)
        report.ratio("validate_s / parse_floor_s", seconds / floor, 1.5)
        validate_s = seconds

        from site_builder.pipeline.analysis import Source, validated
        from site_builder.pipeline.session import BuildSession

        inprocess = float("inf")
        for _ in range(args.repeat):
            session = BuildSession()  # cold: nothing remembered from the run before
            start = time.perf_counter()
            outcome = validated(Source(large, "HEAD", date.fromisoformat(TODAY)), session)
            inprocess = min(inprocess, time.perf_counter() - start)
        if not outcome.ok:
            raise CommandFailed(f"validate found {len(outcome.errors)} errors in synthetic data")
        report.figure("validate_inprocess_s", inprocess, "s",
                      f"{len(outcome.warnings)} warnings; ratio to floor {inprocess / floor:.2f}")  # fmt: skip

        quarterly = [p for p in files if p.name[:4].isdigit() and "-Q" in p.name]
        sample = [p.relative_to(large).as_posix() for p in quarterly[:QUARTERLY_SAMPLE]]
        schema = REPO / "site_builder" / "spec" / "schemas" / "quarterly-report.schema.json"
        cj = shutil.which("check-jsonschema")
        if cj is None:
            raise CommandFailed("check-jsonschema is not installed (pip install -e '.[test]')")
        cj_code = 0

        def check_jsonschema():
            nonlocal cj_code
            outcome = run([cj, "--schemafile", str(schema), *sample], large, ok=None)
            cj_code = outcome.code
            return outcome

        cj_s = best_of(args.repeat, check_jsonschema).seconds
        report.figure("check_jsonschema_s", cj_s, "s",
                      f"{len(sample)} quarterly files (first in path order); exit {cj_code}")  # fmt: skip
        v1000 = best_of(
            args.repeat, lambda: run(sctrack("validate", "--root", ".", *sample), large)
        ).seconds
        report.figure("validate_1000_s", v1000, "s", "same files, path mode (with their context)")
        report.ratio("check_jsonschema_s / validate_1000_s", cj_s / v1000, 5, higher=True)
        result["check_jsonschema_exit"] = cj_code
        result["quarterly_sample"] = len(sample)

        # --- build --------------------------------------------------------------
        rss: list[float] = []
        site_public = large / "site-public"
        ran = build(large, "public", site_public)
        public_s, peak = ran.seconds, ran.rss
        rss.append(peak or 0)
        report.figure("build_public_s", public_s, "s", f"peak RSS {peak or 0:.0f} MB", ran.cpu)

        ran = build(large, "public", site_public)
        rebuild_s, peak = ran.seconds, ran.rss
        rss.append(peak or 0)
        report.figure(
            "rebuild_unchanged_s", rebuild_s, "s", f"peak RSS {peak or 0:.0f} MB", ran.cpu
        )

        plain_site = large / "site-mkdocs-plain"
        ran = run(
            [sys.executable, "-m", "mkdocs", "build", "-q", "-f",
             str(large / "build" / "public" / "mkdocs.yml"), "-d", str(plain_site)]
        )  # fmt: skip
        plain_s = ran.seconds
        report.figure("mkdocs_plain_s", plain_s, "s", "same generated folder, nothing generated",
                      ran.cpu)  # fmt: skip
        report.ratio(
            "build_public_s / (parse_floor_s + mkdocs_plain_s)", public_s / (floor + plain_s), 1.5
        )
        report.ratio("rebuild_unchanged_s / build_public_s", rebuild_s / public_s, 0.6)
        if importlib.util.find_spec("zensical") is not None:
            ran = zensical_plain(large / "build" / "public" / "mkdocs.yml")
            report.figure("zensical_plain_s", ran.seconds, "s",
                          f"same folder; {ran.seconds / plain_s:.2f} x mkdocs_plain_s", ran.cpu)  # fmt: skip

        ran = run([sys.executable, str(HERE / "rebuild_one.py"), str(large)])
        one = json.loads(ran.text.strip().splitlines()[-1])
        if not one["in_search_index"]:
            raise CommandFailed(f"the edit of {one['file']} is not in the search index")
        report.figure("rebuild_one_changed_s", one["seconds"], "s",
                      f"{one['file']}: generate {one['generate_s']:.2f} s + MkDocs "
                      f"{one['engine_s']:.2f} s; the edit is in the search index")  # fmt: skip
        report.ratio("rebuild_one_changed_s / build_public_s", one["seconds"] / public_s, 0.25)
        ran = run([sys.executable, str(HERE / "rebuild_one.py"), str(large), "--complete"])
        whole = json.loads(ran.text.strip().splitlines()[-1])
        report.figure("rebuild_one_complete_s", whole["seconds"], "s",
                      f"the same without the build cache: generate {whole['generate_s']:.2f} s + "
                      f"MkDocs {whole['engine_s']:.2f} s, every page")  # fmt: skip
        if importlib.util.find_spec("zensical") is not None:
            command = [sys.executable, str(HERE / "rebuild_one.py"), str(large), "--engine"]
            ran = run([*command, "zensical"])
            one = json.loads(ran.text.strip().splitlines()[-1])
            if not one["in_search_index"]:
                raise CommandFailed(f"Zensical: the edit of {one['file']} is not in its index")
            report.figure("rebuild_one_zensical_s", one["seconds"], "s",
                          f"the same with Zensical: generate {one['generate_s']:.2f} s + "
                          f"Zensical {one['engine_s']:.2f} s (its cache kept)")  # fmt: skip

        ran = build(large, "internal", large / "site-internal")
        internal_s, peak = ran.seconds, ran.rss
        rss.append(peak or 0)
        report.figure("build_internal_s", internal_s, "s", f"peak RSS {peak or 0:.0f} MB", ran.cpu)
        steps = [line.strip() for line in ran.text.splitlines() if "各步用时" in line]
        print(f"  internal build, {steps[-1] if steps else 'no summary of its steps'}")
        report.ratio("build_internal_s / build_public_s", internal_s / public_s, 3)

        site_mb = tree_bytes(site_public) / MB
        search = site_public / "search" / "search_index.json"
        search_mb = search.stat().st_size / MB if search.exists() else 0.0
        pages = sum(1 for _ in site_public.rglob("*.html"))
        report.figure(
            "site_mb_large", site_mb, "MB", f"public site at {n} projects, {pages} HTML files"
        )
        internal_mb = tree_bytes(large / "site-internal") / MB
        report.figure("site_mb_internal", internal_mb, "MB")
        report.ratio("site_mb_internal / site_mb_large", internal_mb / site_mb, 3)
        report.figure("search_index_mb_public", search_mb, "MB")
        report.ratio("search_index_mb_public (MB)", search_mb, 5)

        # --- the demo on a fresh clone of this repository (committed files only) ------
        clone = work / "fresh-clone"
        shutil.rmtree(clone, ignore_errors=True)
        run(["git", "clone", "-q", str(REPO), str(clone)])
        own_day = {k: v for k, v in ENV.items() if k != "SCTRACK_TODAY"}  # the demo's own day
        ran = run([sys.executable, "-m", "site_builder", "demo", "--root", str(clone)], clone,
                  env=own_day)  # fmt: skip
        report.figure("demo_fresh_clone_s", ran.seconds, "s",
                      "`sctrack demo` in a fresh clone: replay, public and internal site", ran.cpu)  # fmt: skip
        report.ratio("demo_fresh_clone_s (s)", ran.seconds, 60)
        shutil.rmtree(clone, ignore_errors=True)

        # --- the small province, for growth -----------------------------------------
        synth.generate(small, m, args.seed)
        if not args.no_history:
            synth.write_history(small, args.seed)
        small_s, peak, _, _ = build(small, "public", small / "site-public")
        rss.append(peak or 0)
        small_mb = tree_bytes(small / "site-public") / MB
        report.figure("build_s_small", small_s, "s", f"public build at {m} projects")
        report.figure("site_mb_small", small_mb, "MB", f"public site at {m} projects")
        linear = n / m
        report.ratio(f"site growth {m}->{n} (linear {linear:g})", site_mb / small_mb, 1.2 * linear)
        report.ratio(
            f"build time growth {m}->{n} (linear {linear:g})", public_s / small_s, 1.2 * linear
        )

        peak_rss = max(rss)
        report.figure("peak_rss_mb", peak_rss, "MB", "largest process of the build runs")
        report.ratio("peak_rss_mb (MB)", peak_rss, 1000)

        figures = report.figures
        figures[f"site_mb_{m}"] = figures["site_mb_small"]
        figures[f"site_mb_{n}"] = figures["site_mb_large"]
        figures["site_growth"] = round(site_mb / small_mb, 3)
        figures["build_growth"] = round(public_s / small_s, 3)
        result.update(figures)
        result["validate_s_per_file_ms"] = round(validate_s / len(files) * 1000, 3)
        result["ratios"] = report.ratios
        result["targets_missed"] = [k for k, v in report.ratios.items() if not v["holds"]]
        result["machine"] = info
        result["data_dir"] = str(work) if args.keep else None
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(result, ensure_ascii=False, sort_keys=False))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except CommandFailed as err:
        print(f"bench: {err}", file=sys.stderr)
        sys.exit(1)
