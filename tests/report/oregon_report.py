"""A hand-built report for the renderers: an invented Oregon FAQ on DMV records and ICE.

Five answers, eight claims, one contradiction (agreement denied / agreement
relied on), one tension through an implication (law restricts sharing to court
orders / records shared on request), one certainty mismatch (likely encrypted /
encrypted), two citations of different status, and one file that could not be
read. The words are our own; offsets and lines are computed from the text below
so the fixture is as consistent as the pipeline's output would be.
"""

from __future__ import annotations

import hashlib
from pathlib import Path


from claimcheck.models import (
    Answer,
    AnswerRef,
    Citation,
    CitationStatus,
    CitationUse,
    Claim,
    Document,
    DocumentSummary,
    Evidence,
    Finding,
    Modality,
    Polarity,
    Relation,
    Report,
    Scope,
    Severity,
)
from claimcheck.report.ruleinfo import PredicateInfo, RuleInfo

GOLDEN = Path(__file__).parent / "golden"
DOC = "faqs/oregon-dmv-ice.txt"

#: answer id -> (line of the answer text, answer text). Questions are on the line before.
ANSWERS = {
    "1": (2, "Yes. Under ORS 802.250, the Oregon DMV may not disclose a person's records to "
              "federal immigration authorities unless it is presented with a court order or a "
              "judicial warrant. If a judge signs a warrant, the DMV releases only the records "
              "the warrant names."),
    "2": (4, "The DMV has not entered into any formal agreement with ICE. In practice, the DMV "
              "generally does not share driver records with immigration authorities."),
    "3": (6, "Records held by the DMV are likely encrypted at rest, and access is limited to "
              "trained staff."),
    "4": (8, "Under its memorandum of understanding with ICE, the DMV confirms licence status "
              "for people named in enforcement requests, as the Oregon Records Confidentiality "
              "Act (ORPA) permits."),
    "5": (10, "The DMV routinely shares driver records with ICE upon request. All shared "
               "records are encrypted in transit."),
}


def evidence(answer: str, sentence_starts: str, cue: str) -> Evidence:
    """Evidence for the sentence of ``answer`` that starts with ``sentence_starts``."""
    line, text = ANSWERS[answer]
    s_start = text.index(sentence_starts)
    s_end = text.find(". ", s_start)
    s_end = len(text) if s_end == -1 else s_end + 1
    start = text.index(cue, s_start)
    return Evidence(
        doc=DOC, answer=answer, start=start, end=start + len(cue), line=line,
        sentence=text[s_start:s_end], sentence_start=s_start, sentence_end=s_end, cue=cue,
    )


def claim(cid: str, predicate: str, polarity: Polarity, modality: Modality,
          ev: Evidence, pattern: str, **extra: tuple[str, ...]) -> Claim:
    return Claim(
        id=f"{DOC}#{cid}", doc=DOC, answer=ev.answer, predicate=predicate,
        polarity=polarity, modality=modality,
        scope=Scope(jurisdiction="OR", actor="dmv", counterpart="ice"),
        text=ev.sentence, line=ev.line, evidence=ev, pattern=pattern, **extra,
    )


def fingerprint(rule: str, *claims: Claim) -> str:
    seed = "\x1f".join([rule, *(c.text for c in claims)])
    return hashlib.sha256(seed.encode()).hexdigest()[:32]


A, N = Polarity.affirmed, Polarity.negated


def build_report() -> Report:
    c = {
        "1:c1": claim("1:c1", "law_restricts_sharing", A, Modality.asserted,
                      evidence("1", "Under ORS", "may not disclose"), "law.restricts.disclose",
                      cues=("not", "unless"), exceptions=("legal_process",), citations=("cite-1",)),
        "1:c2": claim("1:c2", "shares_records_with_ice", A, Modality.conditional,
                      evidence("1", "If a judge", "releases"), "share.releases",
                      cues=("If",), conditions=("legal_process",)),
        "2:c1": claim("2:c1", "agreement_with_ice", N, Modality.asserted,
                      evidence("2", "The DMV has not", "formal agreement with ICE"), "agreement.formal",
                      cues=("has not",)),
        "2:c2": claim("2:c2", "shares_records_with_ice", N, Modality.hedged,
                      evidence("2", "In practice", "share driver records"), "share.records",
                      cues=("generally", "does not")),
        "3:c1": claim("3:c1", "records_encrypted", A, Modality.hedged,
                      evidence("3", "Records held", "encrypted"), "encrypted",
                      cues=("likely",)),
        "4:c1": claim("4:c1", "agreement_with_ice", A, Modality.asserted,
                      evidence("4", "Under its", "memorandum of understanding with ICE"), "agreement.mou",
                      citations=("cite-2",)),
        "5:c1": claim("5:c1", "shares_records_with_ice", A, Modality.asserted,
                      evidence("5", "The DMV routinely", "shares driver records with ICE"), "share.records",
                      cues=("routinely", "upon request"), conditions=("on_request",)),
        "5:c2": claim("5:c2", "records_encrypted", A, Modality.asserted,
                      evidence("5", "All shared", "encrypted"), "encrypted"),
    }
    findings = (
        Finding(
            id="F1", rule="agreement-existence", kind="contradiction", severity=Severity.error,
            message='answer 2 says the DMV has no agreement with ICE ("has not entered into any '
                    'formal agreement with ICE"); answer 4 says it has one ("its memorandum of '
                    'understanding with ICE")',
            claims=(c["2:c1"].id, c["4:c1"].id),
            answers=(AnswerRef(doc=DOC, answer="2"), AnswerRef(doc=DOC, answer="4")),
            fingerprint=fingerprint("agreement-existence", c["2:c1"], c["4:c1"]),
        ),
        Finding(
            id="F2", rule="restriction-vs-practice", kind="tension", severity=Severity.warning,
            message='answer 5 says records are shared with ICE on request ("routinely shares '
                    'driver records with ICE upon request"); answer 1 says the law allows it '
                    'only with a court order or warrant ("may not disclose … unless")',
            claims=(c["5:c1"].id, c["1:c1"].id),
            answers=(AnswerRef(doc=DOC, answer="5"), AnswerRef(doc=DOC, answer="1")),
            chain=(
                "answer 1: state law restricts DMV disclosure to a court order or judicial warrant",
                "restriction-implies-no-request-sharing: a restriction to legal process rules out "
                "sharing on a mere request",
                "answer 5: the DMV shares records with ICE upon request",
            ),
            fingerprint=fingerprint("restriction-vs-practice", c["5:c1"], c["1:c1"]),
        ),
        Finding(
            id="F3", rule="hedged-vs-certain", kind="certainty", severity=Severity.info,
            message='answer 3 says records are likely encrypted ("likely encrypted"); answer 5 '
                    'says they are ("are encrypted")',
            claims=(c["3:c1"].id, c["5:c2"].id),
            answers=(AnswerRef(doc=DOC, answer="3"), AnswerRef(doc=DOC, answer="5")),
            fingerprint=fingerprint("hedged-vs-certain", c["3:c1"], c["5:c2"]),
        ),
    )
    relations = (
        Relation(source=c["2:c1"].id, target=c["4:c1"].id, kind="contradicts",
                 rule="agreement-existence", evidence="no agreement vs. memorandum of understanding"),
        Relation(source=c["1:c1"].id, target=c["2:c2"].id, kind="implies",
                 rule="restriction-implies-no-request-sharing",
                 evidence="restricted to legal process => not shared on request"),
        Relation(source=c["1:c2"].id, target=c["1:c1"].id, kind="supports",
                 rule="exception-consistent", evidence="release under a warrant is the stated exception"),
        Relation(source=c["5:c1"].id, target=c["1:c1"].id, kind="tension",
                 rule="restriction-vs-practice", evidence="shared on request vs. only with legal process"),
        Relation(source=c["3:c1"].id, target=c["5:c2"].id, kind="certainty",
                 rule="hedged-vs-certain", evidence="likely vs. asserted"),
    )
    ev1, ev4 = c["1:c1"].evidence, c["4:c1"].evidence
    ors_at = ANSWERS["1"][1].index("ORS 802.250")
    act_at = ANSWERS["4"][1].index("Oregon Records Confidentiality Act (ORPA)")
    citations = (
        Citation(
            id="cite-1", cited_as="ORS 802.250", normalized="Or. Rev. Stat. § 802.250",
            kind="statute", jurisdiction="OR", answers=({"doc": DOC, "answer": "1"},),
            status=CitationStatus.verify_pinpoint,
            reason="the section exists; check that it governs disclosure to immigration authorities",
            url="https://www.oregonlegislature.gov/bills_laws/ors/ors802.html",
            uses=(CitationUse(doc=DOC, answer="1", line=ev1.line, start=ors_at,
                              end=ors_at + len("ORS 802.250"), sentence=ev1.sentence,
                              claims=(c["1:c1"].id,)),),
        ),
        Citation(
            id="cite-2", cited_as="Oregon Records Confidentiality Act (ORPA)",
            normalized="Oregon Records Confidentiality Act", kind="named_act", jurisdiction="OR",
            answers=({"doc": DOC, "answer": "4"},), status=CitationStatus.acronym_mismatch,
            reason='"ORPA" is not the initials of "Oregon Records Confidentiality Act" (ORCA)',
            uses=(CitationUse(doc=DOC, answer="4", line=ev4.line, start=act_at,
                              end=act_at + len("Oregon Records Confidentiality Act (ORPA)"),
                              sentence=ev4.sentence, claims=(c["4:c1"].id,)),),
        ),
    )
    return Report(
        tool_version="0.1.0",
        documents=(DocumentSummary(path=DOC, format="txt", title="Oregon DMV records and ICE",
                                   jurisdiction="OR", answers=5),),
        claims=tuple(c.values()),
        findings=findings,
        citations=citations,
        relations=relations,
        errors=({"path": "faqs/oregon-courts.html", "message": "no numbered questions found"},),
    )


def shuffled(report: Report) -> Report:
    """The same report with every tuple in reverse order."""
    return report.model_copy(update={
        name: tuple(reversed(getattr(report, name)))
        for name in ("documents", "claims", "findings", "citations", "relations", "errors")
    })


#: Questions of the five answers, for the renderers that show them.
QUESTIONS = {
    "1": "Can the Oregon DMV give my records to immigration authorities?",
    "2": "Does the DMV have an agreement with ICE?",
    "3": "How are DMV records protected?",
    "4": "What does the DMV confirm for ICE?",
    "5": "How often does the DMV share records with ICE?",
}


def with_questions(report: Report) -> Report:
    """The report with the document's questions, as the pipeline fills them in."""
    doc = report.documents[0].model_copy(update={"questions": dict(QUESTIONS)})
    return report.model_copy(update={"documents": (doc,)})


def page() -> Document:
    """The Oregon page itself, as ``pages.read_pages`` would read it for the HTML report."""
    return Document(path=DOC, format="txt", title="Oregon DMV records and ICE", jurisdiction="OR",
                    answers=tuple(Answer(id=i, question=QUESTIONS[i], text=text, line=line, question_line=line - 1)
                                  for i, (line, text) in ANSWERS.items()))


def rule_infos() -> dict[str, RuleInfo]:
    """How the three rules of the fixture describe themselves (invented, like the rules)."""
    return {
        "agreement-existence": RuleInfo(id="agreement-existence", name="agreement-existence",
                                        description="One answer says an agreement exists, another that none does.",
                                        help="Decide which is right and correct the other answer."),
        "restriction-vs-practice": RuleInfo(id="restriction-vs-practice", name="restriction-vs-practice",
                                            description="A legal restriction against a practice it forbids.",
                                            help="Say under which exception the practice happens."),
    }


def predicate_infos() -> dict[str, PredicateInfo]:
    return {
        "agreement_with_ice": PredicateInfo(id="agreement_with_ice", label="the DMV has an agreement with {counterpart}",
                                            negated_label="the DMV has no agreement with {counterpart}"),
        "shares_records_with_ice": PredicateInfo(id="shares_records_with_ice", label="records go to {counterpart}",
                                                 negated_label="records do not go to {counterpart}"),
    }
