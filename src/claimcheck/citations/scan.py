"""Find citation forms in one text: templates, state codes and named acts.

:func:`scanner` compiles the rule files once per process; :meth:`Scanner.scan`
returns the :class:`Hit` objects of one answer's text, overlaps resolved (the
longest match wins; on a tie, the earlier template in the file).

Why not citeurl (12.0.4, measured as CPU time on the 26 KB seed): importing it
costs ~12-44 ms (it pulls in ``markdown``), building the "general federal law"
Citator ~33 ms and one scan ~12 ms -- most of the 100 ms budget -- for six
federal forms that are one regex each here, while every state form (the MCA's
short forms among them) had to be ours anyway. The federal templates follow
citeurl's forms and a test compares the two when citeurl is installed.

Why no big alternation of the ~250 state-code forms: compiling one costs ~13 ms.
Numbers are found first and the words before or after them looked up in a dict.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from claimcheck.citations.rules import (
    Act,
    CitationRules,
    State,
    StateCode,
    Template,
    load_rules,
)
from claimcheck.literals import (
    LiteralScan,
    finditer_at,
    finditer_starting,
    literal_starts,
    match_starts,
    passes,
    required_literals,
    trie_regex,
)
from claimcheck.phrases import boundary_after_first, trie_pattern
from claimcheck.models import CitationStatus

#: The placeholders a template's regex may contain, filled in by Scanner.regex().
_PLACEHOLDER = re.compile(r"\{(STATE|ACT|ACRONYM|SUB)\}")
#: A run of subsections: "(e)(8)", "(1)(A)(ii)".
SUB = r"(?P<subsection>(?:\s?\([0-9A-Za-z]{1,4}\))*)"
#: A section number as state codes write it: 2-6-1201, 43.17.425, 10850, 44:1.
SECTION = r"\d+[A-Za-z]?(?:[-.:](?:\d+[A-Za-z]*|[A-Z](?=[-.:]\d)))*"
#: A "section" marker before a number.
MARK = r"(?:§§?|[Ss]ections?|[Ss]ecs?\.)"

#: Words dropped from the front of an unknown act's name ("Under the X Act").
_LEADING = {"the", "this", "that", "these", "such", "under", "in", "per", "see", "both",
            "each", "its", "their", "our", "an", "a", "as", "and", "or", "by", "with",
            "also", "specifically", "additionally", "including", "like", "e.g."}
_GENERIC_ACT = re.compile(
    r"(?P<name>(?:[A-Z][\w'’.-]*\s+)(?:(?:[A-Z][\w'’.-]*|and|of|for|to|on|the|in|&)\s+){0,10}?"
    r"Act)\b(?:\s+of\s+(?P<year>\d{4}))?(?:\s*\((?P<acr>[A-Z][A-Za-z&. -]{0,14}[A-Za-z])\))?")
#: What a text must contain for _GENERIC_ACT to match in it ("Act").
_GENERIC_ACT_CLAUSES = required_literals(_GENERIC_ACT.pattern)


@dataclass(frozen=True)
class Hit:
    """One citation found in a text, normalised and triaged."""

    start: int
    end: int
    text: str
    normalized: str
    kind: str
    jurisdiction: str | None
    url: str | None
    status: CitationStatus
    reason: str
    #: Position of the producing rule, for deterministic tie-breaking.
    priority: int = 0


def _words(literal: str) -> str:
    """A literal form as a regex: any run of spaces where one is written."""
    return r"\s+".join(re.escape(part) for part in literal.split()).replace("'", "['’]")


def _key(text: str) -> str:
    return " ".join(text.replace("’", "'").split())


#: How a form's characters other than letters and digits are matched: an apostrophe as either kind.
_CHARS = {"'": "['’]"}


def _alternation(forms: list[str], *, not_after: str = "") -> str:
    """One regex for many literal forms, as a character trie.

    Python's ``re`` tries the branches of a plain alternation one by one at every
    position; sharing prefixes makes the 250 state-code forms about 3x cheaper.
    Longer forms win because every branch is greedy and the end is optional.

    ``not_after`` (a character class) is a form that must not follow such a
    character: the same as ``(?<!not_after)`` in front, but checked after
    the first character, because ``re`` skips quickly over the positions
    where no form can start only when a pattern begins with a literal
    character; a look-behind in front makes it try every position (the
    act and acronym scans were 4-5x slower for it).
    """
    keys = {_key(form) for form in forms}
    if not_after and "" in keys:  # an empty form: there is no first character
        return f"(?<!{not_after})" + trie_pattern(keys, chars=_CHARS)
    # After one character, the one before the form is two back.
    return trie_pattern(keys, chars=_CHARS, after_first=f"(?<!{not_after}[\\s\\S])" if not_after else "")


class Scanner:
    """The compiled rule files. Build with :func:`scanner` (cached per process)."""

    def __init__(self, rules: CitationRules) -> None:
        self.states = rules.states
        self.acts = rules.acts
        # ---- states by written name or abbreviation
        self.state_by_name: dict[str, str] = {}
        for postal, state in rules.states.items():
            for written in (state.name, state.abbr):
                self.state_by_name[_key(written)] = postal
        state_alt = _alternation(list(self.state_by_name))
        self.state_before_re = re.compile(rf"(?<![\w.])(?P<state>{state_alt})(?:['’]s)?\s+$")
        # ---- acts by name/alias and by acronym
        self.act_by_name: dict[str, Act] = {}
        self.act_by_acronym: dict[str, Act] = {}
        for act in rules.acts:
            for name in (act.name, *act.aliases):
                self.act_by_name[_key(name).lower()] = act
            for acronym in act.acronyms:
                self.act_by_acronym[_key(acronym)] = act
        act_names = [a.name for a in rules.acts] + [x for a in rules.acts for x in a.aliases]
        act_alt = _alternation(act_names)
        acronym_alt = _alternation(list(self.act_by_acronym))
        fill = {"STATE": state_alt, "ACT": act_alt, "ACRONYM": acronym_alt, "SUB": SUB}
        self._fill = fill
        self.rule_templates = rules.templates
        #: Per template, its pre-filter clauses: the declared ``requires`` strings and
        #: the literals its regex cannot match without (see literals.py). Computed
        #: from the template as written, placeholders stood in for by one character:
        #: parsing the filled-in state and act alternations would cost as much as
        #: compiling them, which regex() puts off until a text passes.
        self._prefilters: list[list[frozenset[str]]] = [
            ([frozenset(t.requires)] if t.requires else [])
            + required_literals(_PLACEHOLDER.sub("(?:.)", t.regex))
            for t in rules.templates]
        #: Per template, a gate (or None): strings of which the text must contain one
        #: for the pre-filter to pass, found for all templates in one pass (LiteralScan).
        #: Each is the part of a clause's literal from a character rare in prose on,
        #: so the gate is implied by the clause; the clauses are still tested after it.
        self._gates: list[frozenset[str] | None] = [_gate(clauses) for clauses in self._prefilters]
        self._gate_scan = LiteralScan({s for gate in self._gates if gate for s in gate})
        self._compiled: dict[str, re.Pattern[str]] = {}
        #: Per compiled template, where its matches can start, when ``re`` would
        #: otherwise try every position (see literals.match_starts), else None.
        self._starts: dict[str, tuple[str, ...] | re.Pattern[str] | None] = {}
        # Not after a word character or hyphen (see _alternation's not_after).
        self.acts_re = re.compile(
            r"(?P<name>" + _alternation(act_names, not_after=r"[\w-]") + r")(?:\s+of\s+(?P<year>\d{4}))?"
            r"(?:\s*\((?P<acr>[A-Z][A-Za-z&. -]{0,14}[A-Za-z])\))?(?![\w-])")
        self.acronyms_re = re.compile(
            r"(?P<acr>" + _alternation(list(self.act_by_acronym), not_after=r"[\w-]") + r")(?![\w-])")
        self._compile_state_codes(rules.states)

    # ------------------------------------------------------------ state codes

    def _compile_state_codes(self, states: dict[str, State]) -> None:
        #: written form -> [(postal, code, subject slug, subject as written first, bare)]
        self.code_forms: dict[str, list[tuple[str, StateCode, str, str, bool]]] = {}
        for postal, state in states.items():
            for code in state.codes:
                subjects = code.subjects or {"": [""]}
                for form in code.forms:
                    for slug, written in subjects.items():
                        variants = written if "{subject}" in form else written[:1]
                        for subject in variants:
                            literal = form.replace("{subject}", subject)
                            entry = (postal, code, slug, written[0], form.startswith("{subject}"))
                            self.code_forms.setdefault(_key(literal), []).append(entry)
        # No regex alternation of the ~250 forms: compiling one costs ~13 ms a process.
        # Numbers are found first and the words around them looked up in the dict;
        # bare names are found from their last word ("... Code", "... Annotated").
        self.form_lengths = sorted({len(form) for form in self.code_forms}, reverse=True)
        self.number_re = re.compile(
            rf"(?<![\w.§-])(?:(?P<mark>{MARK})\s*)?(?P<section>{SECTION}){SUB}")
        #: Where number_re can start: "§", "Sec"/"sec" or a digit. number_re begins with a
        #: look-behind and an optional group, so ``re`` would try every position; these are
        #: found with a find loop each (literals.literal_starts), which on the 1,000-doc
        #: corpus took 0.07 s where a regex scan for them ("[§Ss\d]…") took 0.23 s.
        self.number_starts = ("§", "Sec", "sec", *"0123456789")
        last_words = {form.split()[-1] for form in self.code_forms if " " in form}
        self.last_word_re = re.compile(
            r"(?:" + _alternation(list(last_words), not_after=r"[\w.]") + r")(?![A-Za-z])")

    def _form_ending_at(self, text: str, end: int) -> tuple[str, int] | None:
        """The longest written code form that ends at ``end``, and where it starts."""
        window = _key(text[max(0, end - 70):end])
        for length in self.form_lengths:
            if length <= len(window) and window[-length:] in self.code_forms and (
                    length == len(window) or not _joins(window[-length - 1])):
                form = window[-length:]
                found = re.search(_words(form) + r"$", text[max(0, end - 90):end])
                if found:
                    return form, end - (len(text[max(0, end - 90):end]) - found.start())
        return None

    def _form_starting_at(self, text: str, start: int) -> tuple[str, int] | None:
        """The longest written code form that starts at ``start``, and where it ends."""
        window = _key(text[start:start + 70])
        for length in self.form_lengths:
            if length <= len(window) and window[:length] in self.code_forms and (
                    length == len(window) or not window[length].isalpha()):
                found = re.compile(_words(window[:length])).match(text, start)
                if found:
                    return window[:length], found.end()
        return None

    def _code_entry(self, written: str, jurisdiction: str | None):
        entries = self.code_forms.get(_key(written), [])
        for entry in entries:
            if not entry[4] or entry[0] == jurisdiction:
                return entry
        return None

    def _state_code_hits(self, text: str, jurisdiction: str | None, priority: int) -> list[Hit]:
        hits = []
        for m in finditer_at(literal_starts(text, self.number_starts), self.number_re, text):
            # "MCA § 2-6-1201", "RCW 43.17.425": the code's name just before
            before = m.start()
            while before > 0 and m.start() - before < 3 and text[before - 1] in " \t,":
                before -= 1
            found = self._form_ending_at(text, before) if before < m.start() else None
            if found:
                hits += self._code_section_hit(found[0], m, jurisdiction, found[1], m.end(),
                                               priority)
            # "Section 2-6-1201, MCA", "section 10850 of the Welfare and Institutions Code"
            tail = re.compile(r"\s*,\s*|\s+of\s+(?:the\s+)?").match(text, m.end())
            found = self._form_starting_at(text, tail.end()) if tail else None
            if found:
                hits += self._code_section_hit(found[0], m, jurisdiction, m.start(), found[1],
                                               priority)
        for m in self.last_word_re.finditer(text):
            found = self._form_ending_at(text, m.end())
            if found and " " in found[0]:
                # Only a name of more than one word stands alone as a (vague) mention.
                hits += self._code_bare_hit(found[0], text, found[1], m.end(), jurisdiction,
                                            priority + 1000)
        return hits

    def _code_section_hit(self, form: str, number: re.Match[str], jurisdiction: str | None,
                          start: int, end: int, priority: int) -> list[Hit]:
        entry = self._code_entry(form, jurisdiction)
        if entry is None:
            return []
        postal, code, slug, subject, _bare = entry
        section = number.group("section")
        if code.section and not re.fullmatch(code.section, section):
            return []
        if not number.group("mark") and not code.section and not re.search(r"[-.:]", section):
            return []  # "MCA 2019": a number without a separator needs a section mark
        sub = re.sub(r"\s", "", number.group("subsection") or "")
        short = code.short.replace("{subject}", subject)
        return [Hit(start, end, number.string[start:end], f"{short} § {section}{sub}", "statute",
                    postal, _code_url(code, section, slug), CitationStatus.verify_pinpoint,
                    f"a pinpoint section of the {code.name.replace('Codes', 'Code')}; "
                    "check that its text supports the claim", priority)]

    def _code_bare_hit(self, form: str, text: str, start: int, end: int,
                       jurisdiction: str | None, priority: int) -> list[Hit]:
        entry = self._code_entry(form, jurisdiction)
        if entry is None:
            return []
        postal, code, _slug, subject, _bare = entry
        name = code.name if not code.subjects else f"{self.states[postal].name} {subject} Code"
        return [Hit(start, end, text[start:end], name, "vague", postal, None,
                    CitationStatus.vague,
                    f"names the {name} without a section; cite the section that supports the claim",
                    priority)]

    # ------------------------------------------------------------- named acts

    def _act_hits(self, text: str, jurisdiction: str | None, priority: int) -> list[Hit]:
        hits = []
        for m in self.acts_re.finditer(text):
            act = self.act_by_name[_key(m.group("name")).lower()]
            hits.append(self._act_hit(m, act, m.group("name"), m.start(), priority))
        # Every match holds "Act" (literals.py): most answers are passed over without a scan.
        for m in (_GENERIC_ACT.finditer(text) if passes(_GENERIC_ACT_CLAUSES, text) else ()):
            words = m.group("name").split()
            while words[:-1] and words[0].lower() in _LEADING:
                words.pop(0)
            if len(words) < 2:
                continue
            name = " ".join(words)
            start = m.start() + m.group(0).index(words[0])
            year = m.group("year")
            act = (self.act_by_name.get(_key(f"{name} of {year}").lower()) if year else None) \
                or self.act_by_name.get(_key(name).lower())
            hits.append(self._act_hit(m, act, name, start, priority + 1))
        for m in self.acronyms_re.finditer(text):
            act = self.act_by_acronym[_key(m.group("acr"))]
            hits.append(self._act_hit(m, act, m.group("acr"), m.start(), priority + 2))
        return hits

    def _act_hit(self, m: re.Match[str], act: Act | None, name: str, start: int,
                 priority: int) -> Hit:
        acronym = m.groupdict().get("acr") if "name" in m.groupdict() else None
        text = m.string[start:m.end()]
        if act is None:
            full = f"{name} of {m.group('year')}" if m.group("year") else name
            first = name.split()[0]
            where = (self.state_by_name.get(first) or self.state_by_name.get(
                " ".join(name.split()[:2])) or ("US" if first in ("Federal", "U.S.") else None))
            status, reason = CitationStatus.not_in_registry, (
                f"names the {full}, which is not in the act registry; check that it exists "
                "and cite the section that supports the claim")
            if acronym and not _initials_match(acronym, full):
                status, reason = CitationStatus.acronym_mismatch, (
                    f"written as the {full} ({acronym}), but {acronym} does not match the "
                    "name's initials")
            return Hit(start, m.end(), text, full, "named_act", where, None, status, reason,
                       priority)
        status, reason = CitationStatus.named_act_no_section, (
            f"names the {act.name} ({_identify(act)}) without a section; cite the section "
            "that supports the claim")
        if acronym and _key(acronym) not in act.acronyms:
            other = self.act_by_acronym.get(_key(acronym))
            if other is not None and other.id != act.id:
                status, reason = CitationStatus.acronym_mismatch, (
                    f"written as the {act.name} ({acronym}), but {acronym} is the {other.name}")
            elif other is None and not _initials_match(acronym, act.name):
                status, reason = CitationStatus.acronym_mismatch, (
                    f"written as the {act.name} ({acronym}), but {acronym} does not match "
                    "the name's initials")
        return Hit(start, m.end(), text, act.name, "named_act", act.jurisdiction, act.url,
                   status, reason, priority)

    # -------------------------------------------------------------- templates

    @property
    def templates(self) -> list[tuple[Template, re.Pattern[str]]]:
        """Every template with its compiled regex (compiles them all)."""
        return [(t, self.regex(t)) for t in self.rule_templates]

    def regex(self, template: Template) -> re.Pattern[str]:
        """The template's regex, placeholders filled, compiled on first use.

        Compiling lazily matters: most texts pass no template's pre-filter but a
        few, and compiling all of them costs ~10 ms per process.
        """
        compiled = self._compiled.get(template.id)
        if compiled is None:
            fill = self._fill
            pattern = _PLACEHOLDER.sub(lambda m: fill["SUB"] if m.group(1) == "SUB"
                                       else "(?:" + fill[m.group(1)] + ")", template.regex)
            compiled = self._compiled[template.id] = re.compile(boundary_after_first(pattern))
            self._starts[template.id] = match_starts(compiled.pattern)
        return compiled

    def _template_hits(self, text: str, jurisdiction: str | None) -> list[Hit]:
        hits = []
        occurring = self._gate_scan.occurring(text)
        gates, prefilters = self._gates, self._prefilters
        for index, template in enumerate(self.rule_templates):
            gate = gates[index]
            if gate is not None and occurring.isdisjoint(gate):
                continue
            # Plain loops of ``in`` tests: remembering each string's answer for the
            # templates that share it ("Section", "law") cost more than testing
            # again (_template_hits over the 1,000-doc corpus: 0.90 -> 0.81 s).
            if not passes(prefilters[index], text):
                continue
            regex = self.regex(template)
            starts = self._starts[template.id]
            for m in finditer_starting(starts, regex, text):
                hit = self._apply(template, m, jurisdiction, index)
                if hit is not None:
                    hits.append(hit)
        return hits

    def _apply(self, template: Template, m: re.Match[str], jurisdiction: str | None,
               priority: int) -> Hit | None:
        tokens = {k: _key(v) if v else "" for k, v in m.groupdict().items()}
        start = m.start()
        if template.state_before:
            before = self.state_before_re.search(m.string, max(0, start - 40), start)
            if before:
                tokens["state"], start = _key(before.group("state")), before.start()
            elif template.state_before == "required" and not any(
                    tokens.get(k) for k in ("state", "state2", "state3")):
                return None
        for token, words in template.strip_leading.items():
            parts = tokens.get(token, "").split()
            while parts[:-1] and parts[0] in words:
                parts.pop(0)
            if parts and parts != tokens[token].split():
                start = m.start(token) + m.group(token).index(parts[0])
            tokens[token] = " ".join(parts)
        for token, table in template.lookup.items():
            if tokens.get(token) in table:
                tokens[token] = table[tokens[token]]
        tokens["subsection"] = tokens.get("subsection", "").replace(" ", "")
        where = self._jurisdiction(template, tokens, jurisdiction)
        act = self._act_for(tokens.get("act", ""))
        if template.jurisdiction == "act":
            if act is None:
                return None
            where = act.jurisdiction
        state = self.states.get(where or "")
        tokens.update(
            jurisdiction=where or "",
            jurisdiction_paren=f" ({where})" if where else "",
            state_abbr=state.abbr if state else "",
            state_name=state.name if state else "",
            state_prefix=f"{state.abbr} " if state and where != "US" else "",
            act_short=act.short if act else "",
            year_paren=(f" ({tokens['court'] + ' ' if tokens.get('court') else ''}"
                        f"{tokens['year']})" if tokens.get("year") else ""),
        )
        if ("{state_abbr}" in template.normalized or "{state_name}" in template.normalized) \
                and not state:
            return None
        normalized = " ".join(template.normalized.format_map(tokens).split())
        reason = template.reason
        if template.kind == "public_law":
            known = next((a for a in self.acts
                          if a.public_law == f"{tokens.get('congress')}-{tokens.get('law')}"), None)
            if known:
                reason += f" (the {known.name})"
        return Hit(start, m.end(), m.string[start:m.end()], normalized, template.kind, where,
                   _format_url(template.url, tokens, template.url_min), template.status, reason,
                   priority)

    def _jurisdiction(self, template: Template, tokens: dict[str, str],
                      jurisdiction: str | None) -> str | None:
        for token, regex in template.federal_if.items():
            if re.search(regex, tokens.get(token, "")):
                return "US"
        if template.jurisdiction != "state":
            return template.jurisdiction if template.jurisdiction != "act" else None
        for name in ("state", "state2", "state3"):
            if tokens.get(name):
                return self.state_by_name.get(_key(tokens[name]).removesuffix("'s"))
        for token, table in template.state_of.items():
            if tokens.get(token) in table:
                return table[tokens[token]]
        return jurisdiction

    def _act_for(self, written: str) -> Act | None:
        if not written:
            return None
        return self.act_by_acronym.get(_key(written)) or self.act_by_name.get(_key(written).lower())

    # ------------------------------------------------------------------- scan

    def scan(self, text: str, jurisdiction: str | None = None) -> list[Hit]:
        """Every citation in ``text``; ``jurisdiction`` is the document's state."""
        hits = self._template_hits(text, jurisdiction)
        hits += self._state_code_hits(text, jurisdiction, len(self.rule_templates))
        hits += self._act_hits(text, jurisdiction, len(self.rule_templates) + 2000)
        return resolve_overlaps(hits)


def resolve_overlaps(hits: list[Hit]) -> list[Hit]:
    """Keep the longest of overlapping hits (then the higher-priority rule)."""
    kept: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (-(h.end - h.start), h.priority, h.start)):
        if all(hit.end <= k.start or hit.start >= k.end for k in kept):
            kept.append(hit)
    return sorted(kept, key=lambda h: h.start)


def _rare(char: str) -> bool:
    """A character that starts few positions of prose: the gate scan tries only those."""
    return char.isupper() or char.isdigit() or char == "§"


def _gate(clauses: list[frozenset[str]]) -> frozenset[str] | None:
    """Strings one of which every text passing ``clauses`` contains, each from a rare character on.

    From the clause whose literals all hold a rare character, each literal cut to
    its longest such tail (a tail of a literal occurs wherever the literal does);
    the clause with the longest shortest tail. None when no clause qualifies.
    """
    best = None
    for clause in clauses:
        tails = set()
        for literal in clause:
            starts = [i for i, char in enumerate(literal) if _rare(char)]
            if not starts:
                break
            tails.add(literal[starts[0]:])
        else:
            key = (min(map(len, tails)), -len(tails))
            if best is None or key > best[0]:
                best = (key, frozenset(tails))
    return best[1] if best else None


def _joins(char: str) -> bool:
    """True when ``char`` before a form means the form is part of a longer word."""
    return char.isalnum() or char in "._-"


def _format_url(template: str | None, tokens: dict[str, str], minimum: dict[str, int]) -> str | None:
    if template is None:
        return None
    for token, least in minimum.items():
        if not tokens.get(token, "").isdigit() or int(tokens[token]) < least:
            return None
    try:
        return template.format_map(tokens)
    except (KeyError, ValueError, IndexError):
        return None


def _code_url(code: StateCode, section: str, slug: str) -> str | None:
    """The official page of a state-code section, or None when none is known."""
    if code.url is None:
        return None
    tokens = {"section": section, "slug": slug}
    if code.url_parts:
        parts = re.fullmatch(code.url_parts, section)
        if parts is None:
            return None
        tokens.update({k: v or "" for k, v in parts.groupdict().items()})
    return _format_url(code.url, tokens, {})




def _identify(act: Act) -> str:
    facts = []
    if act.public_law:
        facts.append(f"Pub. L. {act.public_law}")
    if act.code:
        facts.append(act.code)
    return "; ".join(facts) or act.jurisdiction


def _initials_match(acronym: str, name: str) -> bool:
    """True when the acronym's letters appear, in order, among the name's initials."""
    letters = [c for c in acronym.upper() if c.isalpha()]
    initials = iter(w[0].upper() for w in re.split(r"[\s-]+", name) if w and w[0].isalpha())
    return all(any(c == i for i in initials) for c in letters)


@lru_cache(maxsize=4)
def scanner(rules_folder: Path | None = None) -> Scanner:
    """The compiled rules, built once per process (per rules folder)."""
    return Scanner(load_rules(rules_folder))
