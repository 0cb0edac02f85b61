"""Benchmark: how fast `essaykit import` refuses hostile ZIPs, and what reading a real-sized export costs.

    .venv/bin/python bench/import_archives.py [--bomb-mib 256] [--posts 500]

Rows (CPU seconds of this process; the stock column is the standard
library doing what an importer that trusts the archive would do):

- a zip bomb (one member of N MiB of zeros): ours refuses it from the
  member's declared sizes; stock unzips the member (``ZipFile.read``);
- 100,000 empty members: ours refuses it from the end record's count; stock
  opens the archive (``ZipFile()`` parses the whole central directory);
- a Medium export of ``--posts`` posts in a ZIP (tests/importers/test_exports.py's
  post shape): ours reads and converts every post (no database, no notebook
  written); no stock tool turns Medium's export into notebooks, so the time
  per post is shown instead.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def cpu(fn, *args):
    start = time.process_time()
    try:
        result = fn(*args)
    except Exception as exc:  # the refusal is the result being timed
        result = exc
    return time.process_time() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bomb-mib", type=int, default=256)
    parser.add_argument("--posts", type=int, default=500)
    args = parser.parse_args()

    from essaykit.importers.archive import open_bundle
    from essaykit.importers.exports import read_export
    from essaykit.importers.model import ImportedPost
    from tests.importers.test_exports import LIGHTHOUSE

    print(f"{'archive':<44} {'ours (s)':>9} {'stock (s)':>10}  outcome")
    with tempfile.TemporaryDirectory() as tmp:
        bomb = Path(tmp) / "bomb.zip"
        with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf, \
                zf.open("posts/1.x.html", "w") as member:
            for _ in range(args.bomb_mib):
                member.write(bytes(1 << 20))
        ours, outcome = cpu(open_bundle, bomb)
        with zipfile.ZipFile(bomb) as zf:
            stock, _ = cpu(zf.read, "posts/1.x.html")
        print(f"{f'zip bomb: {args.bomb_mib} MiB in {bomb.stat().st_size // 1024} KiB':<44} {ours:>9.3f} {stock:>10.3f}"
              f"  {type(outcome).__name__}")

        many = Path(tmp) / "many.zip"
        with zipfile.ZipFile(many, "w", zipfile.ZIP_STORED) as zf:
            for i in range(100_000):
                zf.writestr(zipfile.ZipInfo(str(i)), b"")
        ours, outcome = cpu(open_bundle, many)
        stock, opened = cpu(zipfile.ZipFile, many)
        opened.close()
        print(f"{'100,000 empty members':<44} {ours:>9.3f} {stock:>10.3f}  {type(outcome).__name__}")

        export = Path(tmp) / "medium.zip"
        with zipfile.ZipFile(export, "w", zipfile.ZIP_DEFLATED) as zf:
            for i in range(args.posts):
                zf.writestr(f"medium-export/posts/2024-03-05_Post-{i}-{i:012x}.html",
                            LIGHTHOUSE.replace("3c7869fdae53", f"{i:012x}"))

        def whole():
            kind, outcomes = read_export(export)
            return [o for o in outcomes if isinstance(o, ImportedPost)]

        ours, posts = cpu(whole)
        print(f"{f'Medium export, {args.posts} posts':<44} {ours:>9.3f} {'-':>10}  "
              f"{len(posts)} posts, {1000 * ours / max(len(posts), 1):.1f} ms a post")


if __name__ == "__main__":
    main()
