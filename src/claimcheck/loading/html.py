"""HTML FAQ pages: schema.org ``FAQPage`` data, as JSON-LD or as microdata.

Everything else on the page is ignored. JSON-LD is preferred when both are
present (pages often carry the same questions twice). Answer HTML becomes
text: block elements, ``<li>`` and ``<br>`` start new lines, ``<ol>`` items get
``1.`` numbers and ``<ul>`` items ``-``, entities are unescaped.

Lines: a JSON-LD answer maps every text line to the line of its JSON string
inside the script; a microdata answer maps each text line to the file line
where its first words are. ``<!-- claimcheck: ignore RULE -->`` comments in an
answer suppress rules for it.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from claimcheck.errors import LoadError
from claimcheck.loading import assemble, jsonpos
from claimcheck.loading.keys import RecordKeys
from claimcheck.models import Answer, Document

_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_BLOCK = frozenset("""address article aside blockquote dd details div dl dt figcaption figure
    footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody
    td th thead tr ul""".split())
_SKIP = frozenset({"script", "style", "template", "noscript"})


class _Text:
    """Text being built from HTML, with the source line of each output line."""

    def __init__(self) -> None:
        self.rows: list[list[str]] = [[]]
        self.lines: list[int | None] = [None]
        self.suppress: list[str] = []

    def add(self, data: str, line: int) -> None:
        for k, part in enumerate(data.split("\n")):
            words = part.split()
            if not words:
                if part or k:
                    self._space()
                continue
            if part[:1].isspace() or k:
                self._space()
            if self.lines[-1] is None:
                self.lines[-1] = line + k
            self.rows[-1].append(" ".join(words))
            if part[-1:].isspace():
                self._space()

    def _space(self) -> None:
        if self.rows[-1] and self.rows[-1][-1] != " ":
            self.rows[-1].append(" ")

    def newline(self) -> None:
        if self.rows[-1]:
            self.rows.append([])
            self.lines.append(None)

    def result(self, fallback: int) -> tuple[str, list[int]]:
        texts, lines, last = [], [], fallback
        for row, line in zip(self.rows, self.lines):
            text = "".join(row).strip()
            if text:
                last = line or last
                texts.append(text)
                lines.append(last)
        return "\n".join(texts), lines


class _Page(HTMLParser):
    """One pass over the page: JSON-LD scripts, microdata questions, the title."""

    def __init__(self, index: jsonpos.LineIndex) -> None:
        super().__init__(convert_charrefs=True)
        self.index = index
        self.scripts: list[tuple[str, int]] = []  # (content, offset of content)
        self.title = ""
        self.questions: list[dict] = []
        self._stack: list[dict] = []  # open elements: {"tag", "roles", ...}
        self._script: list | None = None
        self._skip = 0
        self._title: list[str] | None = None
        self._lists: list[list] = []  # [tag, counter] per open ol/ul

    # -- events
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: (v or "") for k, v in attrs}
        line = self.getpos()[0]
        if tag == "script" and "ld+json" in a.get("type", "").lower():
            start = self.index.start(line) + self.getpos()[1] + len(self.get_starttag_text() or "")
            self._script = [[], start]
        if tag in _SKIP:
            self._skip += tag not in _VOID
        if tag == "title" and not self.title:
            self._title = []
        self._micro_start(tag, a, line)
        if tag in ("ol", "ul"):
            self._lists.append([tag, 0])
        for text in self._targets():
            if tag == "br" or tag in _BLOCK:
                text.newline()
            if tag == "li":
                prefix = "- "
                if self._lists and self._lists[-1][0] == "ol":
                    self._lists[-1][1] += 1
                    prefix = f"{self._lists[-1][1]}. "
                text.add(prefix, line)
        if tag not in _VOID:
            self._stack.append({"tag": tag, "roles": a.get("_roles", ())})

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.scripts.append(("".join(self._script[0]), self._script[1]))
            self._script = None
        if tag in _SKIP and self._skip:
            self._skip -= 1
        if tag == "title" and self._title is not None:
            self.title = " ".join("".join(self._title).split())
            self._title = None
        if tag in ("ol", "ul") and self._lists:
            self._lists.pop()
        for depth in range(len(self._stack) - 1, -1, -1):
            if self._stack[depth]["tag"] == tag:
                while len(self._stack) > depth:
                    self._close(self._stack.pop())
                break
        for text in self._targets():
            if tag in _BLOCK:
                text.newline()

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script[0].append(data)
            return
        if self._title is not None:
            self._title.append(data)
        if self._skip:
            return
        line = self.getpos()[0]
        for text in self._targets():
            text.add(data, line)

    def handle_comment(self, data: str) -> None:
        _, rules = assemble.take_comments(f"<!--{data}-->")
        for text in self._targets():
            text.suppress.extend(rules)

    def close(self) -> None:
        super().close()
        while self._stack:
            self._close(self._stack.pop())

    # -- microdata
    def _micro_start(self, tag: str, a: dict, line: int) -> None:
        props = set(a.get("itemprop", "").split())
        types = a.get("itemtype", "")
        roles = []
        current = self._question()
        if "itemscope" in a and re.search(r"(?:^|[/:#\s])Question\b", types):
            self.questions.append({"name": _Text(), "answer": None, "text": None,
                                   "line": line, "open": True})
            roles.append("question")
        elif current is not None:
            if "name" in props and current.get("name_line") is None and not current["answer"]:
                current["name_line"] = line
                roles.append("name")
                if tag == "meta":
                    current["name"].add(a.get("content", ""), line)
            if "acceptedAnswer" in props and current["answer"] is None:
                current["answer"] = _Text()
                roles.append("answer")
            elif "text" in props and current["answer"] is not None and current["text"] is None:
                current["text"] = _Text()
                roles.append("text")
                if tag == "meta":
                    current["text"].add(a.get("content", ""), line)
        a["_roles"] = tuple(roles)
        for role in roles:
            if role != "question":
                current[f"in_{role}"] = True

    def _close(self, element: dict) -> None:
        current = self._question()
        for role in element["roles"]:
            if role == "question" and current is not None:
                current["open"] = False
            elif current is not None:
                current[f"in_{role}"] = False

    def _question(self) -> dict | None:
        for q in reversed(self.questions):
            if q["open"]:
                return q
        return None

    def _targets(self) -> list[_Text]:
        q = self._question()
        if q is None:
            return []
        return [q[role] for role in ("name", "answer", "text") if q.get(f"in_{role}")]


def parse(text: str, *, path: str, keys: RecordKeys | None = None) -> Document:
    """Parse the FAQPage data of an HTML page."""
    index = jsonpos.LineIndex(text)
    page = _Page(index)
    try:
        page.feed(text)
        page.close()
    except (AssertionError, ValueError, IndexError) as exc:  # html.parser on broken markup
        raise LoadError(f"malformed HTML: {exc}", path=path) from None
    answers, name, error = _from_json_ld(page, text, index, path)
    if not answers:
        answers = _from_microdata(page, path)
    if not answers:
        if error:
            raise error
        raise LoadError("no FAQ found: expected schema.org FAQPage data (JSON-LD "
                        "<script type=\"application/ld+json\"> or microdata itemtype "
                        "\".../Question\")", path=path)
    return assemble.build_document(path=path, format="html", answers=answers,
                                   title=page.title or name)


def html_to_text(fragment: str, line: int) -> tuple[str, tuple[str, ...]]:
    """Text of an HTML fragment (all on one source line) and its suppressions."""
    parser = _Fragment()
    try:
        parser.feed(fragment)
        parser.close()
    except (AssertionError, ValueError, IndexError):
        return " ".join(re.sub(r"<[^>]*>", " ", fragment).split()), ()
    text, _ = parser.out.result(line)
    return text, tuple(parser.out.suppress)


class _Fragment(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out = _Text()
        self._lists: list[list] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP:
            self._skip += 1
        if tag in ("ol", "ul"):
            self._lists.append([tag, 0])
        if tag == "br" or tag in _BLOCK:
            self.out.newline()
        if tag == "li":
            prefix = "- "
            if self._lists and self._lists[-1][0] == "ol":
                self._lists[-1][1] += 1
                prefix = f"{self._lists[-1][1]}. "
            self.out.add(prefix, 1)

    def handle_endtag(self, tag):
        if tag in _SKIP and self._skip:
            self._skip -= 1
        if tag in ("ol", "ul") and self._lists:
            self._lists.pop()
        if tag in _BLOCK:
            self.out.newline()

    def handle_data(self, data):
        if not self._skip:
            self.out.add(data, 1)

    def handle_comment(self, data):
        self.out.suppress.extend(assemble.take_comments(f"<!--{data}-->")[1])


def _from_json_ld(page: _Page, text: str, index: jsonpos.LineIndex, path: str):
    """Answers from JSON-LD blocks, the FAQPage name, and the first JSON error seen."""
    found: list[tuple[str | None, str, int, str, int, tuple[str, ...]]] = []
    name, error = "", None
    for content, start in page.scripts:
        try:
            data = jsonpos.loads(content, path=path)
        except LoadError as exc:
            line = index.line(start) + (exc.line or 1) - 1
            error = error or LoadError(f"in JSON-LD: {exc.message}", path=path, line=line)
            continue
        offsets = jsonpos.value_offsets(content)
        for node, where in _faq_pages(data, ()):
            name = name or (node.get("name") or node.get("headline") or "")
            entities = node.get("mainEntity", [])
            where_entities = (*where, "mainEntity")
            if isinstance(entities, dict):
                entities, listed = [entities], False
            else:
                listed = True
            if not isinstance(entities, list):
                continue
            for k, q in enumerate(entities):
                qpath = (*where_entities, k) if listed else where_entities
                item = _json_ld_question(q, qpath, offsets, index, start, path)
                if item:
                    found.append(item)
    answers = []
    ids = assemble.assign_ids([f[0] for f in found])
    for ident, (_, question, q_line, body, a_line, suppress) in zip(ids, found):
        answers.append(assemble.make_answer(
            id=ident, question=question, text=body, question_line=q_line,
            lines=[a_line] * (body.count("\n") + 1), suppress=suppress))
    return answers, name if isinstance(name, str) else "", error


def _faq_pages(data: object, where: tuple, depth: int = 0):
    """(FAQPage node, its path) anywhere in a JSON-LD value (lists, ``@graph``)."""
    if depth > 8:
        return
    if isinstance(data, list):
        for k, item in enumerate(data):
            yield from _faq_pages(item, (*where, k), depth + 1)
    elif isinstance(data, dict):
        if _is_type(data, "FAQPage"):
            yield data, where
        elif isinstance(data.get("@graph"), list):
            yield from _faq_pages(data["@graph"], (*where, "@graph"), depth + 1)


def _is_type(node: dict, name: str) -> bool:
    types = node.get("@type", [])
    types = [types] if isinstance(types, str) else types
    return isinstance(types, list) and any(
        isinstance(t, str) and re.search(rf"(?:^|[/:#]){name}$", t) for t in types)


def _json_ld_question(q, qpath, offsets, index, start, path):
    if not isinstance(q, dict) or not _is_type(q, "Question"):
        return None
    line = index.line(start + offsets.get(qpath, 0))
    accepted = q.get("acceptedAnswer")
    apath = (*qpath, "acceptedAnswer")
    if isinstance(accepted, list) and accepted:
        accepted, apath = accepted[0], (*apath, 0)
    name, body = q.get("name"), accepted.get("text") if isinstance(accepted, dict) else None
    if not isinstance(name, str) or not isinstance(body, str):
        missing = "name" if not isinstance(name, str) else "acceptedAnswer.text"
        raise LoadError(f"JSON-LD Question without text {missing}", path=path, line=line,
                        key=missing)
    q_line = index.line(start + offsets.get((*qpath, "name"), 0))
    a_line = index.line(start + offsets.get((*apath, "text"), 0))
    question, _ = html_to_text(name, q_line)
    text, suppress = html_to_text(body, a_line)
    number, question = assemble.split_number(question.replace("\n", " "))
    return number, question, q_line, text, a_line, suppress


def _from_microdata(page: _Page, path: str) -> list[Answer]:
    found = []
    for q in page.questions:
        question, _ = q["name"].result(q["line"])
        part = q["text"] if q["text"] is not None and q["text"].result(0)[0] else q["answer"]
        if not question.strip() or part is None:
            raise LoadError("microdata Question without a name and an acceptedAnswer",
                            path=path, line=q["line"])
        body, lines = part.result(q.get("name_line") or q["line"])
        suppress = tuple(part.suppress) + tuple(q["answer"].suppress if q["answer"] else ())
        number, question = assemble.split_number(" ".join(question.split()))
        found.append((number, question, q.get("name_line") or q["line"], body, lines, suppress))
    ids = assemble.assign_ids([f[0] for f in found])
    return [assemble.make_answer(id=i, question=qu, text=b, lines=ls or [ql], question_line=ql,
                                 suppress=s)
            for i, (_, qu, ql, b, ls, s) in zip(ids, found)]
