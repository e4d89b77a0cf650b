"""Load, validate and compile the rule pack (``rules/``).

The rule pack is data: cue lexicons, the entity vocabulary, one file per
predicate (its patterns and examples) and one file per relation rule. Each
file is validated by a pydantic model when loaded; any problem raises
:class:`~claimcheck.errors.RuleError` naming the file and the key.

Patterns are compiled here, once, with their ``{term}`` references expanded,
and checked for nested unbounded quantifiers and for alternatives that can
start alike inside an unbounded repeat (the shapes that make a backtracking
regex engine take exponential time).
"""

# No ``from __future__ import annotations``: with string annotations pydantic
# evaluates every schema field's type from its text when the classes below are
# made, at every start-up (as in models.py).
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from types import UnionType
from typing import TYPE_CHECKING, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .literals import required_literals
from .errors import RuleError
from .phrases import PhraseMatcher, matcher

if TYPE_CHECKING:
    from .cache import Cache

try:  # the sre parser moved in 3.11; both names are kept for the check below
    import re._compiler as _sre_compile  # type: ignore[import-not-found]
    import re._constants as _sre_const  # type: ignore[import-not-found]
    import re._parser as _sre_parse  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - Python < 3.11
    import sre_compile as _sre_compile  # type: ignore[no-redef]
    import sre_constants as _sre_const  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]


# ------------------------------------------------------------------ file schemas


class _Strict(BaseModel):
    # defer_build: pydantic builds a schema's validator the first time a rule
    # file is validated, not at import. A run that takes the pack from the
    # cache (see _RuleFiles) validates nothing and never pays for it (~20 ms).
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class CueSet(_Strict):
    cues: list[str] = []
    pseudo: list[str] = []
    termination: list[str] = []
    #: Phrases holding a termination word that do not end a clause ("not yet").
    termination_pseudo: list[str] = []
    permission_markers: list[str] = []


class ConditionalCues(_Strict):
    sentence: list[str] = []
    clause: list[str] = []
    #: Look-alikes that restrict rather than condition ("only if", "even if").
    pseudo: list[str] = []


class TimeCues(_Strict):
    past: list[str] = []
    present: list[str] = []
    #: State changes ("expired", "ended"): in a claim's own words, they make it present.
    change: list[str] = []


class IssuerCues(_Strict):
    #: Words naming a county's or city's own law or policy ("ordinance").
    local: list[str] = []
    #: Words naming the state's ("state statute", "the legislature").
    state: list[str] = []


class LexiconFile(_Strict):
    negation: CueSet
    hedge: CueSet
    normative: CueSet
    conditional: ConditionalCues
    # Factories, not instances: making a CueSet() here would build its
    # validator at import and undo defer_build (~2 ms a start-up).
    embedding: CueSet = Field(default_factory=CueSet)
    time: TimeCues = Field(default_factory=TimeCues)
    issuer: IssuerCues = Field(default_factory=IssuerCues)
    conditions: dict[str, list[str]] = {}
    exception_markers: list[str] = []
    terms: dict[str, str] = {}


class EntityEntry(_Strict):
    id: str
    role: Literal["actor", "counterpart", "program"]
    label: str
    names: list[str] = []
    case_sensitive_names: list[str] = []
    within: list[str] = []


class EntityClass(_Strict):
    id: str
    role: Literal["actor", "counterpart", "program"]
    prefix: str
    within: list[str] = []
    pattern: str


class EntitiesFile(_Strict):
    entities: list[EntityEntry]
    classes: list[EntityClass] = []


class PatternEntry(_Strict):
    id: str
    regex: str
    #: Polarity of the words themselves: "shared without a warrant" denies
    #: that a warrant is required, so that pattern is ``negated``.
    polarity: Literal["affirmed", "negated"] = "affirmed"
    #: A restriction frame ("may not … unless consent") carries its own
    #: negation: cues inside it do not flip the claim.
    fixed: bool = False
    presupposed: bool = False
    #: Skip this pattern when its clause, up to the match, contains this regex
    #: (e.g. "only" turns "data is shared" into a restriction, not a practice).
    exclude: str | None = None


class ClaimExpectation(_Strict):
    polarity: Literal["affirmed", "negated"] | None = None
    modality: str | None = None
    actor: str | None = None
    counterpart: str | None = None
    program: str | None = None
    jurisdiction: str | None = None
    level: Literal["state", "local"] | None = None


class PredicateExample(_Strict):
    text: str
    expect: ClaimExpectation | None


class PredicateFile(_Strict):
    id: str
    label: str
    negated_label: str
    description: str
    keywords: str
    requires: list[Literal["actor", "counterpart", "program"]] = []
    #: Claims about law: a sentence naming federal law makes them federal.
    law: bool = False
    #: Requirements and bans ("consent is required before sharing with
    #: federal immigration authorities") hold for everything within their
    #: scope, so a narrower denial ("no consent is needed for ICE") meets them
    #: too; for other predicates the denial must be at least as broad.
    universal: bool = False
    #: Tried in order, against lower-cased text; the first match makes the claim.
    patterns: list[PatternEntry]
    examples: list[PredicateExample] = []


class Side(_Strict):
    predicate: str
    polarity: Literal["affirmed", "negated"]


class FindingExpectation(_Strict):
    kind: str
    severity: Literal["error", "warning", "info"]
    answers: list[str]
    predicate: str | None = None


class RelationExample(_Strict):
    jurisdiction: str | None = None
    answers: list[str]
    expect: list[FindingExpectation]


class RelationFile(_Strict):
    id: str
    name: str
    kind: Literal["opposition", "certainty", "incompatible", "implication"]
    description: str
    help: str = ""
    aliases: list[str] = []
    first: Side | None = None
    second: Side | None = None
    unless_first_exceptions: list[str] = []
    unless_second_conditions: list[str] = []
    finding_kind: Literal["contradiction", "tension"] | None = None
    message: str = ""
    if_: Side | None = None
    then: Side | None = None
    examples: list[RelationExample] = []

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)

    def model_post_init(self, __context: Any) -> None:
        need = {"incompatible": ("first", "second"), "implication": ("if_", "then")}
        for attr in need.get(self.kind, ()):
            if getattr(self, attr) is None:
                raise ValueError(f"a rule of kind {self.kind!r} needs {attr.rstrip('_')!r}")


#: Rule ids the code itself reports under (CC001: an unused suppression).
RESERVED_RULE_IDS = frozenset({"CC001", "unused-suppression"})

#: How the extractor writes over an entity mention before predicate patterns
#: run: the role's mark, then "q" up to the mention's length (offsets stay
#: valid). No English word starts with "qz".
MASKS = {"actor": "qza", "counterpart": "qzc"}


# --------------------------------------------------------------- compiled pack


@dataclass(frozen=True)
class Entity:
    id: str
    role: str
    label: str
    #: Every entity this one lies within, transitively (not including itself).
    ancestors: frozenset[str]


@dataclass(frozen=True)
class CompiledPattern:
    """A predicate pattern, expanded and lower-cased; compiled the first time it is used.

    A run whose files all come from the cache never matches a pattern, and
    compiling them all is most of what loading the rule pack costs.
    """

    id: str
    source: str
    polarity: str
    fixed: bool
    presupposed: bool
    exclude_source: str | None = None
    #: ``source`` with every {term} as "(?:.)": what the pre-filter's literals are read from.
    literal_skeleton: str | None = None

    @cached_property
    def regex(self) -> re.Pattern[str]:
        return re.compile(self.source)

    @cached_property
    def prefilter(self) -> list[frozenset[str]]:
        """Strings a sentence must contain for the pattern to match (literals.py).

        All clauses, most selective first: capping them or dropping short ones
        ("the") measured no faster on the generated corpus. Read from the
        skeleton when there is one: the literals outside the terms, which hold
        for the expanded pattern too (an opaque stand-in joins no literals).
        """
        return required_literals(self.literal_skeleton or self.source)

    @cached_property
    def exclude(self) -> re.Pattern[str] | None:
        return re.compile(self.exclude_source) if self.exclude_source else None


@dataclass(frozen=True)
class Predicate:
    id: str
    label: str
    negated_label: str
    description: str
    #: The keywords regex, lower-cased; compiled on first use (a run served
    #: from the per-file cache never searches for keywords).
    keywords_source: str
    requires: tuple[str, ...]
    law: bool
    patterns: tuple[CompiledPattern, ...]
    examples: tuple[PredicateExample, ...]
    source: str
    universal: bool = False

    @cached_property
    def keywords(self) -> re.Pattern[str]:
        return re.compile(self.keywords_source)


@dataclass(frozen=True)
class Relation:
    id: str
    name: str
    kind: str
    description: str
    help: str
    aliases: tuple[str, ...]
    spec: RelationFile
    source: str


@dataclass(frozen=True)
class Lexicon:
    """Cue matchers; each labels its matches "cue" or "pseudo" (conditions: the condition name)."""

    negation: PhraseMatcher
    termination: PhraseMatcher
    hedge: PhraseMatcher
    permission: PhraseMatcher
    normative: PhraseMatcher
    cond_sentence: PhraseMatcher
    cond_clause: PhraseMatcher
    exception_markers: PhraseMatcher
    conditions: PhraseMatcher
    embedding: PhraseMatcher
    #: Labels "past" and "present".
    tense: PhraseMatcher
    #: Who issued a law: labels "local" and "state".
    issuer: PhraseMatcher


@dataclass(frozen=True)
class _Matchers:
    lexicon: Lexicon
    entity_names: PhraseMatcher
    entity_exact_re: re.Pattern[str]
    entity_classes: tuple[tuple[EntityClass, re.Pattern[str]], ...]


@dataclass(frozen=True)
class RulePack:
    root: str
    entities: dict[str, Entity]
    #: Names that only count in their own case ("ICE", not "ice"): name -> entity id.
    entity_exact: dict[str, str]
    predicates: dict[str, Predicate]
    relations: tuple[Relation, ...]
    #: (class id, entity id prefix) of each entity class: what the engine needs
    #: to place "agency:revenue" in the hierarchy, without building matchers.
    class_prefixes: tuple[tuple[str, str], ...]
    #: Builds the cue and entity matchers (below) the first time one is used:
    #: only extraction needs them, and building them is most of what loading
    #: a pack from the cache would cost (~10 ms). A pack from a folder the user
    #: names has them built at load, so that a bad pattern is reported then.
    build_matchers: Callable[[], _Matchers] = field(repr=False, compare=False)

    @cached_property
    def _matchers(self) -> _Matchers:
        return self.build_matchers()

    @cached_property
    def _ancestors(self) -> dict[str, frozenset[str]]:
        """``entity_ancestors``' answers so far: the engine asks about the same few entities ~650,000 times at 10,000 pages."""
        return {}

    @property
    def lexicon(self) -> Lexicon:
        return self._matchers.lexicon

    @property
    def entity_names(self) -> PhraseMatcher:
        """Entity names, matched case-insensitively; labels are entity ids."""
        return self._matchers.entity_names

    @property
    def entity_exact_re(self) -> re.Pattern[str]:
        return self._matchers.entity_exact_re

    @property
    def entity_classes(self) -> tuple[tuple[EntityClass, re.Pattern[str]], ...]:
        return self._matchers.entity_classes

    def relation(self, rule_id: str) -> Relation:
        """Find a relation rule by id or alias."""
        for rel in self.relations:
            if rule_id == rel.id or rule_id in rel.aliases or rule_id == rel.name:
                return rel
        raise KeyError(rule_id)


# Functions of the pack's entity hierarchy, here rather than in extraction,
# which also uses them: the engine needs them on every run, and importing
# extraction (its regexes and the state-name pattern) cost a run served from
# the cache ~5 ms for nothing else.


def entity_class(entity_id: str, pack: RulePack) -> str | None:
    """The entity class whose prefix ``entity_id`` has ("agency:revenue" -> "state_department"), if any."""
    for cls_id, prefix in pack.class_prefixes:
        if entity_id.startswith(prefix):
            return cls_id
    return None


def entity_ancestors(entity_id: str, pack: RulePack) -> frozenset[str]:
    """Every entity ``entity_id`` lies within (class members inherit their class's)."""
    known = pack._ancestors.get(entity_id)
    if known is not None:
        return known
    if entity_id in pack.entities:
        found = pack.entities[entity_id].ancestors
    else:
        cls = entity_class(entity_id, pack)
        found = frozenset() if cls is None else pack.entities[cls].ancestors | {cls}
    pack._ancestors[entity_id] = found
    return found


# ------------------------------------------------------------------ locating


def default_rules_dir() -> Path:
    """The packaged rule pack: ``claimcheck/rules`` in a wheel, ``rules/`` in a checkout."""
    here = Path(__file__).resolve().parent
    packaged = here / "rules"
    if _is_rule_folder(packaged):
        return packaged
    return here.parents[1] / "rules"


def _is_rule_folder(folder: Path) -> bool:
    """Whether ``folder`` is a directory; one that cannot be looked at is a RuleError.

    ``Path.is_dir`` raises on EACCES (an installation another user owns, say),
    which would otherwise reach the user as a traceback.
    """
    try:
        return folder.is_dir()
    except OSError as exc:
        raise RuleError(f"cannot read rule folder: {(exc.strerror or str(exc)).lower()}",
                        path=str(folder)) from None


# ------------------------------------------------------------------ loading


def _read_yaml(path: Path) -> Any:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise RuleError(f"cannot read rule file: {exc.strerror or exc}", path=str(path)) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RuleError(f"not valid UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start}",
                        path=str(path), line=data.count(b"\n", 0, exc.start) + 1) from None
    from .loading.records import MAX_YAML_DEPTH, yaml_depth

    if yaml_depth(text) > MAX_YAML_DEPTH:  # libyaml's C parser would overflow the stack
        raise RuleError(f"invalid YAML: nested more than {MAX_YAML_DEPTH} levels deep", path=str(path))
    try:
        return yaml.load(text, Loader=loader)  # noqa: S506 - safe loader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise RuleError(f"invalid YAML: {getattr(exc, 'problem', exc)}", path=str(path), line=line) from None


def _validate(model: type[BaseModel], data: Any, path: Path) -> Any:
    if isinstance(data, dict) and "if" in data:
        data = {("if_" if k == "if" else k): v for k, v in data.items()}
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        key = ".".join(str(p) for p in err["loc"]).replace("if_", "if") or None
        raise RuleError(err["msg"], path=str(path), key=key) from None


def _phrases(words: list[str], *, lookbehind: bool = True) -> str:
    """One alternation of literal phrases, longest first, on word boundaries."""
    alts = sorted({re.escape(w).replace(r"\ ", r"\s+") for w in words}, key=lambda s: (-len(s), s))
    body = "|".join(alts)
    if lookbehind and all(w[:1].isalnum() for w in words):
        # "Not after a letter or apostrophe", checked after each phrase's first
        # character (so two characters back): a pattern that starts with a
        # literal lets re skip to where a phrase can start, while a look-behind
        # in front makes it try every position (exact-case names: 4-5x slower).
        body = "|".join(a[0] + r"(?<![\w'’][\s\S])" + a[1:] for a in alts)
    elif lookbehind:
        return r"(?<![\w'’])(?:" + body + r")(?![\w])"
    return "(?:" + body + r")(?![\w])"


def _never() -> re.Pattern[str]:
    return re.compile(r"(?!x)x")


def _check_redos(regex: str, path: Path, key: str) -> None:
    """Reject nested unbounded quantifiers such as ``(a+)+`` or ``(\\s*x)*``."""
    try:
        tree = _sre_parse.parse(regex)
    except re.error as exc:
        raise RuleError(f"regular expression does not compile: {exc}", path=str(path), key=key) from None
    except (OverflowError, RecursionError) as exc:  # "a{99999999999}", thousands of nested groups
        raise RuleError(f"regular expression does not compile: {exc or 'nested too deeply'}",
                        path=str(path), key=key) from None
    repeats = (_sre_const.MAX_REPEAT, _sre_const.MIN_REPEAT)
    possessive = getattr(_sre_const, "POSSESSIVE_REPEAT", None)
    unbounded = _sre_const.MAXREPEAT

    def walk(items: Any, inside_unbounded: bool) -> None:
        for op, av in items:
            if op in repeats or (possessive is not None and op == possessive):
                lo, hi, sub = av
                is_unbounded = hi == unbounded
                if is_unbounded and inside_unbounded:
                    raise RuleError(
                        "nested unbounded repetition (exponential backtracking risk); "
                        "bound the inner or outer repeat, e.g. {0,40}",
                        path=str(path), key=key)
                if is_unbounded and _ambiguous_branch(sub):
                    raise RuleError(
                        "alternatives that can start with the same character inside an unbounded "
                        "repeat, like (x?a|a)+, backtrack exponentially; make each alternative start "
                        "differently", path=str(path), key=key)
                walk(sub, inside_unbounded or (is_unbounded and _can_repeat_text(sub)))
            elif op == _sre_const.SUBPATTERN:
                walk(av[-1], inside_unbounded)
            elif op == _sre_const.BRANCH:
                for alt in av[1]:
                    walk(alt, inside_unbounded)
            elif op in (_sre_const.ASSERT, _sre_const.ASSERT_NOT):
                walk(av[1], inside_unbounded)

    walk(tree, False)


#: Characters tried against the first element of each alternative (see _ambiguous_branch).
_SAMPLE = "".join(map(chr, range(32, 127))) + "\t\n\u00a0\u00e9\u2019\u0660"


def _ambiguous_branch(sub: Any) -> bool:
    """Does the repeated body ``sub`` hold an alternation whose alternatives can start alike?

    ``(a|a)*b`` takes exponential time on "aaaa…" without any nested repeat:
    each pass through the loop can go either way. Each alternative's first
    character (followed by the rest of the body, then the body again) is
    tested against a sample alphabet. Linear in the size of the pattern.
    """
    items = list(sub)
    return _branches_overlap(items, _first_chars(items, frozenset(_SAMPLE)))


def _branches_overlap(items: list, cont: frozenset[str]) -> bool:
    follows = _suffix_firsts(items, cont)
    for i, (op, av) in enumerate(items):
        if op == _sre_const.SUBPATTERN and _branches_overlap(list(av[-1]), follows[i + 1]):
            return True
        if op == _sre_const.BRANCH:
            seen: set[str] = set()
            for alt in av[1]:
                first = _first_chars(list(alt), follows[i + 1])
                if seen & first:
                    return True
                seen |= first
            if any(_branches_overlap(list(alt), follows[i + 1]) for alt in av[1]):
                return True
    return False


def _suffix_firsts(items: list, cont: frozenset[str]) -> list[frozenset[str]]:
    """``out[i]``: the first characters of ``items[i:]`` followed by ``cont``."""
    out = [cont] * (len(items) + 1)
    for i in range(len(items) - 1, -1, -1):
        out[i] = _first_of(items[i], out[i + 1])
    return out


def _first_chars(items: list, cont: frozenset[str]) -> frozenset[str]:
    """Sample characters that ``items`` can begin with (``cont`` when they can match nothing)."""
    return _suffix_firsts(items, cont)[0]


def _first_of(item: Any, cont: frozenset[str]) -> frozenset[str]:
    op, av = item
    if op == _sre_const.SUBPATTERN:
        return _first_chars(list(av[-1]), cont)
    if op in (_sre_const.MAX_REPEAT, _sre_const.MIN_REPEAT):
        inner = _first_chars(list(av[2]), cont)
        return inner if av[0] >= 1 else inner | cont
    if op == _sre_const.BRANCH:
        return frozenset().union(*(_first_chars(list(alt), cont) for alt in av[1]))
    if op in (_sre_const.AT, _sre_const.ASSERT, _sre_const.ASSERT_NOT):  # zero-width
        return cont
    if op in (_sre_const.LITERAL, _sre_const.NOT_LITERAL, _sre_const.IN, _sre_const.ANY):
        one = _sre_compile.compile(_sre_parse.SubPattern(_sre_parse.State(), [item]), 0)
        return frozenset(c for c in _SAMPLE if one.match(c))
    return frozenset(_SAMPLE)  # backreferences and the like: assume anything


def _can_repeat_text(sub: Any) -> bool:
    # A repeated single character class ("\s+") cannot nest badly by itself;
    # only a repeated group with more than one element or its own repeats can.
    return not (len(sub) == 1 and sub[0][0] in (_sre_const.LITERAL, _sre_const.IN, _sre_const.ANY,
                                                _sre_const.NOT_LITERAL, _sre_const.CATEGORY))


_TERM = re.compile(r"\{([a-z_]+)\}")


def _stand_in(name: str, terms: dict[str, str]) -> str:
    """What ``{name}`` is read as in a pattern's pre-filter skeleton.

    One opaque character, which joins no literals; but an actor or
    counterpart left as its mask (``qzcq*``) always holds the mask: a
    sentence with no masked mention of the role is passed over without a
    regex search (12 of the 73 patterns gain that clause; extract_claims on
    the 1,000-doc corpus: 5.42 -> 4.64 s).
    """
    mask = MASKS.get(name)
    if mask is not None and terms.get(name) == mask + "q*":
        return f"(?:{mask}(?:.))"
    return "(?:.)"


def _expand(regex: str, terms: dict[str, str], path: Path, key: str, *, skeleton: bool = False) -> str:
    """Replace ``{term}`` references with their fragments.

    With ``skeleton`` each reference becomes ``(?:x+)`` instead: an unbounded
    stand-in that keeps the nested-repeat check conservative while sparing it
    the work of parsing every (large) term again in every pattern. The terms
    themselves are checked once, on their own.
    """
    def sub(m: re.Match[str]) -> str:
        name = m.group(1)
        if name not in terms:
            raise RuleError(f"unknown term {{{name}}} (known: {', '.join(sorted(terms))})",
                            path=str(path), key=key)
        return "(?:x+)" if skeleton else "(?:" + terms[name] + ")"

    return _TERM.sub(sub, regex)


_ESCAPE = re.compile(r"(\\.)", re.DOTALL)


def lower_regex(regex: str) -> str:
    """Lower-case a pattern's literal characters, leaving escapes (\\S, \\B, …) alone.

    Predicate patterns are matched against lower-cased text without
    ``re.IGNORECASE``, which makes them about twice as fast. The pattern is
    split at its escapes, and the runs between them are lower-cased: a
    character loop cost ~25 ms per process over the pack's patterns, and a
    ``re.sub`` with a function per run ~1 ms of a warm run.
    """
    parts = _ESCAPE.split(regex)  # runs at even indexes, escapes at odd ones
    parts[::2] = [run.lower() for run in parts[::2]]
    return "".join(parts)


def _compile(regex: str, path: Path, key: str, flags: int = re.IGNORECASE, *,
             skeleton: str | None = None, check: bool = True) -> re.Pattern[str]:
    """Compile ``regex`` after checking it (or its ``skeleton``) for exponential shapes."""
    if check:
        _check_redos(regex if skeleton is None else skeleton, path, key)
    try:
        return re.compile(regex, flags)
    except (re.error, OverflowError, RecursionError) as exc:  # pragma: no cover - parse above catches these
        raise RuleError(f"regular expression does not compile: {exc}", path=str(path), key=key) from None


def _compile_lexicon(lex: LexiconFile) -> Lexicon:
    conditions = {w: name for name, words in sorted(lex.conditions.items()) for w in words}
    return Lexicon(
        negation=matcher(lex.negation.cues, lex.negation.pseudo),
        termination=matcher(lex.negation.termination, lex.negation.termination_pseudo),
        hedge=matcher(lex.hedge.cues, lex.hedge.pseudo),
        permission=matcher(lex.hedge.permission_markers),
        normative=matcher(lex.normative.cues, lex.normative.pseudo),
        cond_sentence=matcher(lex.conditional.sentence, lex.conditional.pseudo),
        cond_clause=matcher(lex.conditional.clause, lex.conditional.pseudo),
        exception_markers=matcher(lex.exception_markers),
        conditions=PhraseMatcher(conditions),
        embedding=matcher(lex.embedding.cues, lex.embedding.pseudo),
        tense=PhraseMatcher({**{w: "past" for w in lex.time.past}, **{w: "present" for w in lex.time.present},
                             **{w: "change" for w in lex.time.change}}),
        issuer=PhraseMatcher({**{w: "local" for w in lex.issuer.local}, **{w: "state" for w in lex.issuer.state}}),
    )


def _ancestors(entries: dict[str, list[str]], start: str, path: Path) -> frozenset[str]:
    seen: set[str] = set()
    stack = list(entries.get(start, []))
    while stack:
        cur = stack.pop()
        if cur == start:
            raise RuleError(f"entity {start!r} lies within itself", path=str(path), key="within")
        if cur in seen:
            continue
        if cur not in entries:
            raise RuleError(f"unknown entity {cur!r} in 'within' of {start!r}", path=str(path), key="within")
        seen.add(cur)
        stack.extend(entries[cur])
    return frozenset(seen)


# ------------------------------------------------------------------ cached file contents


class _RuleFiles:
    """Each rule file's validated contents: from the cache when it has them, else read and validated.

    Reading 29 YAML files and validating them costs ~35 ms a process (yaml
    itself ~16 ms to import), about a tenth of a one-page scan. The cache
    holds one blob per pack: every file's contents as validated, dumped to
    JSON. It is only ever written after the whole pack loaded, so a rule file
    with an error is never in it and is reported from the file, as without a
    cache. The blob is keyed by the rule files' bytes and the tool's code
    (claimcheck.cache); one that is damaged (its checksum does not match,
    or it does not fit the schemas) is a miss, and the files are read again.
    Compiled patterns are not cached: ``re`` objects cannot be, and they are
    compiled from these contents as before.
    """

    #: Blob name in the cache; bump the number when the layout changes.
    NAME = "rulepack-1"

    def __init__(self, cache: "Cache | None") -> None:
        self._cache = cache
        self._stored: dict[str, Any] = {}
        self._fresh = False
        if cache is not None:
            self._stored = self._load_blob(cache)
        #: path -> [schema name, contents] of every file this load used.
        self._used: dict[str, list[Any]] = {}

    @staticmethod
    def _load_blob(cache: "Cache") -> dict[str, Any]:
        import json

        raw = cache.get_blob(_RuleFiles.NAME)
        if raw is None:
            return {}
        try:
            data = json.loads(raw)
        except ValueError:
            return {}
        return data if isinstance(data, dict) else {}

    def read(self, model: type[BaseModel], path: Path) -> Any:
        key = str(path)
        entry = self._stored.get(key)
        if isinstance(entry, list) and len(entry) == 2 and entry[0] == model.__name__:
            try:
                obj = _construct(model, entry[1])
            except (TypeError, KeyError, AttributeError, ValueError):
                obj = None  # does not fit the schema: read the file instead
            if obj is not None:
                self._used[key] = entry
                return obj
        obj = _validate(model, _read_yaml(path), path)
        self._fresh = True
        if self._cache is not None:
            self._used[key] = [model.__name__, obj.model_dump(mode="json")]
        return obj

    def store(self) -> None:
        """Write the blob when some file was read now (called once the pack is known to be good)."""
        if self._cache is None or not self._fresh:
            return
        import json

        self._cache.put_blob(self.NAME, json.dumps(self._used, sort_keys=True).encode())


def _construct(tp: Any, value: Any) -> Any:
    """Rebuild ``model_dump(mode="json")`` output as instances, without validating it again.

    Handles what the schemas above use: models, ``X | None``, lists, dicts,
    literals and scalars. Raises TypeError, KeyError or AttributeError when
    ``value`` does not have the shape of ``tp``.
    """
    return _builder(tp)(value)


#: Annotation -> the function that rebuilds a value of it (see _builder).
_BUILDERS: dict[Any, Callable[[Any], Any]] = {}


def _same(value: Any) -> Any:
    return value


def _builder(tp: Any) -> Callable[[Any], Any]:
    """The function that rebuilds a value of type ``tp``, worked out once per annotation.

    A warm run rebuilds every rule file from the cache blob (~3,400 values);
    asking ``get_origin``/``get_args`` of each value's annotation again took
    most of the ~7 ms that loading the pack from the cache cost.
    """
    build = _BUILDERS.get(tp)
    if build is not None:
        return build
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        model = tp
        fields: dict[str, Callable[[Any], Any]] = {}

        def build(value: Any) -> Any:
            if not isinstance(value, dict):
                raise TypeError(f"{model.__name__}: not a mapping")
            if not fields:  # filled on first use: a schema may name a model not yet seen
                fields.update((k, _builder(f.annotation)) for k, f in model.model_fields.items())
            return model.model_construct(**{k: fields[k](v) for k, v in value.items()})
    else:
        origin = get_origin(tp)
        args = get_args(tp)
        if origin is list:
            item = _builder(args[0])

            def build(value: Any) -> Any:
                if not isinstance(value, list):
                    raise TypeError("not a list")
                return list(value) if item is _same else [item(v) for v in value]
        elif origin is dict:
            item = _builder(args[1])

            def build(value: Any) -> Any:
                if not isinstance(value, dict):
                    raise TypeError("not a mapping")
                return dict(value) if item is _same else {k: item(v) for k, v in value.items()}
        elif origin is Union or origin is UnionType:
            models = [a for a in args if isinstance(a, type) and issubclass(a, BaseModel)]
            if models:
                inner = _builder(models[0])

                def build(value: Any) -> Any:
                    return None if value is None else inner(value)
            else:
                build = _same
        else:
            build = _same
    _BUILDERS[tp] = build
    return build


def _signature(folders: list[Path]) -> tuple:
    """Names, sizes and mtimes of every rule file: a changed file means a new pack."""
    out = []
    for folder in folders:
        for sub in ("", "predicates", "relations"):
            d = folder / sub if sub else folder
            try:
                entries = sorted(os.scandir(d), key=lambda e: e.name)
            except OSError:
                continue
            out += [(e.path, st.st_size, st.st_mtime_ns) for e in entries
                    if e.name.endswith(".yaml") and (st := e.stat())]
    return tuple(out)


def load_rulepack(rules_dir: str | None = None, extra: tuple[str, ...] = (), *,
                  cache: "Cache | None" = None) -> RulePack:
    """Load and compile the rule pack in ``rules_dir`` (default: the packaged one).

    Each folder in ``extra`` adds to it: its ``entities.yaml`` (entities and
    classes), ``predicates/*.yaml`` and ``relations/*.yaml``. An id that is
    already taken is an error naming the file. A pack is compiled once per
    process and again only when one of its files changes.

    With a ``cache`` (claimcheck.cache.Cache, made for the same ``rules_dir``
    and ``extra``), the rule files' validated contents are taken from it when
    they are there, and stored in it when they are not.
    """
    folders = [Path(rules_dir) if rules_dir else default_rules_dir(), *(Path(x) for x in extra)]
    key = (rules_dir, tuple(extra), _signature(folders))
    pack = _PACKS.get(key)
    if pack is None:
        pack = _load_rulepack(rules_dir, tuple(extra), cache)
        if len(_PACKS) >= 8:
            del _PACKS[next(iter(_PACKS))]
        _PACKS[key] = pack
    return pack


#: Packs compiled in this process, by (rules_dir, extra, signature). Not an
#: lru_cache on _load_rulepack: the cache it is given does not change the pack.
_PACKS: dict[tuple, RulePack] = {}


def _load_rulepack(rules_dir: str | None, extra: tuple[str, ...], cache: "Cache | None" = None) -> RulePack:
    root = Path(rules_dir) if rules_dir else default_rules_dir()
    # The packaged pack is checked for exponential-time patterns by the test
    # suite (tests/rules); a folder a user points at is checked on every load.
    # The check costs more than compiling, and the packaged pack cannot change
    # between releases.
    check = rules_dir is not None or bool(extra)
    files = _RuleFiles(cache)

    def compile_(regex: str, path: Path, key: str, flags: int = re.IGNORECASE, *,
                 skeleton: str | None = None) -> re.Pattern[str]:
        return _compile(regex, path, key, flags, skeleton=skeleton, check=check)
    folders = [root, *(Path(x) for x in extra)]
    for folder in folders:
        if not _is_rule_folder(folder):
            raise RuleError("rule folder not found", path=str(folder))

    lex_path = root / "lexicon.yaml"
    lex_file: LexiconFile = files.read(LexiconFile, lex_path)

    ent_entries: list[tuple[EntityEntry, Path]] = []
    ent_classes: list[tuple[EntityClass, Path]] = []
    for i, folder in enumerate(folders):
        ent_path = folder / "entities.yaml"
        if i > 0 and not ent_path.is_file():
            continue
        ent_file: EntitiesFile = files.read(EntitiesFile, ent_path)
        ent_entries += [(e, ent_path) for e in ent_file.entities]
        ent_classes += [(c, ent_path) for c in ent_file.classes]
    within = {e.id: e.within for e, _ in ent_entries}
    within.update({c.id: c.within for c, _ in ent_classes})
    entities: dict[str, Entity] = {}
    for e, path in ent_entries + ent_classes:  # type: ignore[operator]
        if e.id in entities:
            raise RuleError(f"duplicate entity id {e.id!r}", path=str(path), key="entities")
        label = e.label if isinstance(e, EntityEntry) else e.id.replace("_", " ")
        entities[e.id] = Entity(e.id, e.role, label, _ancestors(within, e.id, path))
    exact = {n: e.id for e, _ in ent_entries for n in e.case_sensitive_names}

    def build_matchers() -> _Matchers:
        return _Matchers(
            lexicon=_compile_lexicon(lex_file),
            entity_names=PhraseMatcher({n: e.id for e, _ in ent_entries for n in e.names}),
            entity_exact_re=re.compile(_phrases(list(exact))) if exact else _never(),
            entity_classes=tuple((c, compile_(c.pattern, path, f"classes.{c.id}.pattern", flags=0))
                                 for c, path in ent_classes))
    matchers = build_matchers() if check else None

    terms = dict(lex_file.terms)
    for name, fragment in sorted(terms.items()):
        if check:
            _check_redos(fragment, lex_path, f"terms.{name}")
    # Predicate patterns never spell out entity names: the extractor masks
    # every actor and counterpart mention in the text it matches against
    # (see MASKS), so {actor} and {counterpart} are one short token each.
    # This keeps the patterns small: they compile and match several times
    # faster than with every name inlined.
    for role, mask in MASKS.items():
        terms.setdefault(role, mask + "q*")
    words = [n for e, _ in ent_entries if e.role == "program" for n in e.names + e.case_sensitive_names]
    terms.setdefault("program", _phrases(words, lookbehind=False) if words else r"(?!x)x")

    predicates: dict[str, Predicate] = {}
    for path in [p for folder in folders for p in sorted((folder / "predicates").glob("*.yaml"))]:
        pf: PredicateFile = files.read(PredicateFile, path)
        if pf.id in predicates:
            raise RuleError(f"duplicate predicate id {pf.id!r}", path=str(path), key="id")
        if path.stem != pf.id:
            raise RuleError(f"file name must match the predicate id {pf.id!r}", path=str(path), key="id")
        pats = []
        seen_ids = set()
        for i, p in enumerate(pf.patterns):
            if p.id in seen_ids:
                raise RuleError(f"duplicate pattern id {p.id!r}", path=str(path), key=f"patterns.{i}.id")
            seen_ids.add(p.id)
            key = f"patterns.{i}.regex"
            exclude = None
            if p.exclude:
                ekey = f"patterns.{i}.exclude"
                exclude = lower_regex(_expand(p.exclude, terms, path, ekey))
                if check:  # a user's folder: compile now, so errors name the file and key
                    compile_(exclude, path, ekey, flags=0, skeleton=_expand(p.exclude, terms, path, ekey, skeleton=True))
            regex = lower_regex(_expand(p.regex, terms, path, key))
            if check:
                compile_(regex, path, key, flags=0, skeleton=_expand(p.regex, terms, path, key, skeleton=True))
            # Pre-filter literals come from the pattern's own text, each {term} stood in
            # for by one opaque character: parsing the expanded terms again in every
            # pattern cost ~57 ms a process; the skeletons cost ~18 ms and, on the
            # generated corpus, skip as many searches.
            literal_skeleton = lower_regex(_TERM.sub(lambda m: _stand_in(m.group(1), terms), p.regex))
            pats.append(CompiledPattern(f"{pf.id}.{p.id}", regex, p.polarity, p.fixed, p.presupposed, exclude,
                                        literal_skeleton))
        # Keywords are searched in lower-cased text, without IGNORECASE (much faster).
        kw = lower_regex(pf.keywords)
        if check:
            compile_(kw, path, "keywords", flags=0)
        predicates[pf.id] = Predicate(pf.id, pf.label, pf.negated_label, pf.description.strip(), kw,
                                      tuple(pf.requires), pf.law, tuple(pats), tuple(pf.examples), str(path),
                                      pf.universal)

    relations = []
    seen_rel: dict[str, str] = {}
    for path in [p for folder in folders for p in sorted((folder / "relations").glob("*.yaml"))]:
        rf: RelationFile = files.read(RelationFile, path)
        for ident in (rf.id, rf.name, *rf.aliases):
            if ident in seen_rel or ident in RESERVED_RULE_IDS:
                raise RuleError(f"rule id or alias {ident!r} already used by {seen_rel.get(ident, 'claimcheck')}",
                                path=str(path), key="id")
            seen_rel[ident] = path.name
        for side_key in ("first", "second", "if_", "then"):
            side = getattr(rf, side_key)
            if side is not None and side.predicate not in predicates:
                raise RuleError(f"unknown predicate {side.predicate!r}", path=str(path),
                                key=f"{side_key.rstrip('_')}.predicate")
        relations.append(Relation(rf.id, rf.name, rf.kind, rf.description.strip(), rf.help.strip(),
                                  tuple(rf.aliases), rf, str(path)))

    files.store()
    return RulePack(
        root=str(root),
        entities=entities,
        entity_exact=exact,
        predicates=predicates,
        relations=tuple(sorted(relations, key=lambda r: r.id)),
        class_prefixes=tuple((c.id, c.prefix) for c, _ in ent_classes),
        build_matchers=build_matchers if matchers is None else lambda: matchers,
    )
