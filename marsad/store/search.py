"""Arabic-folded full-text search helpers shared by both backends.

The index (``search_docs``) holds a *folded* copy (``marsad.textnorm.fold_key``) of article titles
and texts and of entity names; queries are folded the same way, so hamza/alef, yeh, taa marbuta,
diacritic and tatweel variants all meet. Snippets are cut from the raw text using the offset map
of ``marsad.textnorm.normalise``.
"""
from __future__ import annotations

from functools import lru_cache

from marsad.textnorm import fold_key, normalise


#: proclitics stripped from indexed words (conjunctions و ف, prepositions ب ل ك, with or without ال)
_CLITICS = (("وال", "ال"), ("فال", "ال"), ("بال", "ال"), ("كال", "ال"), ("لل", "ال"),
            ("و", ""), ("ف", ""), ("ب", ""), ("ل", ""), ("ك", ""))


def clitic_variants(token: str) -> list[str]:
    """Forms of a folded word without its proclitics: «لقطر» -> قطر; «بالسعودية» -> السعودية, سعودية."""
    out: list[str] = []
    for pre, repl in _CLITICS:
        if token.startswith(pre) and len(token) - len(pre) >= 3:
            v = repl + token[len(pre):]
            if v not in out:
                out.append(v)
            break
    for v in list(out) + [token]:
        if v.startswith("ال") and len(v) >= 5 and v[2:] not in out:
            out.append(v[2:])
    return [v for v in out if v != token]


@lru_cache(maxsize=1 << 16)
def _variants(token: str) -> tuple[str, ...]:
    """:func:`clitic_variants` of ``token``, remembered for the 65,536 latest word types."""
    return tuple(clitic_variants(token))


def index_text(text: str | None) -> str:
    """What the full-text index holds for ``text``: its folded words, then (once each) the
    clitic-free forms of words that carry proclitics, so «قطر» finds «لقطر، بقطر، وقطر»."""
    folded = fold_key(text)
    extra: list[str] = []
    words = folded.split()
    seen = set(words)
    for t in dict.fromkeys(words):  # each word once, in order of first use: a repeat adds nothing new
        for v in _variants(t):
            if v not in seen:
                seen.add(v)
                extra.append(v)
    return folded + (" " + " ".join(extra) if extra else "")


def query_tokens(query: str) -> list[str]:
    """The folded words of a search query (``fold_key``: Arabic letter variants and diacritics folded)."""
    return [t for t in fold_key(query).split() if t]


def fts5_query(query: str) -> str:
    """An FTS5 MATCH expression: every folded token quoted, implicitly AND-ed."""
    return " ".join('"' + t.replace('"', '""') + '"' for t in query_tokens(query))


def snippet(raw: str | None, query: str, width: int = 80) -> str:
    """About ``2*width`` characters of ``raw`` around the first folded hit of a query token."""
    if not raw:
        return ""
    toks = query_tokens(query)
    norm = normalise(raw)
    ntext = norm.text
    pos = -1
    hit_len = 0
    for t in toks:
        i = ntext.find(t)
        if i >= 0 and (pos < 0 or i < pos):
            pos, hit_len = i, len(t)
    if pos < 0:
        s = raw[: 2 * width].replace("\n", " ").strip()
        return s + ("…" if len(raw) > 2 * width else "")
    rs, re_ = norm.raw_span(pos, pos + hit_len)
    a = max(0, rs - width)
    b = min(len(raw), re_ + width)
    out = raw[a:rs] + "[" + raw[rs:re_] + "]" + raw[re_:b]
    out = " ".join(out.split())
    return ("…" if a > 0 else "") + out + ("…" if b < len(raw) else "")
