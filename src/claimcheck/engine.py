"""Engine stage: claims -> findings and the relations behind them.

Each relation rule in ``rules/relations/`` has a *kind*, and each kind is one
function here:

* ``opposition``   same predicate, opposite polarity, overlapping scope;
* ``incompatible`` two different predicates that cannot both hold (with the
  stated exceptions and conditions that reconcile them);
* ``certainty``    the same claim asserted in one answer, hedged in another;
* ``implication``  a claim that entails another; the entailed claim takes
  part in the other rules, and what it leads to is a tension with a chain.

Claims are compared only within a predicate and a jurisdiction bucket (plus
federal and unknown jurisdiction), never all pairs of answers. Normative
claims ("agencies should …") never take part. No I/O.

The work is in two steps. :func:`decide` makes the pairs: which claims a
rule sets against each other, numbered in report order; it reads
``ClaimFacts`` (plain tuples), and each rule's pairs over one predicate are a
pure function of the facts of that predicate's claims, so a ``memo`` (the
cache) can hand back the pairs of every predicate no file's edit touched.
:meth:`Decisions.findings` then words the pairs a report shows, and
:meth:`Decisions.relations` gives the graph's edges. :func:`evaluate` does
both for a list of ``Claim`` models.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import NamedTuple, Protocol

from .models import (AnswerRef, Claim, ClaimFacts, FileFacts, Finding, Modality, Polarity, Relation, Scope,
                     Severity, Topic)
from .rulepack import Relation as RelationRule
from .rulepack import RulePack, entity_ancestors

_WEAK = {Modality.hedged, Modality.conditional, Modality.presupposed}


class Node:
    """A claim as the engine sees it: extracted, or derived through an implication.

    A plain slotted class: a corpus of ten thousand pages has over 120,000
    claims, and the fields the pairing loop reads on every pair (where the
    claim is, its scope key, its order) are worked out once, here.
    """

    __slots__ = ("claim", "order", "predicate", "polarity", "via", "context", "scope", "modality",
                 "doc", "where", "key", "sort_key", "context_key")

    def __init__(self, claim: ClaimFacts, order: int, predicate: str, polarity: str,
                 via: RelationRule | None = None, context: Scope | None = None) -> None:
        self.claim = claim
        self.order = order
        self.predicate = predicate
        self.polarity = polarity
        #: The implication rule this node was derived through, if any.
        self.via = via
        #: The scope with what the sentence leaves open taken from its page's
        #: topic: what the claim is about when compared with *other* pages.
        self.context = context
        self.scope: Scope = claim.scope
        self.modality: Modality = claim.modality
        self.doc: str = claim.doc
        self.where: tuple[str, str] = (claim.doc, claim.answer)
        self.key = _key(claim.scope)
        self.sort_key = (claim.doc, order)
        self.context_key = self.key if context is None else _key(context)


@dataclass(frozen=True)
class _Candidate:
    rule: RelationRule
    kind: str
    severity: Severity
    first: Node
    second: Node
    predicate: str
    relation_kind: str


class PairMemo(Protocol):
    """Where :func:`decide` keeps the pairs of each rule and predicate between runs (the cache)."""

    def get(self, key: str) -> tuple | None: ...

    def put(self, key: str, value: tuple) -> None: ...


#: One side of a pair: (claim id, id of the implication rule it is derived through, or "").
_Ref = tuple[str, str]
#: A pair as the memo keeps it: (kind, severity, first, second, predicate, relation kind).
_Row = tuple[str, str, _Ref, _Ref, str, str]
_SEVERITY = {s.value: s for s in Severity}


class Pairing(NamedTuple):
    """A finding decided but not yet worded: its number, rule and severity, and the two claims."""

    number: int
    #: Rule id (an implication's, for a finding reached through one).
    rule: str
    severity: Severity
    kind: str
    predicate: str
    relation_kind: str
    first: _Ref
    second: _Ref
    #: (document, answer) of the claim reported at, then of the other.
    answers: tuple[tuple[str, str], tuple[str, str]]

    def with_severity(self, severity: Severity) -> "Pairing":
        return self._replace(severity=severity)


class _Claims:
    """The corpus' claims by id and in order, and the engine's nodes for them, made when first asked for.

    A warm run whose pairs all come from the memo makes nodes only for the
    findings it words.
    """

    def __init__(self, files: Sequence[FileFacts], pack: RulePack, topics_known: Collection[str] | None) -> None:
        self.pack = pack
        self.facts: dict[str, ClaimFacts] = {}
        self.order: dict[str, int] = {}
        self.topics: dict[str, Topic | None] = {}
        self.by_pred: dict[str, list[ClaimFacts]] = defaultdict(list)
        #: (predicate, place) -> its claims there ("" unplaced, "US" federal), and the files they are in, in order.
        self.by_place: dict[tuple[str, str], list[ClaimFacts]] = defaultdict(list)
        self.docs_at: dict[tuple[str, str], list[str]] = defaultdict(list)
        #: (predicate, polarity) -> how many claims say it, and the first that does.
        self.saying: dict[tuple[str, Polarity], int] = {}
        self.first_saying: dict[tuple[str, Polarity], ClaimFacts] = {}
        i = 0
        for f in files:
            self.topics[f.path] = f.topic if topics_known is None or f.path in topics_known else None
            for c in f.claims:
                if c.modality is not Modality.normative:
                    self.facts[c.id] = c
                    self.order[c.id] = i
                    self.by_pred[c.predicate].append(c)
                    said = (c.predicate, c.polarity)
                    self.saying[said] = self.saying.get(said, 0) + 1
                    self.first_saying.setdefault(said, c)
                    place = c.scope.jurisdiction or ""
                    self.by_place[(c.predicate, place)].append(c)
                    at = self.docs_at[(c.predicate, place)]
                    if not at or at[-1] != f.path:
                        at.append(f.path)
                i += 1
        self.implications = [rule for rule in pack.relations if rule.kind == "implication"]
        #: A predicate's nodes include those derived from its implications' sources.
        self.sources: dict[str, set[str]] = defaultdict(set)
        for rule in self.implications:
            assert rule.spec.if_ and rule.spec.then
            self.sources[rule.spec.then.predicate].add(rule.spec.if_.predicate)
        self._contexts: dict[tuple, Scope] = {}  # many claims share a scope and a topic
        self._nodes: dict[_Ref, Node] = {}
        self._pred_nodes: dict[str, list[Node]] = {}

    def _context(self, c: ClaimFacts) -> Scope:
        topic = self.topics.get(c.doc)
        if topic is None:
            return c.scope
        k = (_key(c.scope), topic.actor, topic.program)
        found = self._contexts.get(k)
        if found is None:
            found = self._contexts[k] = in_context(c.scope, topic)
        return found

    def node(self, ref: _Ref) -> Node:
        found = self._nodes.get(ref)
        if found is None:
            c = self.facts[ref[0]]
            if ref[1]:
                rule = self.pack.relation(ref[1])
                assert rule.spec.then is not None
                found = Node(c, self.order[c.id], rule.spec.then.predicate, rule.spec.then.polarity, via=rule,
                             context=self._context(c))
            else:
                found = Node(c, self.order[c.id], c.predicate, c.polarity.value, context=self._context(c))
            self._nodes[ref] = found
        return found

    def _derived_from(self, pred: str, place: str | None = None) -> Iterator[tuple[RelationRule, list[ClaimFacts]]]:
        """Implications into ``pred``, each with the claims it derives from (in order; those in ``place``)."""
        for rule in self.implications:
            assert rule.spec.if_ and rule.spec.then
            if rule.spec.then.predicate == pred:
                source = rule.spec.if_.predicate
                claims = self.by_pred.get(source, ()) if place is None else self.by_place.get((source, place), ())
                yield rule, [c for c in claims if c.polarity.value == rule.spec.if_.polarity]

    def predicates(self) -> list[str]:
        """Every predicate with a claim, its own or derived, sorted."""
        preds = set(self.by_pred)
        for rule in self.implications:
            assert rule.spec.then
            if any(sources for _, sources in self._derived_from(rule.spec.then.predicate)):
                preds.add(rule.spec.then.predicate)
        return sorted(preds)

    def nodes(self, pred: str, place: str | None = None) -> list[Node]:
        """``pred``'s nodes (those in ``place``: a state's code, "US", or "" for unplaced): its claims,
        then those derived into it, in the order pairing expects."""
        out = self._pred_nodes.get(pred) if place is None else None
        if out is None:
            own = self.by_pred.get(pred, ()) if place is None else self.by_place.get((pred, place), ())
            out = [self.node((c.id, "")) for c in own]
            for rule, sources in self._derived_from(pred, place):
                out += [self.node((c.id, rule.id)) for c in sources]
            if place is None:
                self._pred_nodes[pred] = out
        return out

    def read_by(self, preds: Iterable[str]) -> list[str]:
        """The predicates whose claims ``preds``' nodes come from: their own, and their implications' sources."""
        return sorted({s for p in preds for s in (p, *self.sources.get(p, ()))})

    def places(self, preds: Iterable[str]) -> set[str]:
        """Every place with a claim of ``preds``, their own or one they are derived from."""
        read = set(self.read_by(preds))
        return {place for (pred, place) in self.docs_at if pred in read}

    def candidate(self, p: Pairing) -> _Candidate:
        return _Candidate(self.pack.relation(p.rule), p.kind, p.severity, self.node(p.first), self.node(p.second),
                          p.predicate, p.relation_kind)


@dataclass
class Decisions:
    """What :func:`decide` made of a corpus' claims: the pairs, in report order, and the graph's edges."""

    pairings: list[Pairing]
    #: (source claim id, target claim id, kind, rule), sorted; :meth:`relations` words their evidence.
    edges: list[tuple[str, str, str, str]]
    claims: _Claims

    def findings(self, pairings: Iterable[Pairing], pack: RulePack) -> list[Finding]:
        """``pairings`` (some or all of :attr:`pairings`) as worded findings, with ids ``F{number}``."""
        return [_finding(p, self.claims.candidate(p), pack) for p in pairings]

    def in_documents(self, docs: Collection[str]) -> Callable[[str], bool]:
        """Whether a claim (by id) is in one of ``docs``: a ``keep`` for :meth:`relations`."""
        facts = self.claims.facts
        return lambda claim_id: facts[claim_id].doc in docs

    def relations(self, keep: Callable[[str], bool] | None = None) -> list[Relation]:
        """The graph's edges whose two claims ``keep`` accepts (by claim id); all of them without it."""
        facts, pack = self.claims.facts, self.claims.pack

        def evidence(source: str, target: str, kind: str, rule: str) -> str:
            if kind == "implies":  # from the claim's predicate to what the implication makes of it
                then = pack.relation(rule).spec.then
                assert then is not None
                return f"{facts[source].predicate} => {then.predicate}"
            return f"{facts[source].cue} / {facts[target].cue}"

        return [Relation(source=s, target=t, kind=k, rule=r, evidence=evidence(s, t, k, r)) for s, t, k, r in self.edges
                if keep is None or (keep(s) and keep(t))]


def evaluate(claims: Iterable[Claim], pack: RulePack,
             topics: Mapping[str, Topic] | None = None) -> tuple[list[Finding], list[Relation]]:
    """Findings (sorted, numbered) and claim-to-claim relations for the graph.

    ``topics`` (document path -> what the page is about, from
    ``extraction.document_topic``) narrows comparisons *between* pages: a
    claim that names no actor or program is taken to be about its page's.
    The claims of one document must be together, in document order.
    """
    topics = topics or {}
    by_doc: dict[str, list[Claim]] = {}
    for c in claims:
        by_doc.setdefault(c.doc, []).append(c)
    files = [FileFacts(path, topics.get(path) or Topic(), tuple(ClaimFacts.of(c, i) for i, c in enumerate(cs)),
                       (), {})
             for path, cs in by_doc.items()]
    decisions = decide(files, pack, topics_known=set(topics))
    return decisions.findings(decisions.pairings, pack), decisions.relations()


def file_digests(claims: Sequence[ClaimFacts], topic: Topic) -> dict[str, str]:
    """Per predicate, a hash of everything :func:`decide` reads of ``claims`` of it (one file's).

    That is every field but the words and where they are: the claim's id
    and place in the document, polarity, modality, scope, time, conditions
    and exceptions, which sentence of its answer it is in, and the page's
    topic. Wording-only edits (a line moved, a sentence rephrased around the
    same claim) leave the digests, and so the memoised pairs, as they were.
    """
    sentence_rank: dict[tuple[str, int], int] = {}
    for c in sorted(claims, key=lambda c: (c.answer, c.sentence_start)):
        sentence_rank.setdefault((c.answer, c.sentence_start), len(sentence_rank))
    facts: dict[str, list[tuple]] = defaultdict(list)
    for c in claims:
        if c.modality is Modality.normative:
            continue
        s = c.scope
        facts[c.predicate].append((c.index, c.id, c.answer, c.polarity.value, c.modality.value,
                                   (s.jurisdiction, s.actor, s.counterpart, s.program, s.level),
                                   sentence_rank[(c.answer, c.sentence_start)], c.tense, c.years,
                                   c.exceptions, c.conditions))
    head = repr((topic.actor, topic.program))
    return {pred: hashlib.sha256(f"{head}{rows!r}".encode()).hexdigest()[:16] for pred, rows in sorted(facts.items())}


def decide(files: Sequence[FileFacts], pack: RulePack, memo: PairMemo | None = None, *,
           topics_known: Collection[str] | None = None) -> Decisions:
    """Every pair of claims a rule sets against each other, numbered in report order.

    With a ``memo``, the pairs of each rule over each predicate (and, where
    states cannot meet, each state) are looked up by a hash of the digests
    (``FileFacts.digests``) of the files' claims it reads, and stored when
    they had to be made. ``topics_known`` limits page topics to those
    documents (``evaluate`` passes only the topics it was given); by default
    every file's counts.
    """
    files = sorted(files, key=lambda f: f.path)
    claims = _Claims(files, pack, topics_known)
    solve = _Solver(claims, memo, _ProblemKeys(files, claims) if memo is not None else None)
    preds = claims.predicates()
    return _merge(_rule_rows(solve, preds), _support_rows(solve, preds), claims)


class _Solver:
    """Solves one pairing problem: from the memo when the claims it reads are unchanged, else anew."""

    def __init__(self, claims: _Claims, memo: PairMemo | None, keys: _ProblemKeys | None) -> None:
        self.claims = claims
        self.pack = claims.pack
        self.memo = memo
        self.keys = keys

    @property
    def partitions(self) -> bool:
        """Whether problems are split by state: worth it only for the memo's sake."""
        return self.keys is not None

    def rows(self, tag: str, read: tuple[str, ...], make: Callable[[], tuple], ids: Callable[[tuple], Iterable[str]],
             place: str | None = None) -> tuple:
        if self.keys is None or self.memo is None:
            return make()
        key = self.keys.key(tag, read, place)
        stored = self.memo.get(key)
        # The key vouches for the rows; the check only guards against a foreign file under its name.
        if stored is not None and all(i in self.claims.facts for row in stored for i in ids(row)):
            return stored
        made = make()
        self.memo.put(key, made)
        return made


def _ref(n: Node) -> _Ref:
    return (n.claim.id, n.via.id if n.via else "")


def _pair_ids(row: tuple) -> tuple[str, str]:
    return (row[2][0], row[3][0])


def _rule_rows(solve: _Solver, preds: list[str]) -> list[tuple[RelationRule, tuple]]:
    """Every rule's pairs, problem by problem, in the order the rules and predicates come."""
    claims, pack = solve.claims, solve.pack

    def make(rule: RelationRule, read: tuple[str, ...], place: str | None = None) -> tuple:
        subset = {p: claims.nodes(p, place) for p in read if p in preds}
        return tuple((c.kind, c.severity.value, _ref(c.first), _ref(c.second), c.predicate, c.relation_kind)
                     for c in _KINDS[rule.kind](rule, subset, pack))

    rows: list[tuple[RelationRule, tuple]] = []
    for rule in pack.relations:
        tag = f"{rule.id}:{_KINDS[rule.kind].__name__}"
        for read in _problems(rule, preds):
            places = claims.places(read)
            if not solve.partitions or len(places) < 2 or places & {"", "US"}:
                rows.append((rule, solve.rows(tag, read, partial(make, rule, read), _pair_ids)))
                continue
            # No federal or unplaced claim: a state's claims meet only their own
            # state's (see _pairs), so each state is a problem of its own, and an
            # edit pairs again only the states its file's claims are in. The
            # pairs are the same as the whole problem's; only their order
            # differs, which _merge's sort makes up for.
            for place in sorted(places):
                rows.append((rule, solve.rows(tag, read, partial(make, rule, read, place), _pair_ids, place)))
    return rows


def _support_rows(solve: _Solver, preds: list[str]) -> list[tuple[str, str]]:
    """The support edges' claim pairs, predicate by predicate and polarity by polarity."""
    claims, pack = solve.claims, solve.pack

    def saying(pred: str, polarity: Polarity, place: str | None, but: ClaimFacts | None) -> list[ClaimFacts]:
        """The claims of ``pred`` with ``polarity`` (in ``place``), in order, but ``but``."""
        among = claims.by_pred.get(pred, ()) if place is None else claims.by_place.get((pred, place), ())
        return [c for c in among if c.polarity is polarity and c is not but]

    def make(pred: str, polarity: Polarity, place: str | None = None, head: ClaimFacts | None = None) -> tuple:
        group = [claims.node((c.id, "")) for c in saying(pred, polarity, place, head)]
        return tuple((a.claim.id, b.claim.id) for a, b in _supports(
            group, pack, claims.node((head.id, "")) if head else None))

    def ids(row: tuple) -> tuple:
        return row

    out: list[tuple[str, str]] = []
    for pred in preds:
        for polarity in (Polarity.affirmed, Polarity.negated):
            tag = f"support:{polarity.value}"
            if claims.saying.get((pred, polarity), 0) <= SUPPORT_GROUP_LIMIT:
                out.extend(solve.rows(tag, (pred,), partial(make, pred, polarity), ids))
                continue
            head = claims.first_saying[(pred, polarity)]
            if solve.keys is None:
                out.extend(make(pred, polarity, None, head))
                continue
            # Every claim meets the head alone: each state's claims are a problem
            # of their own, as long as the head (in the key) stays the same.
            tag += f":{head.id}:{solve.keys.digests[head.doc].get(pred, '')}"
            for place in sorted({place for (p, place) in claims.docs_at if p == pred}):
                out.extend(solve.rows(tag, (pred,), partial(make, pred, polarity, place, head), ids, place))
    return out


def _problems(rule: RelationRule, preds: Sequence[str]) -> list[tuple[str, ...]]:
    """The predicates each of ``rule``'s independent pairing problems reads, in the order they are solved.

    Opposition and certainty pair claims within one predicate, so each
    predicate is a problem of its own; an incompatibility reads its two.
    """
    if rule.kind in ("opposition", "certainty"):
        return [(p,) for p in preds]
    if rule.kind == "incompatible":
        assert rule.spec.first and rule.spec.second
        return [(rule.spec.first.predicate, rule.spec.second.predicate)]
    return []


class _ProblemKeys:
    """Memo keys: a problem's rule and kind, and the digests of every file's claims of what it reads."""

    def __init__(self, files: Sequence[FileFacts], claims: _Claims) -> None:
        self.read_by = claims.read_by
        self.docs_at = claims.docs_at
        self.digests = {f.path: f.digests for f in files}
        rows: dict[str, list[str]] = defaultdict(list)
        for f in files:
            for pred, digest in f.digests.items():
                rows[pred].append(f"{f.path}\0{digest}")
        self.per_pred = {pred: hashlib.sha256("\n".join(r).encode()).hexdigest() for pred, r in rows.items()}
        self._places: dict[tuple[str, str], str] = {}

    def _at(self, pred: str, place: str) -> str:
        """The digests of the files with claims of ``pred`` in ``place``."""
        found = self._places.get((pred, place))
        if found is None:
            found = self._places[(pred, place)] = hashlib.sha256("\n".join(
                f"{path}\0{self.digests[path].get(pred, '')}" for path in self.docs_at.get((pred, place), ()))
                .encode()).hexdigest()
        return found

    def key(self, tag: str, preds: Iterable[str], place: str | None = None) -> str:
        read = self.read_by(preds)
        parts = [self.per_pred.get(p, "") for p in read] if place is None else [self._at(p, place) for p in read]
        return hashlib.sha256("\0".join([tag, place or "", *read, *parts]).encode()).hexdigest()


def _merge(rows: list[tuple[RelationRule, tuple]], supports: list[tuple[str, str]], claims: _Claims) -> Decisions:
    """One finding per rule and pair of answers (the strongest pair of claims), numbered; and the edges.

    Runs over every pair of a corpus on every run (140,000 at 10,000 pages),
    memo or not: hence the flat tuples.
    """
    facts, order = claims.facts, claims.order
    rank_of = {value: sev.rank for value, sev in _SEVERITY.items()}
    best: dict[tuple, tuple] = {}
    for rule, problem_rows in rows:
        own_id = rule.id
        for row in problem_rows:
            first, second = row[2], row[3]
            f, s = facts[first[0]], facts[second[0]]
            # A finding reached through an implication is reported under the
            # implication's rule: that is the reasoning a reader needs to check.
            via = first[1] or second[1]
            rule_id = via or own_id
            key = (rule_id, row[4], f.doc, f.answer, s.doc, s.answer)
            rank = (rank_of[row[1]], via != "", (f.modality in _WEAK) + (s.modality in _WEAK),
                    order[first[0]], order[second[0]])
            held = best.get(key)
            if held is None or rank < held[0]:
                best[key] = (rank, rule_id, row)
    # Files come in path order, so a claim's order sorts as (document, order) does.
    chosen = sorted(best.values(), key=lambda b: (b[0][3], b[1], b[0][4]))
    pairings = []
    edges = [(a, b, "supports", "support") for a, b in supports]
    for number, (_, rule_id, (kind, sev, first, second, pred, relation_kind)) in enumerate(chosen, 1):
        f, s = facts[first[0]], facts[second[0]]
        pairings.append(Pairing(number, rule_id, _SEVERITY[sev], kind, pred, relation_kind, first, second,
                                ((f.doc, f.answer), (s.doc, s.answer))))
        edges.append((f.id, s.id, relation_kind, rule_id))
        derived, other = (first, s) if first[1] else (second, f) if second[1] else (None, None)
        if derived is not None and other is not None:
            # What the claim implies bears on the other claim: that is the edge.
            edges.append((derived[0], other.id, "implies", rule_id))
    edges.sort()
    return Decisions(pairings, edges, claims)


# ------------------------------------------------------------------ scope


def _covers(broad: str | None, narrow: str | None, pack: RulePack) -> bool:
    """True when ``broad`` includes ``narrow`` (unknown includes everything)."""
    if broad is None or narrow is None or broad == narrow:
        return True
    return broad in entity_ancestors(narrow, pack)


def in_context(scope: Scope, topic: Topic | None) -> Scope:
    """``scope`` with the actor and program it leaves open taken from ``topic``."""
    if topic is None or (scope.actor and scope.program):
        return scope
    return scope.model_copy(update={"actor": scope.actor or topic.actor,
                                    "program": scope.program or topic.program})


def _same_place(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b or "US" in (a, b)


def _same_issuer(a: Scope, b: Scope) -> bool:
    """A county's ordinance and the state's statute are different laws; unknown meets both."""
    return a.level is None or b.level is None or a.level == b.level


def scopes_overlap(a: Scope, b: Scope, pack: RulePack) -> bool:
    """Whether two claims can be about the same thing (either may be the broader)."""
    return _same_place(a.jurisdiction, b.jurisdiction) and _same_issuer(a, b) and all(
        _covers(x, y, pack) or _covers(y, x, pack)
        for x, y in ((a.actor, b.actor), (a.counterpart, b.counterpart), (a.program, b.program))
    )


def denial_covers(negated: Scope, affirmed: Scope, pack: RulePack) -> bool:
    """A denial conflicts with an affirmation only if it is at least as broad.

    "No state agency has an agreement" is contradicted by "the Department of
    Revenue has one"; "the Department of Revenue has none" is not
    contradicted by "state agencies have agreements".
    """
    return _same_place(negated.jurisdiction, affirmed.jurisdiction) and _same_issuer(negated, affirmed) and all(
        _covers(n, a, pack)
        for n, a in ((negated.actor, affirmed.actor), (negated.counterpart, affirmed.counterpart),
                     (negated.program, affirmed.program))
    )


def same_time(a: ClaimFacts, b: ClaimFacts) -> bool:
    """Whether two claims speak of the same time.

    Present claims meet each other; a past claim ("had an agreement in
    2015") meets only a past claim of the same year, or, when neither names
    a year, another undated past claim.
    """
    if a.tense != b.tense:
        return False
    if a.tense == "present":
        return True
    return set(a.years) == set(b.years) or bool(set(a.years) & set(b.years))


#: How many claims in *other* documents one claim is paired with, per rule,
#: on either side of the pair. Within a document every pair counts; across a
#: corpus of hundreds of pages about one state, a claim contradicted by fifty
#: pages needs a handful of findings, not fifty, and both the work and the
#: report stay linear in corpus size. (Capping only the left side let the one
#: false claim of a state be paired with every other page's claims: findings
#: per page grew with the number of pages about the state.)
CROSS_DOCUMENT_LIMIT = 5
#: The same within one document: a page that repeats one contradiction in
#: hundreds of answers needs enough findings to show it, not all the pairs.
SAME_DOCUMENT_LIMIT = 25


#: One tuple per distinct scope key: every node holds two, and a corpus has a few thousand distinct ones.
_KEYS: dict[tuple, tuple] = {}


def _key(s: Scope) -> tuple:
    k = (s.jurisdiction or "", s.actor or "", s.counterpart or "", s.program or "", s.level or "")
    return _KEYS.setdefault(k, k)


def _context(n: Node) -> Scope:
    return n.context or n.scope


def _same_subject(a: Scope, b: Scope, pack: RulePack) -> bool:
    """Whether two pages' claims are positively about one subject: an actor or a
    program that both name (in context) and that overlap.

    Within a page the page itself is the common subject. Across pages,
    claims that leave their subject open on one side or the other ("records
    go to ICE only with a court order" on a tax page, "federal law requires
    jails to share release dates" on a detainer page) could be about
    anything, and a finding between them would be a guess.
    """
    return any(x is not None and y is not None and (_covers(x, y, pack) or _covers(y, x, pack))
               for x, y in ((a.actor, b.actor), (a.program, b.program)))


def _meet_across_pages(a: Scope, b: Scope, fits: Callable[[Scope, Scope], bool], pack: RulePack) -> bool:
    """Whether claims from two pages, in context (see :func:`in_context`), are compared at all."""
    return fits(a, b) and _same_subject(a, b, pack)


def _meet(cache: dict[tuple, bool], a: Node, b: Node, fits: Callable[[Scope, Scope], bool], pack: RulePack) -> bool:
    """:func:`_meet_across_pages` for two nodes' contexts, each pair of contexts checked once (``cache``)."""
    k = (a.context_key, b.context_key)
    ok = cache.get(k)
    if ok is None:
        ok = cache[k] = _meet_across_pages(_context(a), _context(b), fits, pack)
    return ok


def _pairs(left: list[Node], right: list[Node], fits: Callable[[Scope, Scope], bool],
           accept: Callable[[Node, Node], bool], pack: RulePack, *,
           cap_right: bool = True) -> Iterator[tuple[Node, Node]]:
    """Pairs (a from ``left``, b from ``right``) worth comparing, in a fixed order.

    Claims are grouped by scope (jurisdiction, actor, counterpart, program, level), and
    ``fits`` is asked once per pair of groups, so only groups that can overlap
    are visited; ``accept`` then filters single pairs. Each ``a`` is paired with
    at most :data:`CROSS_DOCUMENT_LIMIT` claims from other documents and
    :data:`SAME_DOCUMENT_LIMIT` from its own; with ``cap_right`` each ``b`` is
    also paired with at most :data:`CROSS_DOCUMENT_LIMIT` claims from other
    documents. A pair from two documents must also fit in context (each
    side's open slots filled from its page's topic).
    """
    groups: dict[tuple, list[Node]] = defaultdict(list)
    for b in right:
        groups[b.key].append(b)
    for g in groups.values():
        g.sort(key=lambda n: n.sort_key)
    by_place: dict[str, list[tuple]] = defaultdict(list)
    for kb in sorted(groups):
        by_place[kb[0]].append(kb)
    everywhere = sorted(groups)
    reach: dict[str, list[tuple]] = {}
    fit_cache: dict[tuple, bool] = {}
    ctx_cache: dict[tuple, bool] = {}
    #: Cross-document pairs each right-hand claim has taken part in (by id).
    taken: dict[str, int] = defaultdict(int)
    for a in sorted(left, key=lambda n: n.sort_key):
        ka = a.key
        place = ka[0]
        # A state's claim meets its own state's, federal and unplaced claims.
        if place in ("", "US"):
            keys = everywhere
        elif place in reach:
            keys = reach[place]
        else:
            keys = reach[place] = sorted(by_place[place] + by_place["US"] + by_place[""])
        a_id, a_doc, a_where = a.claim.id, a.doc, a.where
        a_sentence = a.claim.sentence_start
        cross = same = 0
        for kb in keys:
            if cross >= CROSS_DOCUMENT_LIMIT and same >= SAME_DOCUMENT_LIMIT:
                break
            ok = fit_cache.get((ka, kb))
            if ok is None:
                ok = fit_cache[(ka, kb)] = fits(a.scope, groups[kb][0].scope)
            if not ok:
                continue
            for b in groups[kb]:
                other_doc = a_doc != b.doc
                if other_doc:
                    if cross >= CROSS_DOCUMENT_LIMIT:
                        continue
                    # Not dropped from its group: it still meets its own page.
                    if cap_right and taken[b.claim.id] >= CROSS_DOCUMENT_LIMIT:
                        continue
                    if not _meet(ctx_cache, a, b, fits, pack):
                        continue
                else:
                    if same >= SAME_DOCUMENT_LIMIT or a_id == b.claim.id:
                        continue
                    if a_where == b.where and a_sentence == b.claim.sentence_start:
                        continue
                if not same_time(a.claim, b.claim) or not accept(a, b):
                    continue
                if other_doc:
                    cross += 1
                    if cap_right:
                        taken[b.claim.id] += 1
                else:
                    same += 1
                yield a, b


# ------------------------------------------------------------------ rule kinds


def _severity(a: Node, b: Node, *, forced_kind: str | None = None) -> tuple[str, Severity]:
    weak = (a.modality in _WEAK) + (b.modality in _WEAK)
    derived = a.via is not None or b.via is not None
    if forced_kind == "tension" or derived:
        return "tension", Severity.warning if weak == 0 else Severity.info
    if weak == 0:
        return "contradiction", Severity.error
    if weak == 1:
        return "tension", Severity.warning
    return "tension", Severity.info


def _ordered(a: Node, b: Node) -> tuple[Node, Node]:
    return (a, b) if a.sort_key <= b.sort_key else (b, a)


def _opposition(rule: RelationRule, by_pred: dict[str, list[Node]], pack: RulePack) -> Iterator[_Candidate]:
    for pred, nodes in sorted(by_pred.items()):
        aff = [n for n in nodes if n.polarity == "affirmed"]
        neg = [n for n in nodes if n.polarity == "negated"]
        universal = pred in pack.predicates and pack.predicates[pred].universal
        pairs = _pairs(aff, neg, lambda sa, sn: denial_covers(sn, sa, pack)
                       or (universal and denial_covers(sa, sn, pack)),
                       lambda a, n: a.via is None or n.via is None, pack)
        for a, n in pairs:
            kind, sev = _severity(a, n)
            first, second = _ordered(a, n)
            # A derived claim is always shown second, after the claim it came from.
            if first.via is not None:
                first, second = second, first
            yield _Candidate(rule, kind, sev, first, second, pred, "contradicts" if kind == "contradiction" else "tension")


def _incompatible(rule: RelationRule, by_pred: dict[str, list[Node]], pack: RulePack) -> Iterator[_Candidate]:
    spec = rule.spec
    assert spec.first and spec.second
    firsts = [n for n in by_pred.get(spec.first.predicate, []) if n.polarity == spec.first.polarity]
    seconds = [n for n in by_pred.get(spec.second.predicate, []) if n.polarity == spec.second.polarity]
    unless_exc = set(spec.unless_first_exceptions)
    unless_cond = set(spec.unless_second_conditions)
    def accept(a: Node, b: Node) -> bool:
        return (a.via is None or b.via is None) and not (
            unless_exc & set(a.claim.exceptions) or unless_cond & set(b.claim.conditions))

    for a, b in _pairs(firsts, seconds, lambda sa, sb: scopes_overlap(sa, sb, pack), accept, pack):
        kind, sev = _severity(a, b, forced_kind=spec.finding_kind)
        yield _Candidate(rule, kind, sev, a, b, spec.first.predicate,
                         "contradicts" if kind == "contradiction" else "tension")


def _certainty(rule: RelationRule, by_pred: dict[str, list[Node]], pack: RulePack) -> Iterator[_Candidate]:
    """One finding per hedged answer: its first hedged claim that an asserted one states as fact.

    Pairs come from ``_pairs`` like every other kind's (scope index, partner
    caps, page topics across documents), so the work stays linear in corpus
    size; among a hedged claim's partners the first in document order wins.
    """
    def fits(x: Scope, y: Scope) -> bool:
        return scopes_overlap(x, y, pack)

    for pred, nodes in sorted(by_pred.items()):
        for polarity in ("affirmed", "negated"):
            group = [n for n in nodes if n.polarity == polarity and n.via is None]
            asserted = [n for n in group if n.modality is Modality.asserted]
            hedged = [n for n in group if n.modality is Modality.hedged]
            if not asserted or not hedged:
                continue
            chosen: dict[tuple[str, str], tuple[Node, Node]] = {}
            # One asserted claim may back any number of hedged answers: each
            # finding is about its hedged answer, at most one per answer.
            for h, a in _pairs(hedged, asserted, fits, lambda h, a: a.where != h.where, pack, cap_right=False):
                held = chosen.get(h.where)
                if held is None or (held[0] is h and a.sort_key < held[1].sort_key):
                    chosen[h.where] = (h, a)
            for h, a in chosen.values():
                first, second = _ordered(a, h)
                yield _Candidate(rule, "certainty", Severity.info, first, second, pred, "certainty")


def _no_findings(rule: RelationRule, by_pred: dict[str, list[Node]], pack: RulePack) -> Iterator[_Candidate]:
    return iter(())  # implications act through the nodes they derive


_KINDS: dict[str, Callable[[RelationRule, dict[str, list[Node]], RulePack], Iterator[_Candidate]]] = {
    "opposition": _opposition,
    "incompatible": _incompatible,
    "certainty": _certainty,
    "implication": _no_findings,
}


def _derive(rule: RelationRule, nodes: list[Node]) -> list[Node]:
    spec = rule.spec
    assert spec.if_ and spec.then
    return [Node(n.claim, n.order, spec.then.predicate, spec.then.polarity, via=rule, context=n.context)
            for n in nodes if n.via is None and n.predicate == spec.if_.predicate
            and n.polarity == spec.if_.polarity]


#: In a larger group of claims that say the same thing, each is linked to the
#: group's first claim only, so the number of support edges stays linear in corpus size.
SUPPORT_GROUP_LIMIT = 60


def _supports(group: list[Node], pack: RulePack, head: Node | None = None) -> list[tuple[Node, Node]]:
    """Pairs of claims in different answers that make the same claim (the graph's support edges).

    Every pair within ``group``; with ``head``, ``head`` and each claim of ``group``.
    """
    out: list[tuple[Node, Node]] = []
    # Scopes and contexts repeat: each pair of them is checked once.
    overlap: dict[tuple, bool] = {}
    meet: dict[tuple, bool] = {}

    def fits(x: Scope, y: Scope) -> bool:
        return scopes_overlap(x, y, pack)

    pairs: Iterable[tuple[Node, Node]] = (((head, n) for n in group) if head is not None
                                          else ((a, b) for i, a in enumerate(group) for b in group[i + 1:]))
    for a, b in pairs:
        if a.where == b.where:
            continue
        k = (a.key, b.key)
        ok = overlap.get(k)
        if ok is None:
            ok = overlap[k] = scopes_overlap(a.scope, b.scope, pack)
        if not ok or not same_time(a.claim, b.claim):
            continue
        if a.claim.doc != b.claim.doc and not _meet(meet, a, b, fits, pack):
            continue
        out.append((a, b))
    return out


# ------------------------------------------------------------------ messages


def claim_label(predicate: str, polarity: str, scope: Scope, pack: RulePack) -> str:
    """A claim in words: "no agreement with ICE exists"."""
    pred = pack.predicates[predicate]
    label = pred.label if polarity == "affirmed" else pred.negated_label
    cp = scope.counterpart
    name = pack.entities[cp].label if cp in pack.entities else "the other party"
    return label.replace("{counterpart}", name)


def quote(text: str, cue: str, width: int = 150) -> str:
    """A claim's sentence ``text``, cut around its ``cue`` words when long."""
    s = " ".join(text.split())
    if len(s) <= width:
        return s
    cue = " ".join(cue.split())
    at = s.find(cue)
    if at < 0:
        return s[: width - 1] + "…"
    lo = max(0, at - (width - len(cue)) // 2)
    hi = min(len(s), lo + width)
    lo = max(0, hi - width)
    # Cut between words, never inside one ("…ed with ICE" reads as a typo),
    # unless the window holds a single overlong word. A cue longer than the
    # window is cut too, so the snapping may not spare it.
    if lo and s[lo - 1] != " " and (space := s.find(" ", lo, hi)) > 0:
        lo = space + 1
    if hi < len(s) and s[hi] != " " and (space := s.rfind(" ", lo, hi)) > 0:
        hi = space
    return ("…" if lo else "") + s[lo:hi].strip() + ("…" if hi < len(s) else "")


def _answer_name(node: Node, other: Node) -> str:
    name = f"answer {node.claim.answer}"
    return name if node.claim.doc == other.claim.doc else f"{node.claim.doc} {name}"


def _quoted(node: Node) -> str:
    return f"\u201c{quote(node.claim.text, node.claim.cue, 90)}\u201d"


def _finding(p: Pairing, c: _Candidate, pack: RulePack) -> Finding:
    a, b = c.first, c.second
    an, bn = _answer_name(a, b), _answer_name(b, a)
    spec = c.rule.spec
    a_says = claim_label(a.claim.predicate, a.claim.polarity.value, a.scope, pack)
    b_says = claim_label(b.claim.predicate, b.claim.polarity.value, b.scope, pack)
    chain: tuple[str, ...] = ()
    derived = a if a.via is not None else b if b.via is not None else None
    if derived is not None:
        other = b if derived is a else a
        implied = claim_label(derived.predicate, derived.polarity, derived.scope, pack)
        chain = (
            f"{_answer_name(derived, other)}: {claim_label(derived.claim.predicate, derived.claim.polarity.value, derived.scope, pack)} "
            f"({_quoted(derived)})",
            f"{derived.via.id} {derived.via.name}: so {implied}",
            f"{_answer_name(other, derived)}: {claim_label(other.predicate, other.polarity, other.scope, pack)} "
            f"({_quoted(other)})",
        )
        a_says += f", which implies {implied}" if derived is a else ""
        b_says += f", which implies {implied}" if derived is b else ""
        message = f"{an} says {a_says}; {bn} says {b_says}"
    elif spec.message:
        message = spec.message.format(first_answer=an, second_answer=bn,
                                      first_quote=_quoted(a), second_quote=_quoted(b))
    elif c.kind == "certainty":
        sure, unsure = (a, b) if a.modality is Modality.asserted else (b, a)
        message = (f"{_answer_name(sure, unsure)} states as fact that {claim_label(sure.predicate, sure.polarity, sure.scope, pack)}; "
                   f"{_answer_name(unsure, sure)} only hedges it ({', '.join(unsure.claim.cues) or unsure.modality.value})")
    else:
        message = f"{an} says {a_says} ({_quoted(a)}); {bn} says {b_says} ({_quoted(b)})"
    # Rule, predicate and the two sentences, in a fixed order: the fingerprint
    # survives moved text, renumbered answers and answers swapped around.
    sentences = sorted(" ".join(n.claim.text.split()) for n in (a, b))
    digest = hashlib.sha256("\x1f".join([c.rule.id, c.predicate, *sentences]).encode()).hexdigest()
    return Finding(
        id=f"F{p.number}",
        rule=c.rule.id,
        kind=c.kind,
        severity=p.severity,
        message=message,
        claims=(a.claim.id, b.claim.id),
        answers=(AnswerRef(doc=a.claim.doc, answer=a.claim.answer), AnswerRef(doc=b.claim.doc, answer=b.claim.answer)),
        chain=chain,
        fingerprint=digest[:20],
    )
