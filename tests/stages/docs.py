"""Helpers of the events tests: a hand-written page with a dateline, and its events as tuples."""


def dated(text: str) -> str:
    """``text`` under a dateline of Tuesday 5 March 2024, so relative times resolve."""
    return "الثلاثاء 2024/03/05\n\n" + text + "\n"


def events(doc, detail: bool = False) -> list[tuple]:
    """One ``(category, source codes, recipient codes)`` per category of each event, codes sorted;
    with ``detail``, the event's mode and context too."""
    out = []
    for e in doc.events:
        src = tuple(sorted({a.code for a in e.source}))
        rec = tuple(sorted({a.code for a in e.recipient}))
        extra = (tuple(e.mode or ()), tuple(e.context or ())) if detail else ()
        out.extend((cat, src, rec) + extra for cat in e.event)
    return out
