"""A stand-in for ``marsad.extract`` (discover + Extractor) used by the ingest tests.

Documents are ``.txt`` files; a file containing ``BAD`` yields an error record, one containing
``RAISE`` makes ``run`` raise. Each good document yields one PER entity and one CONSULT event
whose date comes from the number in the file name (so no two documents' events merge).
"""
from __future__ import annotations

import hashlib
import os
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path


@dataclass
class Source:
    doc_key: str
    path: str
    doc_id: str | None


def discover(paths):
    for p in paths:
        pp = Path(p)
        files = sorted(pp.rglob("*.txt")) if pp.is_dir() else [pp]
        for f in files:
            try:
                doc_id = hashlib.sha1(f.read_bytes()).hexdigest()
            except OSError:
                doc_id = None
            yield Source(str(f), str(f), doc_id)


class Extractor:
    def __init__(self, extra_persons=()):
        self.extra_persons = list(extra_persons)
        self.sleep = float(os.environ.get("FAKE_EXTRACT_SLEEP", "0"))
        self.calls = 0

    def run(self, src):
        self.calls += 1
        if self.sleep:
            time.sleep(self.sleep)
        try:
            raw = Path(src.path).read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError) as e:
            return {"doc_key": src.doc_key, "doc_id": src.doc_id, "path": src.path, "error": str(e)}
        if "RAISE" in raw:
            raise RuntimeError("extractor crashed")
        if "BAD" in raw:
            return {"doc_key": src.doc_key, "doc_id": src.doc_id, "path": src.path,
                    "error": "no article found"}
        n = int("".join(c for c in Path(src.path).stem if c.isdigit()) or 0)
        day = (date(2020, 1, 1) + timedelta(days=3 * n)).isoformat()
        i = raw.find("سلال")
        return {
            "doc_key": src.doc_key, "doc_id": src.doc_id, "path": src.path, "raw_text": raw,
            "articles": [{"title": raw.split("\n")[0], "outlet": "Fake", "published": day,
                          "text": raw, "start": 0, "end": len(raw)}],
            "entities": [{"id": "per:sellal", "type": "PER", "name": "عبد المالك سلال",
                          "name_en": "Abdelmalek Sellal", "country": "DZA", "office": "Prime Minister",
                          "wikidata": None, "mentions": [{"text": "سلال", "start": i, "end": i + 4}]}],
            "events": [{"id": "e1", "event": ["CONSULT"], "mode": ["visit"], "context": [],
                        "date": day, "enddate": None, "date_precision": "day",
                        "source": [{"entity": "per:sellal", "actor_text": "سلال", "code": "DZA"}],
                        "recipient": [{"entity": None, "actor_text": "تونس", "code": "TUN"}],
                        "event_loc": None, "event_text": [raw.split("\n")[0]],
                        "text_info": {"start": 0, "end": len(raw.split("\n")[0])}, "confidence": 0.7}],
        }
