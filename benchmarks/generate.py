"""Generate a seeded corpus of machine-written-style FAQ pages for benchmarking.

    python benchmarks/generate.py --docs 1000 --seed 1 --out benchmarks/.corpus/d1000-s1

writes N documents (one per US state and topic, 10-20 questions each, answers of
roughly 1-1.5 KB) in the formats claimcheck reads under ``OUT/faq/<state>/``,
and ``OUT/manifest.json`` listing every contradiction planted on purpose (the
manifest sits outside ``faq/`` so that scanning ``OUT/faq`` never reads it).
Document paths in the manifest are relative to ``OUT/faq``.

How a corpus stays realistic without being a minefield:

* Each state has a *truth*: whether each of its agencies has an agreement with
  federal immigration authorities, whether it shares data routinely, whether
  release needs a warrant, whether consent is required, and so on. It is drawn
  from the seed and the state name, so every page about Ohio agrees with every
  other page about Ohio, and the background claims of a page follow that truth
  (asserted or hedged, the way generated pages hedge).
* Most sentences are prose that asserts nothing the rule pack recognises:
  restating the question, pointing at counsel, normative advice ("agencies
  should ..."), numbered lists of safeguards.
* A controlled number of documents get *planted* contradictions: two answers
  of the same page, one saying a thing and the other its negation (or a
  restriction and a mandate). The manifest lists doc, answer ids, predicate
  and the rule expected to fire, so ``run.py`` can report recall on them.
  Because the false side of a planted pair also disagrees with the state's
  truth, it may contradict other pages of the same state too, as it would on
  a real site.

Every sentence is written from templates and vocabulary in this file; no
sentence is copied from the seed document. Output is byte-for-byte identical
for the same arguments (``random.Random`` seeded per document).
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

STATES: list[tuple[str, str]] = [
    ("AL", "Alabama"), ("AK", "Alaska"), ("AZ", "Arizona"), ("AR", "Arkansas"), ("CA", "California"),
    ("CO", "Colorado"), ("CT", "Connecticut"), ("DE", "Delaware"), ("FL", "Florida"), ("GA", "Georgia"),
    ("HI", "Hawaii"), ("ID", "Idaho"), ("IL", "Illinois"), ("IN", "Indiana"), ("IA", "Iowa"),
    ("KS", "Kansas"), ("KY", "Kentucky"), ("LA", "Louisiana"), ("ME", "Maine"), ("MD", "Maryland"),
    ("MA", "Massachusetts"), ("MI", "Michigan"), ("MN", "Minnesota"), ("MS", "Mississippi"),
    ("MO", "Missouri"), ("MT", "Montana"), ("NE", "Nebraska"), ("NV", "Nevada"), ("NH", "New Hampshire"),
    ("NJ", "New Jersey"), ("NM", "New Mexico"), ("NY", "New York"), ("NC", "North Carolina"),
    ("ND", "North Dakota"), ("OH", "Ohio"), ("OK", "Oklahoma"), ("OR", "Oregon"), ("PA", "Pennsylvania"),
    ("RI", "Rhode Island"), ("SC", "South Carolina"), ("SD", "South Dakota"), ("TN", "Tennessee"),
    ("TX", "Texas"), ("UT", "Utah"), ("VT", "Vermont"), ("VA", "Virginia"), ("WA", "Washington"),
    ("WV", "West Virginia"), ("WI", "Wisconsin"), ("WY", "Wyoming"),
]

FORMATS = ("json", "md", "html", "yaml", "txt")

#: Counterparts as a page names them. Planted pairs use one name on both sides.
COUNTERPARTS = ["ICE", "ICE", "ICE", "DHS", "CBP", "federal immigration authorities",
                "U.S. Immigration and Customs Enforcement", "the Department of Homeland Security"]


@dataclass(frozen=True)
class Topic:
    key: str
    title: str                  # "{state}" and "{cp}" are filled in
    agencies: tuple[str, ...]   # "Department of X"-style names the extractor scopes as actors
    data: tuple[str, ...]       # plural nouns for the records concerned
    people: str                 # who the records are about
    programs: tuple[str, ...] = ()
    questions: tuple[str, ...] = field(default=())


TOPICS: tuple[Topic, ...] = (
    Topic("benefits", "{state} public benefits records and {cp}",
          ("Department of Human Services", "Department of Social Services", "Department of Health and Human Services"),
          ("benefits records", "case files", "applicant records", "eligibility files"), "applicants",
          ("SNAP", "Medicaid", "TANF", "public assistance"),
          ("Does the {agency} share {data} with {cp}?",
           "What rules govern how {state} handles {program} {data} requested by {cp}?",
           "Can applicants for {program} in {state} find out whether their {data} were disclosed?",
           "How are {data} protected when {cp} asks the {agency} for them?",
           "Is consent needed before {data} leave the {agency}?")),
    Topic("dmv", "{state} motor vehicle records and {cp}",
          ("Motor Vehicle Division", "Department of Motor Vehicles", "Bureau of Motor Vehicles"),
          ("driver records", "licence photos", "registration addresses", "vehicle title files"), "drivers",
          (),
          ("Does the {agency} give {data} to {cp}?",
           "Can {cp} search the {state} driver database directly?",
           "What happens to {data} after a request from {cp}?",
           "Are drivers told when their {data} are looked up by {cp}?",
           "Which safeguards apply to {data} held by the {agency}?")),
    Topic("licences", "Driver's licences for undocumented residents in {state}",
          ("Department of Motor Vehicles", "Motor Vehicle Division", "Department of Public Safety"),
          ("licence applications", "proof-of-identity files", "driver records"), "applicants",
          (),
          ("Can undocumented residents of {state} obtain a driver's licence?",
           "Are {data} from undocumented applicants shared with {cp}?",
           "What documents does the {agency} keep from licence applicants?",
           "Could {cp} use {data} to locate an applicant?")),
    Topic("detainers", "ICE detainers and county jails in {state}",
          ("Department of Corrections", "Department of Public Safety"),
          ("booking records", "release dates", "jail rosters", "custody files"), "people in custody",
          (),
          ("Do {state} jails honor detainer requests from {cp}?",
           "Is a judicial warrant needed before a jail holds someone for {cp}?",
           "Do sheriffs tell {cp} about upcoming release dates?",
           "What does {state} law say about holding people past their release date?")),
    Topic("courts", "{state} court records and {cp}",
          ("Administrative Office of the Courts", "Department of Justice"),
          ("court records", "hearing calendars", "case dockets", "probation files"), "litigants",
          (),
          ("Do {state} courts share {data} with {cp}?",
           "Can {cp} officers make arrests at {state} courthouses?",
           "Are sealed {data} ever released to {cp}?",
           "Who decides whether {data} can be disclosed to federal agencies?")),
    Topic("schools", "Student records in {state} schools and {cp}",
          ("Department of Education", "Office of Student Records"),
          ("student records", "enrollment files", "attendance data", "family contact files"), "families",
          (),
          ("Do {state} schools give {data} to {cp}?",
           "Can schools ask about a student's immigration status in {state}?",
           "What federal rules protect {data}?",
           "How should parents respond if {cp} asks a school for {data}?")),
    Topic("revenue", "{state} tax and wage records and {cp}",
          ("Department of Revenue", "Department of Labor", "Department of Taxation"),
          ("tax returns", "wage records", "employer filings", "unemployment claims"), "taxpayers",
          (),
          ("Does the {agency} share {data} with {cp}?",
           "Are {data} confidential under {state} law?",
           "Can {cp} obtain {data} with an administrative subpoena?",
           "How long does the {agency} keep {data}?")),
    Topic("cooperation", "State and local cooperation with {cp} in {state}",
          ("Department of Public Safety", "Office of the Attorney General", "Department of Corrections"),
          ("personal information", "case files", "arrest records", "contact details"), "residents",
          (),
          ("Is {state} a sanctuary state?",
           "Do {state} agencies have formal agreements with {cp}?",
           "Which {state} agencies may share {data} with {cp}?",
           "What limits does {state} place on cooperation with {cp}?")),
)

#: Questions every topic can use; "{...}" slots are filled per document.
GENERIC_QUESTIONS = (
    "What are the current policies for data sharing between the {agency} and {cp}?",
    "How does {state} protect {data} from unauthorised disclosure?",
    "Are there audits of what the {agency} sends to {cp}?",
    "Do staff at the {agency} receive training on requests from {cp}?",
    "Can residents of {state} opt out of data sharing with {cp}?",
    "What recourse do {people} have if their {data} were shared improperly?",
    "Are {data} encrypted when they are exchanged with federal agencies?",
    "What reporting obligations apply to disclosures made by the {agency}?",
    "How have policies on {data} changed in {state} in recent years?",
    "What role do federal laws play in how {state} handles {data}?",
    "How can {people} request a copy of their own {data}?",
    "What should community organisations in {state} know about {data}?",
    "Who oversees the handling of {data} at the {agency}?",
    "How does {state} balance public safety and privacy for {data}?",
    "Where can {people} in {state} get legal help about {data}?",
    "Does the {agency} publish statistics on requests from {cp}?",
)

# ---------------------------------------------------------------- prose without claims

OPENERS = (
    "Questions about {data} held by the {agency} come up often in {state}, and the answer depends on who asks and why.",
    "In {state}, the handling of {data} sits where state privacy rules meet federal enforcement priorities.",
    "The way {state} treats {data} has been debated by legislators, advocates and agency staff for years.",
    "Short answer: it depends on the kind of record and on the legal basis of the request.",
    "Requests touching {data} in {state} are handled through a mix of statute, agency policy and day-to-day practice.",
    "This is one of the questions {people} in {state} ask most about the {agency}.",
    "The {agency} holds a large volume of {data}, and its practices have shifted over time.",
)

FILLERS = (
    "Policies of this kind are revised from time to time, so the published guidance is the best starting point.",
    "Community groups in {state} have asked for clearer public information about how these decisions are made.",
    "Agency websites and annual reports describe the general framework, though rarely in operational detail.",
    "Legislators in {state} have introduced several bills on the subject over the last decade.",
    "Advocates point out that fear of disclosure can keep eligible {people} from seeking services.",
    "The exact practice can vary from one county office to another.",
    "Federal priorities on immigration enforcement change with each administration, and state practice tends to follow the debate.",
    "Privacy officers at the {agency} review unusual requests case by case.",
    "Public records requests filed by journalists have shed some light on past practice.",
    "The topic is politically sensitive, and official statements are often cautious.",
    "Older guidance documents may still circulate online even though they have been replaced.",
    "A person's own records can usually be requested through a standard access form.",
    "Records that are already public, such as court calendars, are open to anyone who looks.",
    "Retention schedules determine how long {data} stay on file before they are destroyed.",
    "The number of requests from federal agencies has been reported at public hearings in past years.",
    "Local officials in larger cities have sometimes adopted their own policies on top of state rules.",
    "State privacy law in {state} defines which fields in a record count as personal information.",
    "Questions about a specific case are best raised with an attorney who knows the local practice.",
    "Training materials and internal memos are not always released to the public.",
    "National organisations track these policies across all fifty states and publish comparisons.",
    "The {agency} answers to the governor's office and to oversight committees of the legislature.",
    "The line between criminal and civil immigration cases is central to the answer.",
    "In practice, most requests concern a single named person rather than bulk lists.",
    "Staff turnover and outdated procedures can make practice differ from written policy.",
    "Technology upgrades at the {agency} have changed how records are stored and searched.",
    "A court ruling in a neighbouring state has influenced the discussion in {state}.",
)

CLOSERS = (
    "It is recommended to consult an immigration attorney or a legal aid organisation for advice about a particular situation.",
    "For the most current details, check the {agency}'s official publications or contact its privacy office.",
    "It is important to note that this summary is general information, not legal advice.",
    "Anyone with concerns should speak with a qualified lawyer before sharing documents.",
    "Readers should keep in mind that rules in this area change quickly.",
)

NORMATIVE = (
    "Agencies should adopt written procedures for reviewing requests from {cp}.",
    "The {agency} should publish a plain-language summary of its disclosure rules.",
    "It is recommended that {people} keep copies of every form they sign.",
    "Agencies should share only the minimum information a valid request requires.",
    "State officials should review any agreement with {cp} before renewing it.",
)

LIST_LEADS = (
    "Several safeguards are commonly described:",
    "The main points to understand are these:",
    "Key elements of the process include:",
    "Steps the {agency} follows are, in outline:",
)

LIST_ITEMS = (
    "Access Controls: Only staff with a business need can open {data}, and each lookup is logged.",
    "Data Minimisation: Requests are answered with the fewest fields needed for the stated purpose.",
    "Legal Review: Unusual requests are referred to agency counsel before anything is released.",
    "Retention Limits: Records are kept for a fixed period and then destroyed on schedule.",
    "Notice to Individuals: Some programs tell {people} when a third party asks for their file.",
    "Interagency Coordination: Requests from other agencies are routed through a single office.",
    "Public Reporting: Aggregate numbers of requests are presented to oversight committees.",
    "Staff Guidance: Front-line workers are given scripts for answering questions from officers.",
    "Secure Storage: Paper files are locked away and electronic files sit on restricted servers.",
    "Review of Policies: The rules are revisited when federal guidance changes.",
)


# ---------------------------------------------------------------- the state's truth and claim sentences


@dataclass
class Truth:
    """What is so in one state; every background claim on its pages follows it."""

    sanctuary: bool          # release only with a judicial warrant; state law forbids routine sharing
    agreement: dict[str, bool]
    shares: dict[str, bool]   # the agency hands data over on request (never in a sanctuary state)
    consent_required: bool
    encrypted: bool
    audited: bool
    trained: bool


def state_truth(seed: int, code: str) -> Truth:
    rng = random.Random(_seed_int(seed, "truth", code))
    sanctuary = rng.random() < 0.4
    agencies = sorted({a for t in TOPICS for a in t.agencies})
    agreement = {a: (not sanctuary) and rng.random() < 0.35 for a in agencies}
    shares = {a: agreement[a] or ((not sanctuary) and rng.random() < 0.5) for a in agencies}
    return Truth(sanctuary=sanctuary, agreement=agreement, shares=shares, consent_required=sanctuary or rng.random() < 0.3,
                 encrypted=rng.random() < 0.85, audited=rng.random() < 0.6, trained=rng.random() < 0.7)


def _seed_int(*parts: object) -> int:
    return int.from_bytes(hashlib.sha256("\x1f".join(map(str, parts)).encode()).digest()[:8], "big")


HEDGES = ("likely", "typically", "generally", "probably")


def agreement_sentence(rng: random.Random, has: bool, v: dict[str, str], hedge: bool) -> str:
    if has:
        if hedge:
            return rng.choice((
                "The {agency} {h} has a memorandum of understanding with {cp} that covers {data}.",
                "The {agency} {h} maintains a data-sharing agreement with {cp}.",
            )).format(h=rng.choice(HEDGES), **v)
        return rng.choice((
            "The {agency} has a memorandum of understanding with {cp} that covers {data}.",
            "The {agency} signed a written agreement with {cp} in {year} that remains in force.",
            "A formal data-sharing agreement between the {agency} and {cp} is in place.",
        )).format(**v)
    return rng.choice((
        "There is no formal agreement between the {agency} and {cp}.",
        "The {agency} has not signed any agreement with {cp}.",
        "No memorandum of understanding between the {agency} and {cp} is in effect.",
    )).format(**v)


def shared_sentence(rng: random.Random, shares: bool, v: dict[str, str], hedge: bool) -> str:
    if shares:
        if hedge:
            return rng.choice((
                "Some {data} held by the {agency} may be shared with {cp} in individual cases.",
                "The {agency} {h} provides {data} to {cp} when asked.",
            )).format(h=rng.choice(("typically", "generally")), **v)
        return rng.choice((
            "{Data} held by the {agency} are routinely shared with {cp}.",
            "The {agency} regularly sends {data} to {cp} in response to individual requests.",
        )).format(**v)
    return rng.choice((
        "The {agency} does not disclose {data} to {cp}.",
        "{Data} kept by the {agency} are not shared with {cp} as a matter of routine.",
    )).format(**v)


def legal_process_sentence(rng: random.Random, v: dict[str, str]) -> str:
    return rng.choice((
        "{Data} can only be released to {cp} with a judicial warrant.",
        "The {agency} will not hand over {data} unless it is served with a court order.",
        "{Data} are disclosed only in response to a warrant signed by a judge.",
    )).format(**v)


def mandate_sentence(rng: random.Random, v: dict[str, str]) -> str:
    return rng.choice((
        "{State} law requires the {agency} to share {data} with {cp} upon request.",
        "Under {State} law, the {agency} is required to provide {data} to {cp} whenever asked.",
        "A {State} statute obliges the {agency} to report {data} to {cp} on request.",
    )).format(**v)


def prohibition_sentence(rng: random.Random, v: dict[str, str]) -> str:
    return rng.choice((
        "A {State} statute forbids the {agency} from sharing {data} with {cp}.",
        "The {agency} is prohibited by state law from disclosing {data} to {cp}.",
    )).format(**v)


def consent_sentence(rng: random.Random, required: bool, v: dict[str, str]) -> str:
    if required:
        return rng.choice((
            "{State} law bars the {agency} from releasing {data} without the written consent of the person concerned.",
            "{Data} are released only with the consent of the person they describe.",
            "Consent from the individual is required before the {agency} discloses {data}.",
        )).format(**v)
    return rng.choice((
        "No law requires the {agency} to obtain consent before {data} are passed to {cp}.",
        "The {agency} can release {data} to {cp} without the consent of {people}.",
    )).format(**v)


def opt_out_sentence(rng: random.Random, can: bool, v: dict[str, str]) -> str:
    if can:
        return "{People} can opt out of the exchange by writing to the {agency}.".format(**v)
    return rng.choice((
        "{People} cannot opt out of the exchange with {cp}.",
        "{People} have no way to opt out of the transfer to {cp}.",
    )).format(**v)


def encryption_sentence(rng: random.Random, yes: bool, v: dict[str, str], hedge: bool) -> str:
    if yes:
        if hedge:
            return "Files sent to federal agencies may be encrypted in transit."
        return rng.choice(("Files sent to {cp} are encrypted in transit.",
                           "The {agency} encrypts every file it sends to outside agencies.")).format(**v)
    return "The nightly export from the {agency} is not encrypted.".format(**v)


def audit_sentence(rng: random.Random, yes: bool, v: dict[str, str], hedge: bool) -> str:
    if yes:
        if hedge:
            return "The exchange is {h} audited by the inspector general.".format(h=rng.choice(HEDGES))
        return "Independent audits of the exchange are conducted every year."
    return "The exchange with {cp} has never been audited.".format(**v)


def training_sentence(rng: random.Random, yes: bool, v: dict[str, str], hedge: bool) -> str:
    if yes:
        if hedge:
            return "Caseworkers are {h} trained to refer requests from {cp} to counsel.".format(
                h=rng.choice(("generally", "typically")), **v)
        return "Staff at the {agency} receive annual training on requests from {cp}.".format(**v)
    return "There is no specific training for staff who answer requests from {cp}.".format(**v)


# ---------------------------------------------------------------- planted contradictions

#: kind -> (predicate the finding is reported under, rule expected to fire)
PLANTS: dict[str, tuple[str, str]] = {
    "agreement": ("agreement_exists", "CC101"),
    "sharing": ("data_shared", "CC101"),
    "consent": ("consent_required", "CC101"),
    "warrant_vs_mandate": ("sharing_requires_legal_process", "CC110"),
    "prohibition_vs_mandate": ("law_prohibits_sharing", "CC112"),
    "encryption": ("encryption_used", "CC101"),
}


def planted_pair(kind: str, rng: random.Random, truth: Truth, v: dict[str, str]) -> tuple[str, str]:
    """Two sentences that cannot both hold; the first follows the state's truth where it can."""
    if kind == "agreement":
        has = truth.agreement.get(v["agency"], False)
        return agreement_sentence(rng, has, v, False), agreement_sentence(rng, not has, v, False)
    if kind == "sharing":
        shares = truth.shares.get(v["agency"], False)
        return shared_sentence(rng, shares, v, False), shared_sentence(rng, not shares, v, False)
    if kind == "consent":
        req = truth.consent_required
        return consent_sentence(rng, req, v), consent_sentence(rng, not req, v)
    if kind == "warrant_vs_mandate":
        return legal_process_sentence(rng, v), mandate_sentence(rng, v)
    if kind == "prohibition_vs_mandate":
        return prohibition_sentence(rng, v), mandate_sentence(rng, v)
    if kind == "encryption":
        return encryption_sentence(rng, truth.encrypted, v, False), encryption_sentence(rng, not truth.encrypted, v, False)
    raise ValueError(kind)


# ---------------------------------------------------------------- documents


@dataclass
class QA:
    id: str
    question: str
    paragraphs: list[str]          # plain sentences joined into paragraphs
    items: list[str] = field(default_factory=list)   # numbered list items ("Title: text")
    list_first: bool = False        # the list comes right after the question


@dataclass
class Doc:
    rel: str
    fmt: str
    code: str
    state: str
    title: str
    qas: list[QA]


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _fill(template: str, v: dict[str, str]) -> str:
    return template.format(**v)


def background_claims(rng: random.Random, truth: Truth, v: dict[str, str], n: int) -> list[str]:
    """``n`` sentences that follow the state's truth (some hedged, as the genre does)."""
    has = truth.agreement.get(v["agency"], False)
    shares = truth.shares.get(v["agency"], False)
    makers = [
        lambda h: agreement_sentence(rng, has, v, h and has),
        lambda h: shared_sentence(rng, shares, v, h and shares),
        lambda h: legal_process_sentence(rng, v) if truth.sanctuary else prohibition_free(rng, v),
        lambda h: consent_sentence(rng, truth.consent_required, v) if truth.consent_required or not h
        else prohibition_free(rng, v),
        lambda h: encryption_sentence(rng, truth.encrypted, v, h and truth.encrypted),
        lambda h: audit_sentence(rng, truth.audited, v, h and truth.audited),
        lambda h: training_sentence(rng, truth.trained, v, h and truth.trained),
    ]
    return [rng.choice(makers)(rng.random() < 0.3) for _ in range(n)]


def prohibition_free(rng: random.Random, v: dict[str, str]) -> str:
    """A claim-free sentence used where the truth has nothing to say."""
    return _fill(rng.choice(FILLERS), v)


def make_answer(rng: random.Random, v: dict[str, str], claims: list[str], target: int) -> tuple[list[str], list[str], bool]:
    """Paragraphs (and maybe a numbered list) of about ``target`` characters holding ``claims``."""
    sentences = [_fill(rng.choice(OPENERS), v)]
    body: list[str] = list(claims)
    size = len(sentences[0]) + sum(len(c) for c in claims)
    items: list[str] = []
    if rng.random() < 0.3:
        items = [_fill(x, v) for x in rng.sample(LIST_ITEMS, rng.randint(3, 5))]
        size += sum(len(x) + 4 for x in items) + 40
    if rng.random() < 0.35:
        body.append(_fill(rng.choice(NORMATIVE), v))
    fillers = rng.sample(FILLERS, len(FILLERS))  # no sentence twice in one answer
    while size < target and fillers:
        s = _fill(fillers.pop(), v)
        body.insert(rng.randint(0, len(body)), s)
        size += len(s) + 1
    sentences += body
    sentences.append(_fill(rng.choice(CLOSERS), v))
    # two or three paragraphs, split at sentence boundaries
    cuts = sorted(rng.sample(range(1, len(sentences)), k=min(2, len(sentences) - 1)))
    paras, prev = [], 0
    for c in cuts + [len(sentences)]:
        paras.append(" ".join(sentences[prev:c]))
        prev = c
    if items:
        items = [_fill(rng.choice(LIST_LEADS), v)] + items
    return [p for p in paras if p], items, bool(items) and rng.random() < 0.3


def make_doc(index: int, seed: int, fmt: str, rate: float) -> tuple[Doc, list[dict]]:
    rng = random.Random(_seed_int(seed, "doc", index))
    code, state = STATES[index % len(STATES)]
    topic = TOPICS[(index // len(STATES)) % len(TOPICS)]
    truth = state_truth(seed, code)
    agency = rng.choice(topic.agencies)
    cp = rng.choice(COUNTERPARTS)
    data = rng.choice(topic.data)
    v = {"state": state, "State": state, "agency": agency, "cp": cp, "data": data, "Data": _cap(data),
         "people": topic.people, "People": _cap(topic.people), "year": str(rng.randint(2008, 2021)),
         "program": rng.choice(topic.programs) if topic.programs else "state"}
    title = topic.title.format(state=state, cp=cp)
    pool = list(topic.questions) + list(GENERIC_QUESTIONS)
    n = rng.randint(10, 20)
    questions = rng.sample(pool, min(n, len(pool)))
    # Planted contradictions: the expected count per document is ``rate``.
    planted_n = int(rate) + (1 if rng.random() < rate - int(rate) else 0)
    planted_n = min(planted_n, n // 2)
    slots: dict[int, list[str]] = {i: [] for i in range(n)}
    for i in range(n):
        k = rng.choices((0, 1, 2), weights=(4, 4, 2))[0]
        slots[i] += background_claims(rng, truth, v, k)
    plants: list[dict] = []
    answer_pairs = rng.sample(range(n), 2 * planted_n) if planted_n else []
    kinds = rng.sample(sorted(PLANTS), planted_n) if planted_n else []
    for p, kind in enumerate(kinds):
        i, j = answer_pairs[2 * p], answer_pairs[2 * p + 1]
        first, second = planted_pair(kind, rng, truth, v)
        # The planted sentences replace the background claims of those answers,
        # so the pair is the only disagreement between them on this page.
        slots[i] = [first]
        slots[j] = [second]
        predicate, rule = PLANTS[kind]
        plants.append({"kind": kind, "predicate": predicate, "rule": rule,
                       "answers": sorted([str(i + 1), str(j + 1)], key=int), "sentences": [first, second]})
    qas = []
    for i in range(n):
        target = rng.randint(950, 1500)
        paras, items, list_first = make_answer(rng, v, slots[i], target)
        qas.append(QA(id=str(i + 1), question=_fill(questions[i], v), paragraphs=paras, items=items,
                      list_first=list_first))
    ext = fmt
    rel = f"{code}/{topic.key}-{index:05d}.{ext}"
    doc = Doc(rel=rel, fmt=fmt, code=code, state=state, title=title, qas=qas)
    for p in plants:
        p["doc"] = rel
        p["jurisdiction"] = code
    return doc, plants


# ---------------------------------------------------------------- writers


def answer_lines(qa: QA) -> list[str]:
    """The answer as plain lines: paragraphs, and the list as "1. Title: text" lines."""
    lst: list[str] = []
    if qa.items:
        lst = [qa.items[0]] + [f"{k}. {item}" for k, item in enumerate(qa.items[1:], 1)]
    return (lst + qa.paragraphs) if qa.list_first else (qa.paragraphs + lst)


def answer_text(qa: QA) -> str:
    return "\n".join(answer_lines(qa))


def write_json(doc: Doc) -> str:
    data = {"title": doc.title, "jurisdiction": doc.code, "source": f"generated:{doc.rel}",
            "items": [{"id": qa.id, "question": qa.question, "answer": answer_text(qa)} for qa in doc.qas]}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def write_md(doc: Doc) -> str:
    out = ["---", f"title: {doc.title}", f"state: {doc.state}", f"source: generated:{doc.rel}", "---", "",
           f"# {doc.title}", ""]
    for qa in doc.qas:
        out += [f"## {qa.id}. {qa.question}", ""]
        for line in answer_lines(qa):
            out += [line, ""] if not line[:1].isdigit() else [line]
        if out[-1] != "":
            out.append("")
    return "\n".join(out)


def write_txt(doc: Doc) -> str:
    out = ["Categories: Immigration, Privacy", doc.title, ""]
    for qa in doc.qas:
        out.append(f"{qa.id}. {qa.question}")
        out += answer_lines(qa)
        out.append("")
    return "\n".join(out)


def write_yaml(doc: Doc) -> str:
    out = [f"title: {json.dumps(doc.title)}", f"jurisdiction: {doc.code}", "faq:"]
    for qa in doc.qas:
        out.append(f"  - id: {qa.id}")
        out.append(f"    q: {json.dumps(qa.question, ensure_ascii=False)}")
        out.append("    a: |")
        out += [f"      {line}" for line in answer_lines(qa)]
    return "\n".join(out) + "\n"


def _answer_html(qa: QA) -> str:
    parts = [f"<p>{html.escape(p)}</p>" for p in qa.paragraphs]
    if qa.items:
        lst = f"<p>{html.escape(qa.items[0])}</p><ol>" + "".join(
            f"<li>{html.escape(x)}</li>" for x in qa.items[1:]) + "</ol>"
        parts = [lst] + parts if qa.list_first else parts + [lst]
    return "".join(parts)


def write_html(doc: Doc) -> str:
    data = {"@context": "https://schema.org", "@type": "FAQPage", "name": doc.title,
            "mainEntity": [{"@type": "Question", "name": f"{qa.id}. {qa.question}",
                            "acceptedAnswer": {"@type": "Answer", "text": _answer_html(qa)}} for qa in doc.qas]}
    body = json.dumps(data, indent=2, ensure_ascii=False).replace("</", "<\\/")
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<title>{html.escape(doc.title)}</title>\n<script type=\"application/ld+json\">\n{body}\n</script>\n"
            f"</head>\n<body>\n<h1>{html.escape(doc.title)}</h1>\n<p>{html.escape(doc.state)} FAQ.</p>\n</body>\n</html>\n")


WRITERS = {"json": write_json, "md": write_md, "html": write_html, "yaml": write_yaml, "txt": write_txt}


def generate(docs: int, seed: int, out: Path, formats: tuple[str, ...] = FORMATS, rate: float = 0.2) -> dict:
    """Write the corpus and its manifest; return the manifest."""
    out.mkdir(parents=True, exist_ok=True)
    planted: list[dict] = []
    answer_bytes = file_bytes = 0
    by_format: dict[str, int] = {}
    files: list[str] = []
    for index in range(docs):
        # Shifted every round of states, so each state gets every format.
        fmt = formats[(index + index // len(STATES)) % len(formats)]
        doc, plants = make_doc(index, seed, fmt, rate)
        text = WRITERS[fmt](doc)
        path = out / "faq" / doc.rel
        path.parent.mkdir(parents=True, exist_ok=True)
        raw = text.encode("utf-8")
        path.write_bytes(raw)
        file_bytes += len(raw)
        answer_bytes += sum(len(answer_text(qa).encode("utf-8")) for qa in doc.qas)
        by_format[fmt] = by_format.get(fmt, 0) + 1
        files.append(doc.rel)
        planted += plants
    manifest = {
        "generator": "benchmarks/generate.py", "docs": docs, "seed": seed, "formats": list(formats),
        "contradiction_rate": rate, "answer_bytes": answer_bytes, "file_bytes": file_bytes,
        "by_format": by_format, "files": files, "planted": planted,
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return manifest


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, required=True, help="number of documents")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", type=Path, required=True, help="output folder (created)")
    ap.add_argument("--formats", default=",".join(FORMATS),
                    help="comma-separated, used in turn: " + ",".join(FORMATS))
    ap.add_argument("--contradiction-rate", type=float, default=0.2,
                    help="expected planted contradictions per document (default 0.2)")
    args = ap.parse_args(argv)
    formats = tuple(f.strip() for f in args.formats.split(",") if f.strip())
    bad = [f for f in formats if f not in WRITERS]
    if bad:
        ap.error(f"unknown format(s) {', '.join(bad)}; choose from {', '.join(FORMATS)}")
    m = generate(args.docs, args.seed, args.out, formats, args.contradiction_rate)
    print(f"{m['docs']} documents, {m['answer_bytes'] / 1e6:.1f} MB of answer text "
          f"({m['file_bytes'] / 1e6:.1f} MB on disk), {len(m['planted'])} planted contradictions -> {args.out / 'faq'}",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
