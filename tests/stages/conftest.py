import pytest

from marsad.doc import Document
from marsad.extract import Extractor


@pytest.fixture(scope="session")
def extractor():
    return Extractor()


@pytest.fixture
def run(extractor):
    """Process a hand-written page (optionally with a dateline) through the whole pipeline."""
    def _run(text: str, name: str = "doc.txt"):
        doc = Document(doc_key=name, path=name, raw_bytes=text.encode("utf-8"))
        doc = extractor.process(doc)
        assert doc.error is None, doc.error
        return doc
    return _run
