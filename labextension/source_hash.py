"""The hash of the lab extension's sources, recorded in the built bundle.

``./dev labextension`` writes it into
``share/jupyter/labextensions/essaykit/package.json`` (key
``essaykit.source_sha256``) after building; ``tests/lab/test_bundle.py``
recomputes it, so a commit that changes the TypeScript without rebuilding
fails the tests.

    python labextension/source_hash.py           # print the hash
    python labextension/source_hash.py --stamp   # write it into the built package.json
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BUILT = HERE.parent / "share" / "jupyter" / "labextensions" / "essaykit" / "package.json"


def sources() -> list[Path]:
    files = [HERE / "package.json", HERE / "package-lock.json", HERE / "tsconfig.json"]
    files += sorted((HERE / "src").rglob("*.ts")) + sorted((HERE / "style").rglob("*"))
    files += sorted((HERE / "schema").rglob("*.json"))
    return [f for f in files if f.is_file()]


def source_hash() -> str:
    digest = hashlib.sha256()
    for path in sources():
        digest.update(path.relative_to(HERE).as_posix().encode() + b"\0")
        digest.update(path.read_bytes().replace(b"\r\n", b"\n") + b"\0")
    return digest.hexdigest()


def stamp() -> None:
    built = json.loads(BUILT.read_text(encoding="utf-8"))
    built["essaykit"] = {"source_sha256": source_hash()}
    BUILT.write_text(json.dumps(built, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[1:] == ["--stamp"]:
        stamp()
    print(source_hash())
