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
