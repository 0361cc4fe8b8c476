"""Country labels for the UI: Arabic and English names from the one country table, the KB's
(``data/kb/countries.json``; pycountry gives the English name of an ISO code the KB lacks);
``IGO:<org id>`` keys named after the organisation (KB), the bare actor codes of :data:`IGO` after
the kind of body."""
from __future__ import annotations

from functools import lru_cache
from typing import Any

IGO = {"IGO": ("منظمة دولية", "International organisation"), "UNO": ("الأمم المتحدة", "United Nations"),
       "NATO": ("حلف الناتو", "NATO"), "EUR": ("الاتحاد الأوروبي", "European Union"),
       "ARL": ("جامعة الدول العربية", "Arab League"), "NGO": ("منظمة غير حكومية", "NGO")}


@lru_cache(maxsize=1)
def _kb() -> Any:
    try:
        from marsad.kb import KB

        return KB.load()
    except Exception:  # pragma: no cover - labels fall back to the tables below
        return None


def _org(code: str) -> Any:
    kb = _kb()
    if kb is None or not code.upper().startswith("IGO:"):
        return None
    oid = code[4:].lower()
    return next((o for o in kb.orgs() if o.id == oid), None)


@lru_cache(maxsize=1024)
def country_name_en(code: Any) -> str:
    """English name of an actor code: an IGO (``IGO:<org id>`` from the KB, or the IGO table),
    else the KB country, else pycountry's name of an ISO alpha-3 code, else the code; ``""`` for none."""
    if not isinstance(code, str) or not code:
        return ""
    org = _org(code.strip())
    if org is not None:
        return org.name_en
    c = code.strip().upper()
    if c in IGO:
        return IGO[c][1]
    kb = _kb()
    k = kb.country(c) if kb is not None else None
    if k is not None and k.name_en:
        return k.name_en
    try:
        import pycountry
        rec = pycountry.countries.get(alpha_3=c)
        if rec is not None:
            return getattr(rec, "common_name", None) or rec.name
    except Exception:  # pragma: no cover - pycountry missing or broken
        pass
    return c


@lru_cache(maxsize=1024)
def country_name_ar(code: Any) -> str:
    """Arabic name of an actor code: an IGO from the KB, else the KB country, else the :data:`IGO`
    table; ``""`` when no name is known."""
    if not isinstance(code, str) or not code:
        return ""
    org = _org(code.strip())
    if org is not None:
        return org.name_ar
    c = code.strip().upper()
    kb = _kb()
    k = kb.country(c) if kb is not None else None
    return (k.name_ar if k is not None else "") or IGO.get(c, ("",))[0]


def country_label(code: Any) -> str:
    """"روسيا · Russian Federation (RUS)" — plain text, escaped by the templates."""
    if not isinstance(code, str) or not code:
        return ""
    c = code.strip() if code.strip().upper().startswith("IGO:") else code.strip().upper()
    ar, en = country_name_ar(c), country_name_en(c)
    parts = [p for p in (ar, en if en != c else "") if p]
    return (" · ".join(parts) + f" ({c})") if parts else c
