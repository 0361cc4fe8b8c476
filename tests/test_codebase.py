"""The codebase's own shape: closed vocabularies, modules that import alone, no import cycles,
public docstrings (issue 16)."""
from __future__ import annotations

import collections
from pathlib import Path

import pytest

from marsad import vocab

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "marsad"
SEED_PAGES = sorted((ROOT / "tests" / "data" / "pages").glob("*.txt")) + \
    sorted((ROOT.parent / "shared" / "corpus" / "seeds").glob("*.txt"))


@pytest.fixture(scope="module")
def produced() -> dict[str, collections.Counter]:
    """Every value the whole pipeline writes into a vocabulary field, over the seed pages."""
    from marsad.extract import Extractor
    from marsad.stages.read import discover

    seen: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    ex = Extractor(budget=0, memory_mb=0)
    for doc in discover([str(p) for p in SEED_PAGES]):
        doc = ex.process(doc)
        assert doc.error is None, doc.error
        seen["Document.kind"][doc.kind] += 1
        for ln in doc.lines:
            seen["Line.label"][ln.label] += 1
            seen["Line.reason"][ln.reason] += 1
        seen["Sentence.kind"].update(s.kind for s in doc.sentences)
        for m in doc.mentions + [m for e in doc.entities for m in e.mentions]:
            seen["Mention.type"][m.type] += 1
            seen["Mention.source"][m.source] += 1
        seen["Entity.type"].update(e.type for e in doc.entities)
        seen["Actor.sector"].update(e.sector for e in doc.entities if e.sector)
        for ev in doc.events:
            seen["Event.event"].update(ev.event)
            seen["Event.mode"].update(ev.mode)
            seen["Event.context"].update(ev.context)
            seen["Event.date_precision"].update([ev.date_precision] if ev.date_precision else [])
            seen["Actor.sector"].update(a.sector for a in ev.source + ev.recipient if a.sector)
    return seen


def test_the_seed_pages_are_there():
    assert len(SEED_PAGES) >= 5, SEED_PAGES


def test_every_value_the_pipeline_produces_is_in_its_vocabulary(produced):
    outside = {field: sorted(set(counts) - set(vocab.values(vocab.VOCABULARIES[field])))
               for field, counts in produced.items()}
    assert not any(outside.values()), f"values outside marsad/vocab.py: { {k: v for k, v in outside.items() if v} }"
    # the seed pages exercise the main fields, so this test can fail
    for field in ("Line.label", "Mention.type", "Mention.source", "Entity.type", "Event.event", "Event.mode"):
        assert len(produced[field]) >= 2, (field, produced[field])


def test_doc_annotations_are_the_vocabularies():
    import typing

    from marsad import doc

    hints = {name: typing.get_type_hints(getattr(doc, name)) for name in ("Line", "Mention", "Event", "Document")}
    assert hints["Line"]["label"] is vocab.LineLabel
    assert hints["Mention"]["type"] is vocab.MentionType
    assert hints["Mention"]["source"] is vocab.MentionSource
    assert hints["Event"]["mode"] == list[vocab.EventMode]
    assert hints["Document"]["kind"] is vocab.DocumentKind
    # what a stage knew of a mention is typed fields, not an untyped dict
    from marsad.kb import model
    assert hints["Mention"]["place"] == model.Place | None and hints["Mention"]["office"] == model.Office | None
    assert "attrs" not in hints["Mention"]
    with pytest.raises(TypeError):
        vocab.values(str)


# ------------------------------------------------------------------ imports

def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _imports(name: str, path: Path) -> set[str]:
    """The marsad modules ``name`` imports anywhere in its code (also inside functions, where
    cycles hide), except under ``if TYPE_CHECKING:``."""
    import ast

    pkg = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            return
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = pkg.split(".")[:len(pkg.split(".")) - node.level + 1] if node.level else []
            mod = ".".join(base + ([node.module] if node.module else []))
            found.update(f"{mod}.{a.name}" if f"{mod}.{a.name}" in MODULES else mod for a in node.names)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text("utf-8")))
    return {m for m in found if m in MODULES and m != name}


def import_cycles() -> list[list[str]]:
    """Strongly connected groups of more than one marsad module (Tarjan), each sorted."""
    graph = {m: _imports(m, p) for m, p in MODULES.items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def connect(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(graph[v]):
            if w not in index:
                connect(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                cycles.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            connect(v)
    return cycles


def test_the_import_graph_finds_a_cycle_it_is_shown():
    # the detector itself: the graph reads relative imports inside functions
    assert "marsad.doc" in _imports("marsad.pipeline", MODULES["marsad.pipeline"])
    assert "marsad.ner.model" in _imports("marsad.ner.evaluate", MODULES["marsad.ner.evaluate"])


def test_no_import_cycle_among_marsad_modules():
    cycles = import_cycles()
    assert not cycles, "import cycles (each group imports itself round): " + "; ".join(" <-> ".join(c) for c in cycles)


# Third-party packages a module may need that are no dependency of the project (marsad.ner.nn is the
# optional neural NER backend; marsad.ner.model falls back to the CRF without it).
OPTIONAL_PACKAGES = {"torch"}


def _import_alone(name: str) -> str | None:
    """None when ``python -c "import NAME"`` succeeds, else the last line of its error."""
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-c", f"import {name}"], capture_output=True, text=True, cwd=ROOT,
                         timeout=300)
    if out.returncode == 0:
        return None
    last = (out.stderr.strip().splitlines() or ["?"])[-1]
    missing = last.partition("No module named ")[2].strip("'\"").split(".")[0]
    return None if last.startswith("ModuleNotFoundError") and missing in OPTIONAL_PACKAGES else last


def test_every_module_imports_alone_in_a_fresh_interpreter():
    from concurrent.futures import ThreadPoolExecutor

    names = [m for m in MODULES if not m.endswith("__main__")]
    with ThreadPoolExecutor(max_workers=2) as pool:
        failed = {n: err for n, err in zip(names, pool.map(_import_alone, names)) if err}
    assert not failed, "modules that fail to import alone: " + "; ".join(f"{n}: {e}" for n, e in failed.items())


# ------------------------------------------------------------------ docstrings

# Share of public definitions of marsad/ (functions, classes, methods; names without a leading
# underscore, in public classes) with a docstring. 0.891 when this floor was first set, 0.941 after the
# events, frames, scorer, drafts, clauses, link, morph and KB-model definitions got theirs; what is left
# is mostly the KB loader's index accessors. Issue 16 asks for 0.90 or more.
DOCSTRING_FLOOR = 0.93
# Areas held to every public definition documented.
FULLY_DOCUMENTED = ("marsad/store/", "marsad/web/", "marsad/cli.py", "marsad/cli_store.py", "marsad/pipeline.py",
                    "marsad/extract.py", "marsad/vocab.py", "marsad/doc.py", "marsad/ingest.py", "marsad/parallel.py",
                    "marsad/ner/model.py", "marsad/ner/nn.py", "marsad/ner/bio.py", "marsad/ner/features.py",
                    "marsad/ner/evaluate.py", "marsad/stages/__init__.py", "marsad/stages/read.py",
                    "marsad/stages/clean.py", "marsad/stages/metadata.py")


def undocumented() -> dict[str, tuple[int, list[str]]]:
    """Module path -> (public definitions, those without a docstring)."""
    import ast

    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        defs: list[tuple[str, bool]] = []

        def walk(body: list[ast.stmt], prefix: str) -> None:
            for node in body:
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and not node.name.startswith("_"):
                    defs.append((prefix + node.name, ast.get_docstring(node) is not None))
                    if isinstance(node, ast.ClassDef):
                        walk(node.body, prefix + node.name + ".")

        walk(ast.parse(path.read_text("utf-8")).body, "")
        if defs:
            out[path.relative_to(ROOT).as_posix()] = (len(defs), [name for name, ok in defs if not ok])
    return out


def test_public_docstring_coverage_stays_above_its_floor():
    per = undocumented()
    total = sum(n for n, _ in per.values())
    missing = sum(len(m) for _, m in per.values())
    share = 1 - missing / total
    shortfall = "\n".join(f"  {path}: {len(m)} of {n} undocumented: {', '.join(m)}"
                          for path, (n, m) in sorted(per.items(), key=lambda kv: -len(kv[1][1])) if m)
    assert share >= DOCSTRING_FLOOR, f"public docstrings {share:.3f} < {DOCSTRING_FLOOR} ({missing} of {total} missing):\n{shortfall}"
    assert total > 400  # the walk sees the package


def test_the_frame_around_the_stages_is_fully_documented():
    per = undocumented()
    gaps = {path: m for path, (_, m) in per.items() if path.startswith(FULLY_DOCUMENTED) and m}
    assert not gaps, f"public definitions without a docstring: {gaps}"


# ------------------------------------------------------------------ records read by attribute

# `.get(` calls left in the store and the web layer (``@router.get(`` route decorators not counted),
# per file: records are typed (marsad.record, marsad.store.record) and read by attribute; what is
# left reads real JSON or mapping input at a boundary (environment, HTTP headers and query strings,
# pydantic and OpenAPI error dicts, the posted or extracted record's JSON before it is validated,
# a document's metadata) or looks up an internal table. There were 368 (265 lines) before the
# records were typed. Raise a number only for a new boundary, and say which in the commit.
GET_CALLS = {
    "marsad/store/__init__.py": 1, "marsad/store/curation.py": 1, "marsad/store/dedup.py": 1,
    "marsad/store/documents.py": 1, "marsad/store/exports.py": 1, "marsad/store/filters.py": 1,
    "marsad/store/provenance.py": 8, "marsad/store/read.py": 5, "marsad/store/record.py": 5,
    "marsad/web/api.py": 9, "marsad/web/app.py": 9, "marsad/web/cli_web.py": 3,
    "marsad/web/countries.py": 2, "marsad/web/views.py": 14,
}


def get_calls() -> dict[str, int]:
    """File -> number of ``.get(`` calls in marsad/store and marsad/web, route decorators excepted."""
    import re

    out = {}
    for path in sorted(list((PACKAGE / "store").glob("*.py")) + list((PACKAGE / "web").glob("*.py"))):
        n = len(re.findall(r"(?<!router)\.get\(", path.read_text("utf-8")))
        if n:
            out[path.relative_to(ROOT).as_posix()] = n
    return out


def test_records_are_read_by_attribute_not_get():
    found = get_calls()
    over = {f: (n, GET_CALLS.get(f, 0)) for f, n in found.items() if n > GET_CALLS.get(f, 0)}
    assert not over, ("more `.get(` calls than agreed (file: found, allowed); read typed records by "
                      f"attribute: {over}")
    assert sum(found.values()) <= sum(GET_CALLS.values()) == 61 and found  # the count sees the files
