"""Reading the KB's TSV data files."""
from __future__ import annotations

from pathlib import Path


def read_tsv(path: Path) -> list[dict[str, str]]:
    """Rows of a KB TSV file: '#' lines are notes, the first other line is the header."""
    rows: list[dict[str, str]] = []
    header: list[str] | None = None
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            fields = line.split("\t")
            if header is None:
                header = fields
                continue
            fields += [""] * (len(header) - len(fields))
            rows.append({k: v.strip() for k, v in zip(header, fields)})
    return rows
