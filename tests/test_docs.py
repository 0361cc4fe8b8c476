"""The README and the KB README say what the code has: the stage table names the registered stages
and modules that exist, the command list names real subcommands, the KB table names the KB's files."""
import re
from pathlib import Path

from marsad.cli import build_parser
from marsad.extract import DEFAULT_STAGES
from marsad.pipeline import REGISTRY, register_stages

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text("utf-8")
KB = ROOT / "marsad" / "data" / "kb"


def _stage_rows(text: str) -> list[tuple[list[str], list[str]]]:
    """(stage names, module paths) of each row of the README's stage table."""
    table = text[text.index("| stage | module |"):]
    rows = []
    for line in table.splitlines()[2:]:
        if not line.startswith("|"):
            break
        cells = [c.strip() for c in line.strip("|").split("|")]
        rows.append(([n.strip() for n in cells[0].split(",")], re.findall(r"`([^`]+\.py)`", cells[1])))
    return rows


def test_the_stage_table_names_every_stage_of_the_pipeline_and_real_modules():
    register_stages()
    rows = _stage_rows(README)
    named = [n for names, _ in rows for n in names]
    assert sorted(named) == sorted(DEFAULT_STAGES), named
    assert all(n in REGISTRY for n in named)
    for _, modules in rows:
        for m in modules:
            path = ROOT / "marsad" / m if "/" in m else next((ROOT / "marsad").rglob(m), None)
            assert path is not None and path.exists(), f"README stage table: no module {m}"


def test_the_readme_commands_are_subcommands_of_the_cli():
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    at = README.index("marsad extract PATH")  # the command list's code block
    block = README[README.rindex("```", 0, at):README.index("```", at)]
    used = set(re.findall(r"(?:^|\| )marsad ([a-z][a-z-]*)", block, flags=re.M))
    assert used and used <= set(sub.choices), sorted(used - set(sub.choices))


def test_the_kb_readme_lists_exactly_the_kb_files():
    text = (KB / "README.md").read_text("utf-8")
    listed = set(re.findall(r"^\| `([^`]+\.(?:tsv|json))` \|", text, flags=re.M))
    present = {p.relative_to(KB).as_posix() for p in KB.rglob("*") if p.suffix in (".tsv", ".json")}
    assert listed == present, {"not listed": sorted(present - listed), "missing": sorted(listed - present)}
