"""qa.json: ``{"title", "jurisdiction", "source", "items": [{"id", "question", "answer"}]}``.

Each answer is one JSON string, so every line of its text (``\\n`` escapes)
maps to the one file line where that string starts.
"""

from __future__ import annotations

from claimcheck.errors import LoadError
from claimcheck.loading import assemble, jsonpos
from claimcheck.loading.keys import RecordKeys
from claimcheck.models import Document


def parse(text: str, *, path: str, keys: RecordKeys | None = None) -> Document:
    """Parse a qa.json text. Shape errors name the item and key, with a line."""
    data = jsonpos.loads(text, path=path)
    offsets = jsonpos.value_offsets(text)
    index = jsonpos.LineIndex(text)

    def line(*where: str | int) -> int | None:
        offset = offsets.get(where)
        return index.line(offset) if offset is not None else None

    def fail(message: str, key: str, *where: str | int) -> LoadError:
        return LoadError(message, path=path, key=key or None, line=line(*where))

    if not isinstance(data, dict):
        raise fail(f"expected a JSON object with an 'items' list, found {_kind(data)}", "")
    meta: dict[str, str] = {}
    for name in ("title", "source"):
        value = data.get(name, "")
        if value is None:
            value = ""
        if not isinstance(value, str):
            raise fail(f"must be text, found {_kind(value)}", name, name)
        meta[name] = value
    items = data.get("items")
    if items is None:
        raise fail("missing 'items' (the list of questions)", "items")
    if not isinstance(items, list):
        raise fail(f"must be a list of question records, found {_kind(items)}", "items", "items")
    if not items:
        raise fail("no questions found (the list is empty)", "items", "items")

    answers = []
    seen: dict[str, int] = {}
    for i, item in enumerate(items):
        key = f"items[{i}]"
        if not isinstance(item, dict):
            raise fail(f"must be an object with question and answer, found {_kind(item)}",
                       key, "items", i)
        for field in ("question", "answer"):
            if field not in item:
                raise fail(f"missing '{field}'", key, "items", i)
            if not isinstance(item[field], str):
                raise fail(f"must be text, found {_kind(item[field])}", f"{key}.{field}",
                           "items", i, field)
        raw_id = item.get("id", i + 1)
        if isinstance(raw_id, bool) or not isinstance(raw_id, (str, int)) or str(raw_id) == "":
            raise fail("must be a non-empty string or an integer", f"{key}.id", "items", i, "id")
        ident = str(raw_id)
        if ident in seen:
            raise fail(f"duplicate id {ident!r} (first used by items[{seen[ident]}])",
                       f"{key}.id", "items", i, "id")
        seen[ident] = i
        answer_line = line("items", i, "answer") or 1
        body, suppress = assemble.take_comments(item["answer"])
        suppress += _suppressions(item, key, fail)
        answers.append(assemble.make_answer(
            id=ident, question=item["question"], text=body,
            lines=[answer_line] * (body.count("\n") + 1),
            question_line=line("items", i, "question") or answer_line, suppress=suppress))
    return assemble.build_document(
        path=path, format="qajson", answers=answers, title=meta["title"],
        source=meta["source"], jurisdiction=data.get("jurisdiction"),
        jurisdiction_line=line("jurisdiction"))


def _suppressions(item: dict, key: str, fail) -> tuple[str, ...]:
    for name in ("claimcheck-ignore", "claimcheck_ignore"):
        if name in item:
            value = item[name]
            if isinstance(value, str):
                return assemble.rule_ids(value)
            if isinstance(value, list) and all(isinstance(v, str) for v in value):
                return tuple(value)
            raise fail("must be a rule id or a list of rule ids", f"{key}.{name}")
    return ()


def _kind(value: object) -> str:
    return {dict: "an object", list: "a list", str: "text", bool: "true/false",
            int: "a number", float: "a number", type(None): "null"}.get(type(value), "a value")
