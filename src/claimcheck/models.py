"""The data that flows between pipeline stages.

Every stage takes and returns these frozen models, so a stage can be tested
(and replaced) on its own:

    loading     files            -> Document
    extraction  Document         -> Claim
    citations   Document         -> Citation
    engine      ClaimFacts       -> Finding (+ Relation edges for the graph)
    report      all of the above -> Report -> str (one renderer per format)

Models hold data only; the logic lives in the stage modules.
"""

# No ``from __future__ import annotations`` here: with string annotations
# pydantic must evaluate every field's type from its text when it builds the
# models, at every start-up (measured: 27 -> 23 ms to import this module).
from enum import Enum
from typing import NamedTuple

from pydantic import BaseModel, ConfigDict, Field

#: Version of the JSON contract (``scan --format json`` and ``report --format json``).
#: Bump the major number when a field is removed or changes meaning.
SCHEMA_VERSION = "1.0"


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


# --------------------------------------------------------------------------- loading


class Answer(Frozen):
    """One question and its answer, as found in a document."""

    id: str
    question: str
    text: str
    #: 1-based line in the original file where the answer text starts.
    line: int = 1
    #: 1-based line of the question in the original file.
    question_line: int = 1
    #: Original-file line of each ``\\n``-separated line of ``text`` when the
    #: text does not map onto consecutive lines (HTML, JSON strings). Empty means
    #: consecutive lines from ``line``.
    line_map: tuple[int, ...] = ()
    #: Rule ids suppressed for this answer by an inline comment.
    suppress: tuple[str, ...] = ()

    def line_of(self, offset: int) -> int:
        """Original-file line of a character offset into ``text``."""
        row = self.text.count("\n", 0, max(0, offset))
        if self.line_map:
            return self.line_map[min(row, len(self.line_map) - 1)]
        return self.line + row


class Document(Frozen):
    """A parsed Q&A document."""

    #: Path as given on the command line, with forward slashes.
    path: str
    format: str
    title: str = ""
    #: Two-letter postal code of the state the document is about ("US" for
    #: federal-only content), or ``None`` when it cannot be told.
    jurisdiction: str | None = None
    source: str = ""
    answers: tuple[Answer, ...] = ()


# ------------------------------------------------------------------------ extraction


class AnswerOutline(Frozen):
    """An answer without its text: what the stages after extraction read of it."""

    id: str
    question: str
    line: int = 1
    suppress: tuple[str, ...] = ()


class Outline(Frozen):
    """A document without its answers' text.

    Once claims and citations are extracted, the engine, the suppressions and
    the report need only this of a file, so this is what the per-file cache
    stores and what a run holds for every file (the text is ~60% of an
    entry, and of the memory a ten-thousand-page run holds).
    """

    path: str
    format: str
    title: str = ""
    jurisdiction: str | None = None
    answers: tuple[AnswerOutline, ...] = ()

    @classmethod
    def of(cls, doc: "Document") -> "Outline":
        return cls(path=doc.path, format=doc.format, title=doc.title, jurisdiction=doc.jurisdiction,
                   answers=tuple(AnswerOutline(id=a.id, question=a.question, line=a.line, suppress=a.suppress)
                                 for a in doc.answers))


class Polarity(str, Enum):
    affirmed = "affirmed"
    negated = "negated"


class Modality(str, Enum):
    #: Stated as fact (including obligations: "must", "is required").
    asserted = "asserted"
    #: Epistemic hedge: likely, may, typically, could potentially, ...
    hedged = "hedged"
    #: Advice about what ought to be: should, it is recommended, ...
    normative = "normative"
    #: Inside an if/when clause or a counterfactual ("would").
    conditional = "conditional"
    #: Taken for granted by a noun phrase ("the data shared with ICE").
    presupposed = "presupposed"


class Scope(Frozen):
    """Who and where a claim is about; ``None`` means the text does not say."""

    jurisdiction: str | None = None
    actor: str | None = None
    counterpart: str | None = None
    program: str | None = None
    #: For a claim about a law or policy: who issued it, "state" or "local"
    #: (a county or city). A federal law is ``jurisdiction="US"``.
    level: str | None = None


class Evidence(Frozen):
    """Where a claim's words are."""

    doc: str
    answer: str
    #: Character span of the matched words within the answer text.
    start: int
    end: int
    line: int
    sentence: str
    #: Character span of the whole sentence within the answer text.
    sentence_start: int
    sentence_end: int
    #: The words that triggered the claim (the matched pattern text).
    cue: str


class Claim(Frozen):
    """One atomic statement extracted from an answer."""

    id: str
    doc: str
    answer: str
    predicate: str
    polarity: Polarity
    modality: Modality
    scope: Scope
    #: The sentence the claim comes from.
    text: str
    line: int
    evidence: Evidence
    #: Id of the predicate pattern that matched.
    pattern: str
    #: Words that set modality or polarity ("likely", "cannot"), for explanations.
    cues: tuple[str, ...] = ()
    #: Conditions the claim is stated under ("legal_process", "on_request", ...).
    conditions: tuple[str, ...] = ()
    #: Exceptions carved out by unless/except clauses ("law", "consent", ...).
    exceptions: tuple[str, ...] = ()
    #: Ids of citations found in the same sentence.
    citations: tuple[str, ...] = ()
    #: "past" when the claim describes a state that held only in the past
    #: ("had an agreement in 2015"); "present" otherwise, including states
    #: that began in the past and persist ("signed in 2012, still in force").
    tense: str = "present"
    #: Years named in the claim's clause.
    years: tuple[int, ...] = ()


class ClaimFacts(NamedTuple):
    """What the engine reads of a claim, as a plain tuple.

    The engine pairs every claim of a corpus with others; at ten thousand
    pages that is some 120,000 claims, and validating as many ``Claim``
    models takes longer than a re-check after one edit may take in all. So
    the engine works on these, made from a ``Claim`` by :meth:`of` or read
    back from the cache; a report still holds the ``Claim`` models of the
    documents it shows.
    """

    id: str
    doc: str
    answer: str
    #: Position among its document's claims: pairs are made in document order.
    index: int
    predicate: str
    polarity: Polarity
    modality: Modality
    scope: Scope
    text: str
    #: ``Claim.evidence.cue``: the words that triggered the claim.
    cue: str
    #: ``Claim.evidence.sentence_start``: two claims of one sentence are never paired.
    sentence_start: int
    cues: tuple[str, ...]
    conditions: tuple[str, ...]
    exceptions: tuple[str, ...]
    tense: str
    years: tuple[int, ...]

    @classmethod
    def of(cls, claim: Claim, index: int) -> "ClaimFacts":
        return cls(claim.id, claim.doc, claim.answer, index, claim.predicate, claim.polarity, claim.modality,
                   claim.scope, claim.text, claim.evidence.cue, claim.evidence.sentence_start, claim.cues,
                   claim.conditions, claim.exceptions, claim.tense, claim.years)


class SuppressionFacts(NamedTuple):
    """An answer's inline suppressions, with what a report of an unused one names."""

    answer: str
    line: int
    question: str
    #: Rule ids, names or aliases as written.
    rules: tuple[str, ...]


class FileFacts(NamedTuple):
    """What the engine and the suppressions need of one file, without pydantic models.

    ``digests`` maps each predicate to a hash of everything the engine reads
    of this file's claims of that predicate (``engine.file_facts`` makes
    it): when no file's digest changes, neither do the pairs made over that
    predicate, and a warm run takes them from the cache.
    """

    path: str
    topic: "Topic"
    claims: tuple[ClaimFacts, ...]
    suppressions: tuple[SuppressionFacts, ...]
    digests: dict[str, str]


# ------------------------------------------------------------------------- citations


class CitationStatus(str, Enum):
    #: Ordered worst first: the report lists them in this order. A pinpoint
    #: section comes before named acts and vague references: it is the form a
    #: fabricated citation takes, and the one an editor can check at once.
    contradictory_use = "contradictory_use"
    acronym_mismatch = "acronym_mismatch"
    not_in_registry = "not_in_registry"
    verify_pinpoint = "verify_pinpoint"
    named_act_no_section = "named_act_no_section"
    vague = "vague"


class CitationUse(Frozen):
    """One place an authority is cited."""

    doc: str
    answer: str
    line: int
    start: int
    end: int
    sentence: str
    #: Ids of the claims in the same sentence: what the authority is cited for.
    claims: tuple[str, ...] = ()


class Citation(Frozen):
    """A legal authority the document leans on, with every place it is cited."""

    id: str
    cited_as: str
    normalized: str
    #: statute, regulation, public_law, constitution, bill, executive_order,
    #: ag_directive, case, named_act, vague
    kind: str
    #: Postal code of the state, "US" for federal, ``None`` when unknown.
    jurisdiction: str | None
    answers: tuple[dict[str, str], ...]
    status: CitationStatus
    reason: str
    url: str | None = None
    uses: tuple[CitationUse, ...] = ()


# ---------------------------------------------------------------------------- engine


class Severity(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


class AnswerRef(Frozen):
    doc: str
    answer: str


class Finding(Frozen):
    """An inconsistency between claims, explained by a rule and the claims' words."""

    id: str
    rule: str
    #: contradiction, tension, certainty
    kind: str
    severity: Severity
    message: str
    #: Exactly two claim ids for a pair finding: the first is the one reported at.
    claims: tuple[str, ...]
    answers: tuple[AnswerRef, ...]
    #: For findings through an implication: the steps, as human-readable text.
    chain: tuple[str, ...] = ()
    #: Stable hash of rule and claim texts (baselines, SARIF fingerprints).
    fingerprint: str = ""
    #: Line to report at when the finding has no claims (an unused suppression
    #: is reported at its answer's line); ``None`` for claim findings.
    line: int | None = None


class Relation(Frozen):
    """An edge between two claims: supports, contradicts, implies."""

    source: str
    target: str
    kind: str
    rule: str
    evidence: str = ""


# ---------------------------------------------------------------------------- report


class Topic(Frozen):
    """What a whole page is about; claims that leave these open are taken to be
    about them when compared with other pages."""

    actor: str | None = None
    program: str | None = None


class DocumentSummary(Frozen):
    path: str
    format: str
    title: str
    jurisdiction: str | None
    answers: int
    #: Answer id -> its question, so reports can say what each answer answers.
    questions: dict[str, str] = Field(default_factory=dict)
    topic: Topic = Topic()


class Report(Frozen):
    """Everything a renderer needs; the JSON contract is this model's dump."""

    schema_version: str = SCHEMA_VERSION
    tool_version: str = ""
    documents: tuple[DocumentSummary, ...] = ()
    claims: tuple[Claim, ...] = ()
    findings: tuple[Finding, ...] = ()
    citations: tuple[Citation, ...] = ()
    relations: tuple[Relation, ...] = ()
    #: File-level problems reported under --keep-going: path and message.
    errors: tuple[dict[str, str], ...] = Field(default_factory=tuple)
