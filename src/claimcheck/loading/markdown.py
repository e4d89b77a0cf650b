"""Markdown FAQs: questions are headings or bold lines, answers the text below.

* A heading is a question when it ends in ``?``; or when prose follows it
  directly and either no heading ends in ``?`` or it is at the level of the
  ``?``-headings and reads like a question (numbered, or opening with what,
  how, can, does, ...). A lone level-1 heading over other questions is the title.
* A line that is wholly bold and ends in ``?`` (``**Can I ...?**``) is a question.
* An answer runs to the next question or to a heading at the question's level
  or above; deeper headings stay in the answer text.
* YAML front matter (``---``) gives ``title``, ``jurisdiction`` (or ``state``)
  and ``source``.
* Markup is stripped within each line (emphasis, code, links -> their text),
  never across lines, so answer line + row is still the file line.
* ``<!-- claimcheck: ignore RULE, ... -->`` inside an answer, or in the lines
  right before its question, suppresses those rules for that answer.
"""

from __future__ import annotations

import re

from claimcheck.errors import LoadError
from claimcheck.loading import assemble
from claimcheck.loading.keys import RecordKeys
from claimcheck.models import Document

_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_BOLD_Q = re.compile(r"^\s*(?:\d{1,4}[.)]\s*)?(?:\*\*|__)(.+?\?)(?:\*\*|__)\s*$")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
# A heading without "?" among "?"-headings is a question only if it reads like
# one (numbered, or opening with an interrogative), so "Related links" is not.
_QUESTIONISH = re.compile(
    r"\s*(?:\d{1,4}[.)]\s|Q\d*[:.]|(?:what|how|can|could|does|do|did|is|are|was|were|who|"
    r"whom|whose|when|where|why|which|will|would|should|shall|may|might|must|has|have|had)\b)",
    re.I)
_ENDS_Q = re.compile(r"\?[\s\"'\u201d\u2019)*_]*$")

_INLINE = [
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),
    (re.compile(r"<((?:https?|mailto):[^>\s]+)>"), r"\1"),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])"), r"\1"),
    (re.compile(r"`+([^`]*)`+"), r"\1"),
    (re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>"), ""),
]
_LINE = [
    (re.compile(r"^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$"), r"\1"),   # inner heading
    (re.compile(r"^ {0,3}(?:>[ \t]?)+"), ""),                              # blockquote
    (re.compile(r"^(\s*)[*+][ \t]+"), r"\1- "),                            # bullets
    (re.compile(r"^ {0,3}(?:[-*_][ \t]*){3,}$"), ""),                      # rule
    (re.compile(r"^ {0,3}\[[^\]]+\]:\s+\S+.*$"), ""),                      # link definition
]


def parse(text: str, *, path: str, keys: RecordKeys | None = None) -> Document:
    """Parse a Markdown FAQ."""
    lines = text.split("\n")
    meta, body_start = _front_matter(lines, path)
    heads, bolds = _blocks(lines, body_start)
    questions, title = _questions(heads, bolds, lines)
    if not questions:
        raise LoadError("no questions found; expected headings ('## Can I ...?') or bold "
                        "question lines ('**Can I ...?**') followed by answers", path=path)
    answers = _answers(lines, questions, heads, body_start)
    return assemble.build_document(
        path=path, format="markdown", answers=answers,
        title=str(meta.get("title") or title or ""), source=str(meta.get("source") or ""),
        jurisdiction=meta.get("jurisdiction") or meta.get("state"),
        jurisdiction_line=meta.get("_line"))


#: A line that has none of these cannot be changed by any regex of _LINE or _INLINE:
#: each needs one of "#", ">", "*", "+", "[", "<", "`", "_", or, for a thematic
#: break, "-" after at most three spaces at the start. Most answer lines are
#: plain prose, and one search costs less than the fourteen substitutions.
_MAYBE_MARKUP = re.compile(r"[#>*+\[<`_]|^ {0,3}-")


def strip_inline(line: str) -> str:
    """One line of Markdown without its markup (the line stays one line)."""
    if not _MAYBE_MARKUP.search(line):
        return line
    for regex, repl in _LINE:
        line = regex.sub(repl, line)
    for regex, repl in _INLINE:
        line = regex.sub(repl, line)
    return line


def _front_matter(lines: list[str], path: str) -> tuple[dict, int]:
    """Front-matter mapping and the index of the first line after it."""
    if not lines or lines[0].strip() != "---":
        return {}, 0
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        return {}, 0
    import yaml

    from claimcheck.loading.records import check_yaml_depth, yaml_problem

    block = "\n".join(lines[1:end])
    check_yaml_depth(block, path=path)
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        data = yaml.load(block, Loader=loader)  # a safe loader
    except yaml.YAMLError as exc:
        problem, line = yaml_problem(exc, block)
        raise LoadError(f"invalid front matter: {problem}", path=path,
                        line=line + 1 if line else 1) from None
    if data is None:
        return {}, end + 1
    if not isinstance(data, dict):
        raise LoadError("front matter must be a mapping (key: value lines)", path=path, line=2)
    meta = {k: v for k, v in data.items() if isinstance(k, str)}
    for key in ("title", "source"):
        if key in meta and not isinstance(meta[key], (str, int, float)) and meta[key] is not None:
            raise LoadError("must be text", path=path, key=key, line=_key_line(lines, key, end))
    for key in ("jurisdiction", "state"):
        if key in meta:
            meta["_line"] = _key_line(lines, key, end)
            break
    return meta, end + 1


def _key_line(lines: list[str], key: str, end: int) -> int | None:
    return next((i + 1 for i in range(1, end) if lines[i].startswith(f"{key}:")), None)


def _blocks(lines: list[str], start: int) -> tuple[list[tuple[int, int, str]], dict[int, str]]:
    """Headings (index, level, text) and bold ``?``-lines (index -> text), outside fences."""
    heads: list[tuple[int, int, str]] = []
    bolds: dict[int, str] = {}
    fence: str | None = None
    for i in range(start, len(lines)):
        line = lines[i]
        fenced = _FENCE.match(line)
        if fence:
            if fenced and fenced.group(1) == fence:
                fence = None
            continue
        if fenced:
            fence = fenced.group(1)
        elif m := _HEADING.match(line):
            heads.append((i, len(m.group(1)), m.group(2)))
        elif m := _BOLD_Q.match(line):
            bolds[i] = m.group(1)
    return heads, bolds


def _prose_follows(lines: list[str], i: int, marks: set[int]) -> bool:
    for j in range(i + 1, len(lines)):
        if j in marks:
            return False
        if lines[j].strip() and not lines[j].strip().startswith("<!--"):
            return True
    return False


def _questions(heads, bolds, lines) -> tuple[list[tuple[int, int, str]], str]:
    """Question (index, level, text) list, level 7 for bold lines; and a title."""
    marks = {h[0] for h in heads} | set(bolds)
    q_levels = {lvl for _, lvl, txt in heads if _ENDS_Q.search(txt)}
    chosen = []
    for i, lvl, txt in heads:
        if _ENDS_Q.search(txt):
            chosen.append((i, lvl, txt))
        elif _prose_follows(lines, i, marks) and (
                not q_levels or (lvl in q_levels and _QUESTIONISH.match(strip_inline(txt)))):
            chosen.append((i, lvl, txt))
    title = ""
    h1s = [h for h in heads if h[1] == 1]
    if chosen and len(h1s) == 1 and chosen[0] == h1s[0] and not _ENDS_Q.search(h1s[0][2]) \
            and len(chosen) > 1:
        chosen.pop(0)  # a lone H1 over other questions is the page title
    if h1s and h1s[0] not in chosen:
        title = strip_inline(h1s[0][2])
    elif heads and heads[0] not in chosen:
        title = strip_inline(heads[0][2])
    chosen += [(i, 7, txt) for i, txt in bolds.items()]
    chosen.sort()
    return chosen, title


def _answers(lines, questions, heads, body_start):
    """Answers: text under each question, with suppressions."""
    stops = {i: lvl for i, lvl, _ in heads}
    q_index = {q[0] for q in questions}
    spans = []
    for n, (i, lvl, _) in enumerate(questions):
        end = questions[n + 1][0] if n + 1 < len(questions) else len(lines)
        for j in range(i + 1, end):
            if j in stops and j not in q_index and stops[j] <= lvl:
                end = j
                break
        spans.append((i + 1, end))
    ids = assemble.assign_ids([assemble.split_number(strip_inline(q[2]))[0] for q in questions])
    carried: tuple[str, ...] = ()
    previous_end = body_start
    answers = []
    for n, ((i, _, qtext), (start, end)) in enumerate(zip(questions, spans)):
        # Suppression comments right before a question belong to it, not to
        # the answer (or header) they follow.
        before, _ = _split_trailing_comments("\n".join(lines[previous_end:i]))
        tail, raw = _split_trailing_comments("\n".join(lines[start:end]))
        body, suppress = assemble.take_comments(raw)
        body = "\n".join(_strip_lines(body.split("\n")))
        question = assemble.split_number(strip_inline(qtext))[1]
        answers.append(assemble.make_answer(
            id=ids[n], question=question, text=body, question_line=i + 1,
            lines=range(start + 1, start + 1 + body.count("\n") + 1),
            suppress=(*carried, *assemble.take_comments(before)[1], *suppress)))
        carried = assemble.take_comments(tail)[1]
        previous_end = end
    if carried and answers:
        # Comments after the last answer have no next question to go to.
        last = answers[-1]
        answers[-1] = last.model_copy(update={"suppress": (*last.suppress, *carried)})
    return answers


def _strip_lines(rows: list[str]) -> list[str]:
    out, fence = [], None
    for row in rows:
        fenced = _FENCE.match(row)
        if fence or fenced:
            if fenced and (fence is None or fenced.group(1) == fence):
                fence = None if fence else fenced.group(1)
                row = ""
            out.append(row)
            continue
        out.append(strip_inline(row))
    return out


def _split_trailing_comments(body: str) -> tuple[str, str]:
    """(trailing suppression comments, body without them); line count kept."""
    rows = body.split("\n")
    k = len(rows)
    while k > 0 and (not rows[k - 1].strip() or
                     assemble.SUPPRESS_COMMENT.fullmatch(rows[k - 1].strip())):
        k -= 1
    tail = "\n".join(rows[k:])
    if "<!--" not in tail:
        return "", body
    return tail, "\n".join(rows[:k] + [""] * (len(rows) - k))
