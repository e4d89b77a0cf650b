"""US jurisdictions: normalise a name or postal code, or infer one from text.

Only full state names are counted when inferring: postal codes in prose ("OR",
"IN", "ME") are ordinary words far too often to be evidence.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from ..phrases import NOT_AFTER_WORD

STATES: dict[str, str] = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas",
    "CA": "California", "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware",
    "FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho",
    "IL": "Illinois", "IN": "Indiana", "IA": "Iowa", "KS": "Kansas",
    "KY": "Kentucky", "LA": "Louisiana", "ME": "Maine", "MD": "Maryland",
    "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota", "MS": "Mississippi",
    "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
    "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York",
    "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma",
    "OR": "Oregon", "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina",
    "SD": "South Dakota", "TN": "Tennessee", "TX": "Texas", "UT": "Utah",
    "VT": "Vermont", "VA": "Virginia", "WA": "Washington", "WV": "West Virginia",
    "WI": "Wisconsin", "WY": "Wyoming", "DC": "District of Columbia",
}

_ALIASES: dict[str, str] = {
    **{name.lower(): code for code, name in STATES.items()},
    **{code.lower(): code for code in STATES},
    "washington, d.c.": "DC", "washington dc": "DC", "washington d.c.": "DC",
    "d.c.": "DC", "us": "US", "u.s.": "US", "usa": "US", "u.s.a.": "US",
    "united states": "US", "united states of america": "US", "federal": "US",
}

# Longest names first so "West Virginia" wins over "Virginia" at the same place.
_NAMES = sorted([*(n for n in STATES.values()), "Washington, D.C."], key=len, reverse=True)
#: A state named in prose; group 1 is the name (see :func:`normalize_jurisdiction`).
#: The word boundary in front of a name is checked after its first letter
#: ("not after a word character", two characters back): a pattern that starts
#: with a literal lets re skip to the capital letters where a name can start,
#: while a leading \b makes it try every position (measured: 4x slower).
STATE_MENTION = re.compile(
    "(" + "|".join(re.escape(n[0]) + NOT_AFTER_WORD + re.escape(n[1:]) for n in _NAMES) + r")\b")


@lru_cache(maxsize=1024)
def normalize_jurisdiction(value: str) -> str | None:
    """Two-letter postal code for a state name or code, "US" for federal, else None.

    Remembered: extraction asks for every state named in every answer, the
    same few names again and again, and each call rebuilds its key and runs
    a regex substitution (the 1,000-doc corpus: 0.54 -> 0.29 s in cProfile).

    >>> normalize_jurisdiction("new mexico"), normalize_jurisdiction("tx")
    ('NM', 'TX')
    """
    key = " ".join(value.split()).strip().lower()
    key = re.sub(r"^(?:the\s+)?(?:state|commonwealth) of\s+", "", key)
    return _ALIASES.get(key)


def infer_jurisdiction(texts: Iterable[str]) -> str | None:
    """The state named most often in ``texts``; None when none or a tie."""
    counts: Counter[str] = Counter()
    for text in texts:
        for match in STATE_MENTION.finditer(text):
            counts[normalize_jurisdiction(match.group(1)) or ""] += 1
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0] or None
