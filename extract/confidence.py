"""A claim's confidence, as measured: the share of claims like it that were right.

"Like it" is what can be read off the claim itself: how it was reported (direct, indirect,
mixed, according to), how its speaker is named at the cue (a name, a pronoun, a description,
an organisation, no one, a quote going on with no cue) and whether its cue is a plain "said" or
another verb. `bench/calibrate.py` counts, on the annotated development sets, how many claims
of each kind were right (a true claim with the right speaker) and writes the shares to
`data/confidence.json`; each claim then gets the share of its kind (backing off to coarser
kinds where few were seen). On those sets a claim at 0.9 is right about nine times in ten:
`bench/quality.py` prints the reliability table for every set, the blind ones included.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

from .schema import Claim

PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you"})
_SAY = frozenset({"said", "says", "say", "saying", "told", "tells", "tell", "added", "adds"})


def features(claim: Claim) -> tuple[str, str, str]:
    """(kind, how the speaker is named, cue): what a claim's confidence is looked up by."""
    who: str
    if claim.speaker is None:
        who = "nobody"
    elif claim.speaker_text is None:
        who = "continuation"
    elif claim.speaker_text.strip().lower() in PRONOUNS:
        who = "pronoun"
    elif claim.speaker.type != "person":
        who = "organisation"
    else:
        name = {part.lower() for part in claim.speaker.name.split()}
        words = {w.strip(".,'’").lower() for w in claim.speaker_text.split()}
        who = "name" if name & words else "description"
    cue = claim.cue.lower() if claim.cue else ""
    verb = (
        "none"
        if not cue
        else ("say" if cue in _SAY else "according" if cue.startswith("according") else "other")
    )
    return claim.kind, who, verb


def keys(claim: Claim) -> list[str]:
    """The table keys of a claim, most specific first."""
    kind, who, verb = features(claim)
    return [f"{kind}/{who}/{verb}", f"{kind}/{who}", kind, "*"]


@cache
def table() -> dict[str, float]:
    path = resources.files("claimgraph.extract").joinpath("data/confidence.json")
    try:
        data = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return {}
    return {key: float(value) for key, value in data["confidence"].items()}


def calibrated(claim: Claim) -> float:
    """The measured share of right claims of this claim's kind; the rule-based estimate the
    claim came with when no table is installed."""
    shares = table()
    for key in keys(claim):
        if key in shares:
            return shares[key]
    return claim.confidence
