"""Fixtures for the store tests: a store on every backend, and record builders.

Backends: SQLite (temporary file and ``:memory:``) and PostgreSQL. PostgreSQL comes from
$MARSAD_TEST_PG or ``postgresql://postgres@127.0.0.1:5432/test``; if that is unreachable a private
cluster is started with Debian's binaries in a temporary directory (as the ``postgres`` user when
running as root); failing both, the PostgreSQL cases are skipped with the reason. Every test gets
its own PostgreSQL schema, dropped afterwards.
"""
from __future__ import annotations

import glob
import hashlib
import os
import shutil
import socket
import subprocess
import tempfile
import uuid

import pytest

from marsad.store import open_store

DEFAULT_PG = "postgresql://postgres@127.0.0.1:5432/test"


# ------------------------------------------------------------------ PostgreSQL

def _pg_ok(url: str) -> str | None:
    try:
        import psycopg

        with psycopg.connect(url, connect_timeout=3) as c:
            c.execute("SELECT 1")
        return None
    except Exception as e:  # noqa: BLE001
        return f"{type(e).__name__}: {str(e).strip().splitlines()[0] if str(e).strip() else ''}"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start_private_cluster(base: str) -> tuple[str | None, str, callable]:
    """Start a throwaway cluster; (url or None, reason, stop())."""
    initdbs = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not initdbs:
        return None, "no PostgreSQL server binaries (/usr/lib/postgresql/*/bin/initdb)", lambda: None
    bindir = os.path.dirname(initdbs[-1])
    data = os.path.join(base, "pgdata")
    port = _free_port()
    prefix: list[str] = []
    if os.geteuid() == 0:
        runuser = shutil.which("runuser")
        if runuser is None:
            return None, "running as root and no runuser to drop privileges", lambda: None
        prefix = [runuser, "-u", "postgres", "--"]
        os.makedirs(data, exist_ok=True)
        shutil.chown(base, "postgres")
        shutil.chown(data, "postgres")
        os.chmod(base, 0o755)
    try:
        subprocess.run(prefix + [f"{bindir}/initdb", "-D", data, "-A", "trust", "-U", "postgres"],
                       check=True, capture_output=True, timeout=120)
        subprocess.run(prefix + [f"{bindir}/pg_ctl", "-D", data, "-w", "-l", os.path.join(data, "log"),
                                 "-o", f"-p {port} -k {base} -c listen_addresses=127.0.0.1", "start"],
                       check=True, capture_output=True, timeout=120)
    except subprocess.CalledProcessError as e:
        err = (e.stderr or b"").decode("utf-8", "replace").strip()[-300:]
        return None, f"could not start a private cluster: {e} {err}", lambda: None
    except (subprocess.SubprocessError, OSError) as e:
        return None, f"could not start a private cluster: {e}", lambda: None

    def stop() -> None:
        subprocess.run(prefix + [f"{bindir}/pg_ctl", "-D", data, "-m", "immediate", "stop"],
                       capture_output=True, timeout=60)

    url = f"postgresql://postgres@127.0.0.1:{port}/postgres"
    try:
        import psycopg

        with psycopg.connect(url, autocommit=True, connect_timeout=5) as c:
            c.execute("CREATE DATABASE test")
        url = f"postgresql://postgres@127.0.0.1:{port}/test"
    except Exception as e:  # noqa: BLE001
        stop()
        return None, f"private cluster unusable: {e}", lambda: None
    return url, "", stop


@pytest.fixture(scope="session")
def pg_url():
    """Base URL of a usable PostgreSQL database, or skip."""
    url = os.environ.get("MARSAD_TEST_PG") or DEFAULT_PG
    why = _pg_ok(url)
    if why is None:
        yield url
        return
    # not under pytest's per-user tmp root (mode 0700): the postgres user must reach it
    base = tempfile.mkdtemp(prefix="marsad-pg-")
    priv, why2, stop = _start_private_cluster(base)
    if priv is None:
        shutil.rmtree(base, ignore_errors=True)
        pytest.skip(f"PostgreSQL unavailable: {url} ({why}); {why2}")
    try:
        yield priv
    finally:
        stop()
        shutil.rmtree(base, ignore_errors=True)


def _drop_schema(base_url: str, schema: str) -> None:
    import psycopg

    with psycopg.connect(base_url, autocommit=True) as c:
        c.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


# ------------------------------------------------------------------ store fixtures

BACKENDS = ["sqlite-file", "sqlite-memory", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(params=BACKENDS)
def store_url(request, tmp_path):
    """A fresh store URL per test on each backend (PostgreSQL: a private schema)."""
    if request.param == "sqlite-file":
        yield str(tmp_path / "marsad.db")
    elif request.param == "sqlite-memory":
        yield ":memory:"
    else:
        base = request.getfixturevalue("pg_url")
        schema = "t_" + uuid.uuid4().hex[:12]
        sep = "&" if "?" in base else "?"
        yield f"{base}{sep}schema={schema}"
        _drop_schema(base, schema)


@pytest.fixture(params=["sqlite-file", pytest.param("postgres", marks=pytest.mark.postgres)])
def durable_url(request, tmp_path):
    """Like store_url but only backends that survive reopening (for subprocess tests)."""
    if request.param == "sqlite-file":
        yield str(tmp_path / "marsad.db")
    else:
        base = request.getfixturevalue("pg_url")
        schema = "t_" + uuid.uuid4().hex[:12]
        yield f"{base}?schema={schema}"
        _drop_schema(base, schema)


@pytest.fixture
def store(store_url):
    s = open_store(store_url)
    yield s
    s.close()


# ------------------------------------------------------------------ record builders

def build_record(path: str, raw: str, *, title: str | None = None, outlet: str | None = None,
                 published: str | None = None, entities: list[dict] = (), events: list[dict] = (),
                 doc_key: str | None = None) -> dict:
    """A CONTRACT §2 record (+ raw_text, doc_key) for ``raw``.

    ``entities``: dicts with id/type/name/name_en/country/office and ``surfaces`` (strings whose
    every occurrence in ``raw`` becomes a mention). ``events``: CONTRACT event dicts; an
    ``event_text`` given as one sentence of ``raw`` also sets ``text_info``.
    """
    ents = []
    for e in entities:
        mentions = []
        for s in e.get("surfaces") or [e["name"]]:
            i = raw.find(s)
            while i >= 0:
                mentions.append({"text": s, "start": i, "end": i + len(s)})
                i = raw.find(s, i + len(s))
        ents.append({"id": e["id"], "type": e.get("type", "PER"), "name": e["name"],
                     "name_en": e.get("name_en"), "country": e.get("country"),
                     "office": e.get("office"), "wikidata": e.get("wikidata"),
                     "mentions": sorted(mentions, key=lambda m: m["start"])})
    evs = []
    for n, ev in enumerate(events):
        ev = dict(ev)
        ev.setdefault("id", f"e{n + 1}")
        ev.setdefault("mode", [])
        ev.setdefault("context", [])
        ev.setdefault("enddate", None)
        ev.setdefault("date_precision", "day")
        ev.setdefault("recipient", [])
        ev.setdefault("event_loc", None)
        ev.setdefault("confidence", 0.8)
        text = ev.get("event_text")
        if isinstance(text, str):
            i = raw.find(text)
            ev["event_text"] = [text]
            ev["text_info"] = {"start": max(i, 0), "end": max(i, 0) + len(text)}
        evs.append(ev)
    return {
        "doc_id": hashlib.sha1(raw.encode("utf-8")).hexdigest(),
        "doc_key": doc_key or path,
        "path": path,
        "raw_text": raw,
        "articles": [{"title": title, "outlet": outlet, "published": published, "text": raw,
                      "start": 0, "end": len(raw)}],
        "entities": ents,
        "events": evs,
    }


def actor(entity: str | None, text: str, code: str, office: str | None = None,
          sector: str = "GOV") -> dict:
    return {"entity": entity, "actor_text": text, "identifier_text": text, "code": code,
            "sector": sector, "office": office}


TUNIS = {"name": "Tunis", "name_ar": "تونس", "cc3": "TUN", "latitude": 36.819, "longitude": 10.166,
         "geonameid": 2464470}
CARTHAGE = {"name": "Carthage", "name_ar": "قرطاج", "cc3": "TUN", "latitude": 36.853, "longitude": 10.323,
            "geonameid": 2472706}
TEHRAN = {"name": "Tehran", "name_ar": "طهران", "cc3": "IRN", "latitude": 35.694, "longitude": 51.422,
          "geonameid": 112931}
ASTANA = {"name": "Astana", "name_ar": "نورسلطان", "cc3": "KAZ", "latitude": 51.180, "longitude": 71.446,
          "geonameid": 1526273}

# Real text. Jawhara FM items from the ANT corpus v1.1 (Apache-2.0; Chouigui et al. 2017), lines of
# ../shared/corpus/jawhara-ant-v1.jsonl.gz; seed excerpts from ../shared/corpus/seeds/002*, 003*.
JAWHARA_3850 = (  # 2017-03-09: Sellal meets Ennaceur; co-chairs the joint committee with Chahed
    "قال الوزير الأول الجزائري عبد المالك سلال اثر لقاء جمعه برئيس مجلس نواب الشعب محمد الناصر، إن "
    "العلاقات الثنائية بين البلدين مميزة وستكون أحسن خلال الفترة القادمة.\nوأضاف في تصريح لمراسل "
    "الجوهرة اف ام، أنه عاهد رئيس المجلس بالمحافظة على متانة العلاقة بين البلدين ومواصلة التقدم والعمل "
    "معا.وأوضح عبد المالك سلال أن محمد الناصر أبدى دعمه للمنهج الذي تنتهجه الجزائر، وعملها. ويأتي "
    "اجتماع الوزير الأول الجزائري برئيس المجلس، على هامش زيارة عمل أداها اليوم الخميس إلى تونس، ترأس "
    "خلالها أشغال الدورة ال21 للجنة المختلطة العليا التونسية-الجزائرية رفقة رئيس الحكومة يوسف الشاهد،"
    "والتي انتهت بالمصادقة على عديد الاتفاقيات بين تونس والجزائر."
)
JAWHARA_7141 = (  # 2017-03-08: announces the same joint committee session for "tomorrow, Thursday"
    "يؤدي الوزير الأول الجزائري عبد المالك سلال غدا الخميس زيارة عمل الى تونس، حيث سيترأس أشغال الدورة "
    "ال21 للجنة المختلطة العليا الجزائرية-التونسية مناصفة مع نظيره التونسي يوسف الشاهد، وفقا لوكالة "
    "الانباء الجزائرية الرسمية.\nوسيتوج اللقاء بالتوقيع على عدة اتفاقات تعاون، كما سيشكل أيضا مناسبة "
    "بالنسبة للمسؤولين لتبادل وجهات النظر حول اهم الأحداث الحاصلة على الساحة الدولية و كذلك القضايا "
    "الهامة المرتبطة بتطور الوضع السياسي و الأمني في المنطقة."
)
JAWHARA_7158 = (  # 2017-03-09: President Essebsi receives Sellal at Carthage palace
    "استقبل رئيس الجمهورية الباجي قايد السبسي، صباح اليوم بقصر قرطاج الوزير الأوّل الجزائري،، عبد "
    "المالك سلال الذي يؤدّي زيارة إلى تونس لترؤس وفد بلاده في أشغال الدورة 21 للجنة الكبرى المشتركة "
    "التونسية الجزائرية.\nوقد تطرّق اللقاء إلى عدد من القضايا التي تهم المنطقة وفي مقدمتها تطورات "
    "الأوضاع في ليبيا."
)
SEED_002 = (  # al-Wifaq, 21 Sep 2023: Shoigu in Tehran meets Ashtiani (spelt آشتياني)
    "ايران وروسيا تبحثان إنشاء تحالف عسكري مُستديم ومُحكم\n\n"
    "كما التقى وزير الدفاع الروسي نظيره الايراني العميد محمد رضا آشتياني في مقر وزارة الدفاع الايرانية، "
    "حيث اكد الوزير آشتياني خلال هذا اللقاء ان التعاون الدفاعي والعسكري بين البلدين حظي دائمًا بدعم "
    "واسناد القيادات رفيعة المستوى فيهما. وقال آشتياني خلال الإجتماع مع نظيره الروسي سيرغي شويغو في "
    "طهران: إنّ الوضع في العالم يتطور بشكلٍ متسارع."
)
SEED_003 = (  # al-Modon, 26 Apr 2024: Shoigu meets Ashtiani (spelt أشتياني) in Astana
    "ايران وروسيا:العلاقات العسكرية ترتقي إلى مستوى جديد\n\n"
    "وأضاف شويغو بعد محادثات مع وزير الدفاع الإيراني محمد أشتياني في عاصمة كازاخستان، نورسلطان، أن "
    "\"الاتصالات بين موسكو وطهران على أعلى المستويات\".\nبدوره أكد أشتياني أن العلاقات بين موسكو "
    "وطهران انتقلت إلى مستوى جديد."
)

SELLAL = {"id": "per:sellal", "name": "عبد المالك سلال", "name_en": "Abdelmalek Sellal",
          "country": "DZA", "office": "Prime Minister", "surfaces": ["عبد المالك سلال"]}
CHAHED = {"id": "per:chahed", "name": "يوسف الشاهد", "name_en": "Youssef Chahed", "country": "TUN",
          "office": "Head of Government", "surfaces": ["يوسف الشاهد"]}
ENNACEUR = {"id": "per:ennaceur", "name": "محمد الناصر", "name_en": "Mohamed Ennaceur", "country": "TUN",
            "office": "Speaker of Parliament", "surfaces": ["محمد الناصر"]}
ESSEBSI = {"id": "per:essebsi", "name": "الباجي قايد السبسي", "name_en": "Beji Caid Essebsi",
           "country": "TUN", "office": "President", "surfaces": ["الباجي قايد السبسي"]}
SHOIGU = {"id": "per:shoigu", "name": "سيرغي شويغو", "name_en": "Sergei Shoigu", "country": "RUS",
          "office": "Minister of Defence", "surfaces": ["سيرغي شويغو", "شويغو"]}
ASHTIANI = {"id": "per:ashtiani", "name": "محمد رضا آشتياني", "name_en": "Mohammad-Reza Ashtiani",
            "country": "IRN", "office": "Minister of Defence",
            "surfaces": ["محمد رضا آشتياني", "آشتياني"]}
ASHTIANI_B = dict(ASHTIANI, id="per:ashtiani-b", name="محمد أشتياني", surfaces=["محمد أشتياني", "أشتياني"])
TUNISIA = {"id": "gpe:tun", "type": "GPE", "name": "تونس", "name_en": "Tunisia", "country": "TUN",
           "surfaces": ["تونس"]}


def _sellal_visit(recipient: dict, text: str, date: str = "2017-03-09", loc=TUNIS, context=()):
    return {"event": ["CONSULT"], "mode": ["visit"], "context": list(context), "date": date,
            "source": [actor("per:sellal", "عبد المالك سلال", "DZA", "Prime Minister")],
            "recipient": [actor(recipient["id"], recipient["name"], "TUN", recipient["office"])],
            "event_loc": loc, "event_text": text}


def corpus_records() -> dict[str, dict]:
    """Records built on the real texts above, coded by hand the way CONTRACT §3 asks."""
    j = "corpus/jawhara-ant-v1.jsonl"
    r3850 = build_record(
        f"{j}#3851", JAWHARA_3850, doc_key=f"{j}#3851", outlet="Jawhara FM", published="2017-03-09",
        title="الوزير الأول الجزائري يتعهّد بالمحافظة على متانة العلاقات الثنائية",
        entities=[SELLAL, ENNACEUR, CHAHED, TUNISIA],
        events=[
            _sellal_visit(ENNACEUR, "قال الوزير الأول الجزائري عبد المالك سلال اثر لقاء جمعه برئيس مجلس "
                                    "نواب الشعب محمد الناصر"),
            _sellal_visit(CHAHED, "ترأس خلالها أشغال الدورة ال21 للجنة المختلطة العليا التونسية-الجزائرية "
                                  "رفقة رئيس الحكومة يوسف الشاهد"),
        ])
    r7141 = build_record(
        f"{j}#7142", JAWHARA_7141, doc_key=f"{j}#7142", outlet="Jawhara FM", published="2017-03-08",
        title="الوزير الأول الجزائري يؤدي زيارة عمل إلى تونس",
        entities=[SELLAL, CHAHED, TUNISIA],
        events=[_sellal_visit(CHAHED, "يؤدي الوزير الأول الجزائري عبد المالك سلال غدا الخميس زيارة عمل الى "
                                      "تونس", context=("future",))])
    r7158 = build_record(
        f"{j}#7159", JAWHARA_7158, doc_key=f"{j}#7159", outlet="Jawhara FM", published="2017-03-09",
        title="رئيس الجمهورية يستقبل الوزير الأول الجزائري",
        entities=[ESSEBSI, SELLAL, TUNISIA],
        events=[_sellal_visit(ESSEBSI, "استقبل رئيس الجمهورية الباجي قايد السبسي، صباح اليوم بقصر قرطاج",
                              loc=CARTHAGE)])
    s002 = build_record(
        "seeds/002_d663601aca17d24f.txt", SEED_002, outlet="الوفاق", published="2023-09-21",
        title="ايران وروسيا تبحثان إنشاء تحالف عسكري مُستديم ومُحكم",
        entities=[SHOIGU, ASHTIANI],
        events=[{"event": ["CONSULT"], "mode": ["visit"], "context": ["military"], "date": "2023-09-19",
                 "source": [actor("per:shoigu", "سيرغي شويغو", "RUS", "Minister of Defence")],
                 "recipient": [actor("per:ashtiani", "محمد رضا آشتياني", "IRN", "Minister of Defence")],
                 "event_loc": TEHRAN,
                 "event_text": "كما التقى وزير الدفاع الروسي نظيره الايراني العميد محمد رضا آشتياني"}])
    s003 = build_record(
        "seeds/003_91a0d7577f9035ad.txt", SEED_003, outlet="المدن", published="2024-04-26",
        title="ايران وروسيا:العلاقات العسكرية ترتقي إلى مستوى جديد",
        entities=[dict(SHOIGU, surfaces=["شويغو"]), ASHTIANI_B],
        events=[{"event": ["CONSULT"], "mode": ["third-party"], "context": ["military"],
                 "date": "2024-04-26",
                 "source": [actor("per:shoigu", "سيرغي شويغو", "RUS", "Minister of Defence"),
                            actor("per:ashtiani-b", "محمد أشتياني", "IRN", "Minister of Defence")],
                 "event_loc": ASTANA,
                 "event_text": "وأضاف شويغو بعد محادثات مع وزير الدفاع الإيراني محمد أشتياني في عاصمة "
                               "كازاخستان"}])
    return {"3850": r3850, "7141": r7141, "7158": r7158, "002": s002, "003": s003}


@pytest.fixture
def records() -> dict[str, dict]:
    return corpus_records()


@pytest.fixture
def make_record():
    return build_record
