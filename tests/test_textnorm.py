from marsad.textnorm import display, fold, fold_key, normalise, to_ascii_digits


def test_fold_orthographic_variants():
    assert fold_key("آشتياني") == fold_key("أشتياني") == fold_key("اشتياني")
    assert fold("مصطفى") == fold("مصطفي")
    assert fold("وزارة") == "وزاره"
    assert fold("بيششكیان") == fold("بيششكيان")
    assert fold_key("مُستديم") == "مستديم"
    assert fold_key("تـــعاون") == "تعاون"


def test_digits_are_folded():
    assert fold("٢١ سبتمبر ٢٠٢٣") == "21 سبتمبر 2023"
    assert to_ascii_digits("۲۰۲۴") == "2024"


def test_offset_map_points_into_raw_text():
    raw = "وزیر\u00a0الدفاعُ الـروسي ﻻ"
    n = normalise(raw)
    assert n.text == "وزير الدفاع الروسي لا"
    i = n.text.index("الروسي")
    s, e = n.raw_span(i, i + len("الروسي"))
    assert raw[s:e] == "الـروسي"
    # the ligature expands to two characters that both map to the same raw character
    j = n.text.index("لا")
    assert n.raw_span(j, j + 2) == (len(raw) - 1, len(raw))


def test_display_keeps_hamza_but_repairs_persian_letters():
    assert display("محمد رضا آشتیانی") == "محمد رضا آشتياني"


def _reference(raw: str):
    """Character-by-character statement of what normalise must produce."""
    from marsad.textnorm import _TABLE_LOWER

    text, offs = [], []
    for i, ch in enumerate(raw):
        rep = ch.translate(_TABLE_LOWER)
        text.append(rep)
        offs.extend([i] * len(rep))
    return "".join(text), tuple(offs) + (len(raw),)


def test_fast_normalise_agrees_with_the_character_reference():
    import random

    alphabet = "أإآاىيیکةۀـًٌٍَُِّْ\u200b\u200c\u00a0ﻻﻷ٠١٢۳ABCabc،؟ «»" + "ابتثجحخدذرزسشصضطظعغفقكلمنهوي "
    rng = random.Random(7)
    for _ in range(300):
        raw = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
        n = normalise(raw)
        assert (n.text, n.offsets) == _reference(raw)
