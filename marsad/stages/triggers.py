"""The events stage's word tables: the frame lexicon (``data/frames.json``) and the cue and topic word sets
of ``data/triggers.json``, folded and built once per process, and the :class:`Trigger` a matched frame
gives a token."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from ..frames import FrameLexicon, frame_lexicon
from ..textnorm import fold_key


@dataclass(frozen=True)
class Trigger:
    """A matched frame: its category and subject role, and what the word's form says."""

    category: str
    role: str
    frame: str = ""
    noun: bool = False  # a verbal noun ("زيارة", "غارات") rather than a finite verb
    aspect: str = "past"  # past | present | future | noun
    obj_pronoun: bool = False  # a verb with an object suffix: "استقبله" (received him)
    dual: bool = False  # a dual verb: "ووقّعا" (the two of them signed)
    definite: bool = False  # a verbal noun with the article: "الزيارة" (the visit already told)
    feminine: bool = False  # a verb of a feminine singular subject: "وتنفي" (a state, not "he")


_NO_TRIGGER = Trigger("", "")


@dataclass
class Lexicon:
    """The events stage's word tables: the frame lexicon (data/frames.json), cue word sets and topic word sets
    (data/triggers.json, folded), AID modes, state names too ambiguous to act, and each frame's verbal nouns."""
    frames: FrameLexicon
    cues: dict[str, set[str]]
    topics: dict[str, set[str]]
    aid_modes: dict[str, set[str]]
    ambiguous: set[str]
    masdars: dict[str, frozenset[str]] = field(default_factory=dict)  # frame id -> its verbal nouns, bare

    def trigger(self, word: str) -> Trigger | None:
        """The frame a folded word triggers, if any (ignores the frame's next-word constraint)."""
        got = self.frames.lookup(word)
        if got is None:
            return None
        frame, form = got
        return Trigger(frame.category, frame.role, frame.id, form.pos == "noun", form.aspect)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The :class:`Lexicon` read from ``marsad/data/triggers.json`` and ``frames.json`` (folded; built once
    per process). Raises ``KeyError``/``ValueError`` on a malformed table."""
    data = json.loads(resources.files("marsad.data").joinpath("triggers.json").read_text("utf-8"))
    fk = lambda d: {k: {fold_key(x) for x in v} for k, v in d.items()}  # noqa: E731
    frames = json.loads(resources.files("marsad.data").joinpath("frames.json").read_text("utf-8"))["frames"]
    # a frame's verbal nouns, and "masdar": nouns spelled like its past verb, read as nouns only where a
    # noun must stand ("بعد توعد ترامب …"; see EventsStage._masdar_here)
    masdars = {f["id"]: frozenset(fold_key(n) for n in f.get("nouns", []) + f.get("masdar", [])) for f in frames}
    return Lexicon(frame_lexicon(), fk(data["cues"]), fk(data["topics"]), fk(data["aid_modes"]),
                   {fold_key(w) for w in data["ambiguous_state_names"]}, masdars)
