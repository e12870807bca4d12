"""The benchmark of issues 7 and 16: every figure, in one run, next to baselines measured in the same run.

Run from a clean clone, with the package's dependencies installed
(``python3 -m pip install -e .``)::

    python3 bench/bench.py                 # the full run: five to seven minutes on 2 cores
    python3 bench/bench.py --markdown out.md

It measures, each as the median of ``--runs`` runs (default 5; whole processes
are timed from start to exit, with their peak memory from ``os.wait4``):

1. ``parse_edition`` on the seed edition, in-process in a fresh process of its
   own, every cache of the package emptied before each run (baseline, in the
   same process: reading the file and splitting it into lines);
2. ``amendtrack diff OLD NEW --format json -o FILE`` on the original seed and an
   edition with a dozen generated amendments (`tests.support.generate`, fixed seed),
   against (a) a plain Python script that diffs the two whole files with
   diff-match-patch (semantic cleanup, default settings) and writes
   ``diff_prettyHtml`` to a file -- the tool a user would otherwise write -- and
   (b) ``git diff --no-index --word-diff``;
3. ``amendtrack diff --format html -o FILE``, against (a);
4. ``amendtrack report`` on generated corpora of 10, 50 and 100 editions
   (`bench/corpus_gen.py`: the seed and a chain of fictional amendments), cold
   (empty store, empty output folder) and warm (store filled, the previous
   run's output folder): wall time, peak memory, time per edition;
5. the same report, the store and the report folder warm with the first 100
   editions, on the corpus with one more edition (the common case: a new
   amendment arrives), in a folder of the same name (pages show the corpus
   folder's name, so another name would change every page).

Commands run with bytecode caching on, as Python runs from a fresh clone by
default (``PYTHONDONTWRITEBYTECODE`` is removed from their environment), after
one untimed run of each that writes the ``__pycache__`` files.

Cold and warm runs alternate, and so do the diff commands and their baselines,
so that other work on the machine weighs on both sides of every ratio.  At the
end, one warm 100-edition report is profiled in-process (cProfile) and its time
split by stage: where the remaining time goes.  Everything runs in a temporary
folder; the user's store is never touched.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import hashlib
import io
import json
import os
import platform
import pstats
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

SEED = ROOT / "corpus" / "V1400009344" / "kk" / "2014-04-09.txt"
SIZES = (10, 50, 100)
DIFF_AMENDMENTS = 12
DIFF_SEED = 1

# The tool a user would otherwise write: diff-match-patch as its README shows it,
# default settings (a one-second time limit on diff_main), semantic cleanup.
BASELINE_DMP = '''\
import sys
from diff_match_patch import diff_match_patch

old = open(sys.argv[1], encoding="utf-8").read()
new = open(sys.argv[2], encoding="utf-8").read()
dmp = diff_match_patch()
diffs = dmp.diff_main(old, new)
dmp.diff_cleanupSemantic(diffs)
with open(sys.argv[3], "w", encoding="utf-8") as out:
    out.write(dmp.diff_prettyHtml(diffs))
'''

# Targets (issue 16; issue 7's were looser).
DIFF_RATIO_MAX = 1.0
"""`diff --format json` end to end at most the time of the plain diff-match-patch script."""
PARSE_MAX_S = 0.050
MEMORY_MAX_MB = 200.0
WARM_MAX_S = 1.0
"""A warm report of the largest corpus (nothing changed)."""
ADD_ONE_MAX_S = 0.3
"""The warm largest corpus plus one new edition."""
COLD_MAX_S = 8.0
"""A cold report of the largest corpus."""


# ---------------------------------------------------------------- running things


@dataclass(frozen=True)
class Run:
    """One whole process: wall time from start to exit, and its peak resident memory."""

    seconds: float
    max_rss_mb: float


# Starts one command and reports its wall time and peak memory.  Linux records, in
# a child's ru_maxrss, the peak of the memory it was forked from (exec keeps the
# high-water mark), so a command started straight from this process would show
# this process's size.  The launcher is a bare interpreter (-I -S, about 7 MB):
# the commands measured here start from that, as from a shell.
LAUNCHER = '''\
import os, sys, time
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        os.execvp(sys.argv[2], sys.argv[2:])
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
seconds = time.perf_counter() - start
with open(sys.argv[1], "w") as out:
    out.write(f"{seconds} {usage.ru_maxrss} {os.waitstatus_to_exitcode(status)}")
'''


def run_child(command: list[str], *, ok: tuple[int, ...] = (0,), stdout: Path | None = None,
              env: dict[str, str] | None = None) -> Run:
    """Run `command` to its end through `LAUNCHER`: wall time from fork to exit, and peak memory."""
    with tempfile.TemporaryDirectory() as tmp, tempfile.TemporaryFile() as err, \
            open(stdout or os.devnull, "wb") as out:
        result = Path(tmp) / "result"
        subprocess.run([sys.executable, "-I", "-S", "-c", LAUNCHER, str(result), *command],
                       stdout=out, stderr=err, env=env, check=True)
        seconds, max_rss, code = result.read_text().split()
        if int(code) not in ok:
            err.seek(0)
            sys.exit(f"bench: {' '.join(command)} exited with {code}:\n"
                     f"{err.read().decode(errors='replace')[-2000:]}")
    # ru_maxrss is in kilobytes on Linux, in bytes on macOS.
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024
    return Run(float(seconds), int(max_rss) / scale)


@dataclass
class Series:
    """Several runs of one command."""

    runs: list[Run]

    @property
    def seconds(self) -> float:
        return statistics.median(r.seconds for r in self.runs)

    @property
    def max_rss_mb(self) -> float:
        return statistics.median(r.max_rss_mb for r in self.runs)

    @property
    def spread(self) -> str:
        times = sorted(r.seconds for r in self.runs)
        return f"{times[0]:.2f}–{times[-1]:.2f} s"


def code_digest() -> str:
    """Every file of the package: to notice the code changing during the run (a shared tree)."""
    digest = hashlib.sha256()
    for path in sorted((ROOT / "amendtrack").rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, "
            f"{platform.python_implementation()} {platform.python_version()}")


def load() -> str:
    try:
        return " ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


# ---------------------------------------------------------------- the inputs


def make_diff_pair(work: Path) -> tuple[Path, Path, int]:
    """The seed and an edition with a dozen generated amendments (no layout noise)."""
    from amendtrack.parse.edition import parse_edition
    from tests.support.generate import AMENDMENTS, PROVISION_AMENDMENTS, generate_edition

    text = SEED.read_text(encoding="utf-8")
    original = parse_edition(text, str(SEED))
    rng = random.Random(DIFF_SEED)
    kinds = [rng.choice(AMENDMENTS) for _ in range(DIFF_AMENDMENTS)]
    # The order's own text is amended too (point, preamble, sub-points, numbering).
    generated = generate_edition(original, text, rng, kinds, noise_rate=0.0, provision_amendments=PROVISION_AMENDMENTS)
    old, new = work / "old.txt", work / "new.txt"
    shutil.copyfile(SEED, old)
    new.write_text(generated.text, encoding="utf-8")
    return old, new, len(generated.expected) + len(generated.provisions)


def make_corpora(work: Path, sizes: tuple[int, ...]) -> dict[int, Path]:
    """One corpus per size, and one of the largest size plus one edition (for step 5)."""
    from corpus_gen import write_chain_corpora

    return write_chain_corpora(work / "corpora", [*sizes, max(sizes) + 1])


# ---------------------------------------------------------------- the measurements


# Step 1 runs in a child process of its own: in this one, which holds what the other
# steps made, the garbage collector's passes grow with the heap (about 10 % of the
# parse), and a user's process reads its first edition with a small heap.
PARSE_CHILD = r'''
import json, sys
from pathlib import Path
from amendtrack.parse.edition import parse_edition
from measure import clear_text_caches, median_seconds
seed, runs = Path(sys.argv[1]), int(sys.argv[2])
text = seed.read_text(encoding="utf-8")
def parse():
    clear_text_caches()
    parse_edition(text, str(seed))
parse()  # imports and compiled patterns, as in any process that parses
base = median_seconds(lambda: seed.read_text(encoding="utf-8").splitlines(), runs)
print(json.dumps([base, median_seconds(parse, runs)]))
'''


def parse_runs(runs: int) -> int:
    """How many parses step 1 takes the median of (a parse is short, and the machine's jitter is not)."""
    return max(3 * runs, 15)


def bench_parse(runs: int) -> tuple[float, float]:
    """(baseline, parse) medians in seconds, in a fresh process: read + split lines, and
    parse_edition with every cache of the package emptied (bench/measure.py)."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), str(ROOT / "bench")]))
    out = subprocess.run([sys.executable, "-c", PARSE_CHILD, str(SEED), str(parse_runs(runs))],
                         cwd=ROOT, env=env, capture_output=True, text=True, check=True).stdout
    base, parse = json.loads(out)
    return float(base), float(parse)


def bench_diff(work: Path, old: Path, new: Path, runs: int, env: dict[str, str]) -> dict[str, Series]:
    """The diff command (JSON and HTML) and both baselines, interleaved run by run."""
    script = work / "dmp_baseline.py"
    script.write_text(BASELINE_DMP, encoding="utf-8")
    amendtrack = [sys.executable, "-m", "amendtrack", "diff", str(old), str(new)]
    commands: dict[str, tuple[list[str], tuple[int, ...], Path | None]] = {
        "dmp": ([sys.executable, str(script), str(old), str(new), str(work / "dmp.html")], (0,), None),
        "json": ([*amendtrack, "--format", "json", "-o", str(work / "diff.json")], (0, 1), None),
        "html": ([*amendtrack, "--format", "html", "-o", str(work / "diff.html")], (0, 1), None),
    }
    git = shutil.which("git")
    if git:
        commands["git"] = ([git, "diff", "--no-index", "--word-diff", str(old), str(new)], (0, 1),
                           work / "git.diff")
    series: dict[str, Series] = {name: Series([]) for name in commands}
    for command, ok, stdout in commands.values():  # untimed: writes the __pycache__ files
        run_child(command, ok=ok, stdout=stdout, env=env)
    for _ in range(max(runs, 7)):
        for name, (command, ok, stdout) in commands.items():
            series[name].runs.append(run_child(command, ok=ok, stdout=stdout, env=env))
    return series


def report_command(corpus: Path, db: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "amendtrack", "report", str(corpus), "--db", str(db), "-o", str(out)]


def bench_reports(work: Path, corpora: dict[int, Path], sizes: tuple[int, ...], runs: int,
                  env: dict[str, str]) -> tuple[dict[int, tuple[Series, Series]], Series, Series]:
    """Cold and warm reports per size, then a warm store plus one new edition.

    :returns: size → (cold, warm); the add-one series; and warm runs of the
        largest corpus made alongside the add-one runs (the same conditions).
    """
    results = {}
    for n in sizes:
        db, out = work / f"store-{n}.sqlite3", work / f"reports-{n}"
        cold, warm = Series([]), Series([])
        for _ in range(runs):
            for path in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
                path.unlink(missing_ok=True)
            shutil.rmtree(out, ignore_errors=True)
            cold.runs.append(run_child(report_command(corpora[n], db, out), env=env))
            warm.runs.append(run_child(report_command(corpora[n], db, out), env=env))
        results[n] = (cold, warm)

    # Step 5: the store and the report folder hold the largest corpus; a corpus
    # with one edition more arrives, in a folder of the same name (the pages show
    # the corpus folder's name).  Each run starts from copies of both.
    n = max(sizes)
    db, out = work / f"store-{n}.sqlite3", work / f"reports-{n}"
    snapshot = work / "store-snapshot.sqlite3"
    add_db, add_out = work / "store-add-one.sqlite3", work / "reports-add-one"
    folder_snapshot = work / "reports-add-one-snapshot"
    plus_one = work / "plus-one" / corpora[n].name
    shutil.rmtree(plus_one, ignore_errors=True)
    shutil.copytree(corpora[n + 1], plus_one)
    shutil.copyfile(db, snapshot)  # closed cleanly: no -wal file holds anything
    for path in (add_out, folder_snapshot):
        shutil.rmtree(path, ignore_errors=True)
    # The warm state of `add_out` (the store records what it wrote into which folder).
    run_child(report_command(corpora[n], snapshot, add_out), env=env)
    shutil.copytree(add_out, folder_snapshot)
    add_one, warm_again = Series([]), Series([])
    # The figure is the +1 run itself (issue 16), not its difference from a warm
    # run, so as many rounds as elsewhere.
    for _ in range(runs):
        for path in (Path(f"{add_db}-wal"), Path(f"{add_db}-shm")):
            path.unlink(missing_ok=True)
        shutil.copyfile(snapshot, add_db)
        shutil.rmtree(add_out)
        shutil.copytree(folder_snapshot, add_out)
        add_one.runs.append(run_child(report_command(plus_one, add_db, add_out), env=env))
        warm_again.runs.append(run_child(report_command(corpora[n], db, out), env=env))
    return results, add_one, warm_again


def store_rows(db: Path) -> tuple[int, int]:
    """(editions, alignments) the store holds for this code: what a run parsed and matched."""
    from amendtrack.history.store import EditionStore

    with EditionStore.open(db) as store:
        return store.count(), store.alignment_count()


# ---------------------------------------------------------------- the profile

STAGES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("rendering pages (report package, jinja2, markupsafe)",
     ("amendtrack/report/", "amendtrack/report.py", "amendtrack/templates/", "/jinja2/", "/markupsafe/")),
    ("history JSON for pages (history_output)", ("amendtrack/formats/history_output.py",)),
    ("comparing (diff, match, textdiff, diff-match-patch, difflib)",
     ("amendtrack/compare/differ.py", "amendtrack/compare/match.py", "amendtrack/compare/textdiff.py", "amendtrack/compare/similarity.py", "diff_match_patch", "difflib.py")),
    ("history (lineages, notes, dates)", ("amendtrack/history/lineage.py", "amendtrack/parse/events.py", "amendtrack/parse/notes.py",
                                          "amendtrack/dates.py")),
    ("store and decoding editions (sqlite3, json, serialize)",
     ("amendtrack/history/store.py", "amendtrack/formats/edition_json.py", "json/", "sqlite3")),
    ("parsing (parse, fields, normalize, headings, ids)",
     ("amendtrack/parse/edition.py", "amendtrack/parse/fields.py", "amendtrack/normalize.py", "amendtrack/parse/headings.py",
      "amendtrack/parse/ids.py", "amendtrack/parse/vocabulary.py")),
    ("reading and writing files (reading, corpus, manifest)",
     ("amendtrack/read/", "amendtrack/history/corpus.py", "amendtrack/history/manifest.py", "tomllib")),
)


def profile_report(corpus: Path, db: Path, out: Path) -> tuple[float, list[tuple[str, float]]]:
    """One report in-process under cProfile: total seconds, and seconds per stage (own time)."""
    from amendtrack.cli import cli

    profiler = cProfile.Profile()
    stdout, stderr = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = io.StringIO(), io.StringIO()
    try:
        profiler.enable()
        try:
            cli.main(["report", str(corpus), "--db", str(db), "-o", str(out)], prog_name="amendtrack",
                     standalone_mode=False)
        finally:
            profiler.disable()
    finally:
        sys.stdout, sys.stderr = stdout, stderr
    entries = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    other = "other (click, imports, the rest)"
    totals = {name: 0.0 for name, _ in STAGES} | {other: 0.0}

    def stage(filename: str) -> str | None:
        return next((name for name, needles in STAGES if any(n in filename for n in needles)), None)

    total = 0.0
    for (filename, _, _), (_, _, tottime, _, callers) in entries.items():
        total += tottime
        if filename != "~":
            totals[stage(filename) or other] += tottime
            continue
        # A built-in (str.join, re.sub, …): its time goes to the stages of its callers.
        for (caller_file, _, _), (_, _, caller_tt, _) in callers.items():
            totals[stage(caller_file) or other] += caller_tt
        totals[other] += tottime - sum(c[2] for c in callers.values())
    return total, sorted(totals.items(), key=lambda kv: -kv[1])


# ---------------------------------------------------------------- the table


def verdict(ok: bool) -> str:
    return "met" if ok else "**NOT met**"


def print_diff_only(diffs: dict[str, Series], amendments: int, load_before: str) -> None:
    """`--only diff`: step 2's rows, each against the dmp script of the same run."""
    dmp = diffs["dmp"]
    print(f"Machine: {machine()}; load average {load_before} at the start, {load()} at the end; "
          f"medians of {len(dmp.runs)} interleaved runs.")
    print("")
    print("| what | median | × dmp script | peak memory | spread |")
    print("|---|---|---|---|---|")
    for name, label in (("dmp", "baseline: diff-match-patch script"), ("git", "`git diff --no-index --word-diff`"),
                        ("json", f"`amendtrack diff --format json`, {amendments} amendments"),
                        ("html", f"`amendtrack diff --format html`, {amendments} amendments")):
        if name in diffs:
            s = diffs[name]
            print(f"| {label} | {s.seconds:.3f} s | {s.seconds / dmp.seconds:.2f} | {s.max_rss_mb:.0f} MB | "
                  f"{s.spread} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (medians; default 5)")
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)),
                        help="corpus sizes for the report, comma-separated (default 10,50,100)")
    parser.add_argument("--markdown", metavar="FILE", help="also write the tables to FILE")
    parser.add_argument("--no-profile", action="store_true", help="skip the profile of a warm report")
    parser.add_argument("--keep", metavar="DIR", help="work in DIR (kept afterwards) instead of a temporary folder")
    parser.add_argument("--only", choices=["diff"],
                        help="run one step only: diff (step 2, the diff commands and their baselines)")
    args = parser.parse_args()
    sizes = tuple(sorted(int(x) for x in args.sizes.split(",")))
    runs = args.runs
    if runs < 1 or sizes[0] < 2:
        sys.exit("bench: --runs must be at least 1 and every size at least 2")

    started = time.perf_counter()
    from amendtrack.history.store import code_fingerprint

    def store_fingerprint() -> str:
        return code_fingerprint(ROOT / "amendtrack")

    digest, fingerprint, load_before = code_digest(), store_fingerprint(), load()
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="amendtrack-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, PYTHONPATH=str(ROOT), XDG_CACHE_HOME=str(work / "xdg-cache"), NO_COLOR="1")
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as from a fresh clone: Python caches bytecode by default
    try:
        print(f"bench: working in {work}", file=sys.stderr)
        old, new, amendments = make_diff_pair(work)
        if args.only == "diff":
            print("bench: diff and baselines…", file=sys.stderr)
            print_diff_only(bench_diff(work, old, new, runs, env), amendments, load_before)
            return
        print("bench: generating the corpora…", file=sys.stderr)
        corpora = make_corpora(work, sizes)
        print("bench: parsing…", file=sys.stderr)
        parse_base, parse_s = bench_parse(runs)
        print("bench: diff and baselines…", file=sys.stderr)
        diffs = bench_diff(work, old, new, runs, env)
        print("bench: reports (the long part)…", file=sys.stderr)
        reports, add_one, warm_again = bench_reports(work, corpora, sizes, runs, env)
        rows_before = store_rows(work / "store-snapshot.sqlite3")
        rows_after = store_rows(work / "store-add-one.sqlite3")
        profile = None
        if not args.no_profile:
            print("bench: profiling a warm report…", file=sys.stderr)
            n = max(sizes)
            profile = profile_report(corpora[n], work / f"store-{n}.sqlite3", work / f"reports-{n}")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    changed = code_digest() != digest
    refingerprinted = store_fingerprint() != fingerprint

    lines: list[str] = []
    out = lines.append
    today = dt.date.today().isoformat()
    out(f"### `bench/bench.py` — {today}")
    out("")
    out(f"Machine: {machine()}; load average {load_before} at the start, {load()} at the end; "
        f"code {digest}; whole run {time.perf_counter() - started:.0f} s.  "
        f"Medians of {runs} runs (diff commands: {len(diffs['json'].runs)}, "
        f"parse: {parse_runs(runs)} in a fresh process, step 5: {len(add_one.runs)} pairs).")
    if refingerprinted:
        out("")
        out("**Warning: the package's modules changed during the run, and with them the store's fingerprint: "
            "a warm run after the change parsed everything again (see the spreads).**")
    elif changed:
        out("")
        out("Note: files of the report package or its templates changed during the run (a shared tree); "
            "the store's fingerprint did not, so warm runs stayed warm.")
    out("")
    out("| # | what | median | × baseline | peak memory | spread |")
    out("|---|---|---|---|---|---|")
    out(f"| 1 | baseline: read the seed and split its lines (in-process) | {parse_base * 1000:.1f} ms | 1 | | |")
    out(f"| 1 | `parse_edition`, seed edition, every cache emptied | {parse_s * 1000:.0f} ms | "
        f"{parse_s / parse_base:.0f} | | |")
    dmp = diffs["dmp"]
    out(f"| 2 | baseline (a): diff-match-patch script, whole files → `diff_prettyHtml` | {dmp.seconds:.3f} s | 1 | "
        f"{dmp.max_rss_mb:.0f} MB | {dmp.spread} |")
    if "git" in diffs:
        git = diffs["git"]
        out(f"| 2 | baseline (b): `git diff --no-index --word-diff` | {git.seconds:.3f} s | "
            f"{git.seconds / dmp.seconds:.2f} | {git.max_rss_mb:.0f} MB | {git.spread} |")
    for name, label in (("json", "`amendtrack diff --format json`"), ("html", "`amendtrack diff --format html`")):
        s = diffs[name]
        b = f" (× git {s.seconds / diffs['git'].seconds:.0f})" if name == "json" and "git" in diffs else ""
        out(f"| {2 if name == 'json' else 3} | {label}, {amendments} amendments | {s.seconds:.3f} s | "
            f"{s.seconds / dmp.seconds:.2f}{b} | {s.max_rss_mb:.0f} MB | {s.spread} |")
    out("")
    out("| # | `amendtrack report` | editions | median | per edition | peak memory | spread |")
    out("|---|---|---|---|---|---|---|")
    for n in sizes:
        cold, warm = reports[n]
        for label, s in (("cold (empty store)", cold), ("warm (store filled)", warm)):
            out(f"| 4 | {label} | {n} | {s.seconds:.2f} s | {s.seconds / n * 1000:.0f} ms | {s.max_rss_mb:.0f} MB | "
                f"{s.spread} |")
    n = max(sizes)
    out(f"| 5 | warm ({n} stored) + 1 new edition | {n + 1} | {add_one.seconds:.2f} s | | "
        f"{add_one.max_rss_mb:.0f} MB | {add_one.spread} |")
    out(f"| 5 | warm, alongside the runs above | {n} | {warm_again.seconds:.2f} s | | {warm_again.max_rss_mb:.0f} MB | "
        f"{warm_again.spread} |")

    big = sizes[-1]
    cold_big, warm_big = reports[big]
    json_ratio = diffs["json"].seconds / dmp.seconds
    html_ratio = diffs["html"].seconds / dmp.seconds
    peak = max(s.max_rss_mb for n in sizes for s in (*reports[n], add_one))
    out("")
    out("| target (issue 16) | figure | |")
    out("|---|---|---|")
    out(f"| `diff --format json` end to end ≤ {DIFF_RATIO_MAX:g}× baseline (a) | {json_ratio:.2f}× | "
        f"{verdict(json_ratio <= DIFF_RATIO_MAX)} |")
    out(f"| (`diff --format html`, no target) | {html_ratio:.2f}× | |")
    out(f"| `parse_edition` in-process ≤ {PARSE_MAX_S * 1000:g} ms | {parse_s * 1000:.0f} ms "
        f"({parse_s / parse_base:.0f}× reading the file) | {verdict(parse_s <= PARSE_MAX_S)} |")
    out(f"| warm report, {big} editions ≤ {WARM_MAX_S:g} s | {warm_big.seconds:.2f} s | "
        f"{verdict(warm_big.seconds <= WARM_MAX_S)} |")
    out(f"| one new edition on a warm {big} ≤ {ADD_ONE_MAX_S:g} s | {add_one.seconds:.2f} s "
        f"({add_one.seconds / cold_big.seconds:.0%} of a cold run) | {verdict(add_one.seconds <= ADD_ONE_MAX_S)} |")
    out(f"| cold report, {big} editions ≤ {COLD_MAX_S:g} s | {cold_big.seconds:.2f} s | "
        f"{verdict(cold_big.seconds <= COLD_MAX_S)} |")
    out(f"| peak memory < {MEMORY_MAX_MB:g} MB (every report run) | {peak:.0f} MB | "
        f"{verdict(peak < MEMORY_MAX_MB)} |")
    out("")
    out(f"Store rows (editions, alignments) before the add-one runs: {rows_before}; after: {rows_after}: "
        f"the new edition was parsed once ({rows_after[0] - rows_before[0]} new edition) and "
        f"{rows_after[1] - rows_before[1]} pair(s) matched anew and kept.")
    if profile is not None:
        total, stages = profile
        out("")
        out(f"Where a warm {big}-edition report spends its time (cProfile, in-process, one run, "
            f"{total:.1f} s with the profiler's overhead; own time by module):")
        out("")
        out("| stage | seconds | share |")
        out("|---|---|---|")
        for name, seconds in stages:
            out(f"| {name} | {seconds:.2f} | {seconds / total:.0%} |")
    text = "\n".join(lines) + "\n"
    print(text)
    if args.markdown:
        Path(args.markdown).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
