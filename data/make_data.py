"""Regenerate the course's synthetic datasets, byte for byte.

Each module ``data/generators/gen_*.py`` has ``build() -> dict[name, DataFrame]`` built from a
fixed seed; this script writes ``data/<name>.csv`` for each. ``--check`` writes nothing and
fails if any committed CSV differs from what the generators give (the tests run it).

    python data/make_data.py          # rewrite the CSV files
    python data/make_data.py --check  # verify them
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def build_all() -> dict[str, str]:
    """CSV text of every generated dataset, by name."""
    out: dict[str, str] = {}
    for file in sorted((HERE / "generators").glob("gen_*.py")):
        spec = importlib.util.spec_from_file_location(file.stem, file)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        for name, frame in module.build().items():
            if name in out:
                raise SystemExit(f"dataset {name} is built twice (again in {file.name})")
            out[name] = frame.to_csv(index=False, lineterminator="\n")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="verify, do not write")
    args = parser.parse_args(argv)
    stale = []
    for name, text in build_all().items():
        target = HERE / f"{name}.csv"
        current = target.read_text(encoding="utf-8") if target.exists() else None
        if current != text:
            stale.append(name)
            if not args.check:
                target.write_text(text, encoding="utf-8")
    if args.check and stale:
        print("out of date (run `make data`): " + ", ".join(stale))
        return 1
    print(("rewrote: " + ", ".join(stale)) if stale and not args.check else "data is up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
