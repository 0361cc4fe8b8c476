import pytest

from marsad.doc import Document, DocumentError
from marsad.pipeline import REGISTRY, ContractError, Pipeline, Stage, register


def test_pipeline_rejects_stage_whose_requirements_are_missing():
    with pytest.raises(ContractError, match="clean"):
        Pipeline(["read", "clean"])  # clean needs raw text from decode


def test_unknown_stage_is_named():
    with pytest.raises(ContractError, match="no-such-stage"):
        Pipeline(["read", "no-such-stage"])


def test_stage_error_becomes_document_error():
    class Boom(Stage):
        name = "boom-test"
        requires = frozenset({"source"})

        def __call__(self, doc):
            raise DocumentError("bad thing")

    p = Pipeline([Boom()])
    doc = p(Document(doc_key="x", path="x"))
    assert doc.error == "boom-test: bad thing"


def test_registry_refuses_duplicate_names():
    class A(Stage):
        name = "read"
    with pytest.raises(ValueError):
        register(A)
    assert REGISTRY["read"].__name__ == "ReadStage"


def test_unexpected_exception_is_recorded_and_named():
    class Buggy(Stage):
        name = "buggy-test"
        requires = frozenset({"source"})

        def __call__(self, doc):
            raise KeyError("oops")

    doc = Pipeline([Buggy()])(Document(doc_key="some/file.txt", path="some/file.txt"))
    assert doc.error.startswith("buggy-test: internal error on some/file.txt: KeyError")


def test_a_stage_declaring_a_layer_that_is_no_document_attribute_is_refused():
    class Typo(Stage):
        name = "typo-test"
        requires = frozenset({"sentences"})
        provides = frozenset({"entites"})
    with pytest.raises(ValueError, match=r"typo-test.*provides \['entites'\].*not Document layers"):
        register(Typo)
    assert "typo-test" not in REGISTRY


def test_every_builtin_stage_is_registered_with_document_layers():
    from dataclasses import fields

    from marsad.extract import DEFAULT_STAGES
    from marsad.pipeline import LAYER_ALIASES, layers
    from marsad.stages import BUILTIN_STAGES

    assert tuple(BUILTIN_STAGES) == DEFAULT_STAGES
    assert set(REGISTRY) >= set(BUILTIN_STAGES)
    names = {f.name for f in fields(Document)}
    assert all(set(attrs) <= names for attrs in LAYER_ALIASES.values())
    for name in BUILTIN_STAGES:
        cls = REGISTRY[name]
        assert cls.name == name
        assert (cls.requires | cls.provides) <= layers().keys()
    # the default pipeline's contract holds: built from names alone, nothing imported by hand
    assert Pipeline(DEFAULT_STAGES).provides >= {"raw", "articles", "entities", "events"}


def test_a_plugin_stage_registers_by_name_and_joins_a_pipeline():
    class Shout(Stage):
        name = "shout-test"
        requires = frozenset({"raw"})
        provides = frozenset({"raw"})

        def __call__(self, doc):
            doc.raw = doc.raw.upper()
            return doc
    register(Shout)
    register(Shout)  # the same class again is a no-op
    doc = Pipeline(["shout-test"], initial=("raw",))(Document(doc_key="k", path="k", raw="abc"))
    assert doc.raw == "ABC" and doc.provided == {"raw"}


def test_the_builtin_stages_are_registered_in_one_place_only():
    # BUILTIN_STAGES (run by register_stages) is the one registration place: no stage module
    # imports pipeline.register to register itself on import
    import ast
    import importlib.util

    from marsad.pipeline import BUILTIN_STAGES

    for module in sorted({where.partition(":")[0] for where in BUILTIN_STAGES.values()}):
        tree = ast.parse(open(importlib.util.find_spec(module).origin, encoding="utf-8").read())
        imported = {a.name for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and (n.module or "").endswith("pipeline")
                    for a in n.names}
        assert "register" not in imported, module


def test_rss_mb_follows_the_process_that_asks_even_after_a_fork():
    import os

    from marsad.pipeline import rss_mb

    with open("/proc/self/statm", "rb") as fh:
        expect = int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2 ** 20
    assert rss_mb() == pytest.approx(expect, abs=8.0)
    block = bytearray(64 * 2 ** 20)
    for i in range(0, len(block), 4096):
        block[i] = 1  # touched: resident
    grown = rss_mb()
    assert grown >= expect + 60
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child frees the block: its figure is its own, not the parent's descriptor
        del block
        os.write(w, str(rss_mb()).encode())
        os._exit(0)
    os.waitpid(pid, 0)
    child = float(os.read(r, 64))
    assert child < grown - 40
    assert rss_mb() >= grown - 1
