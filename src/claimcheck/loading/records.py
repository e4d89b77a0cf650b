"""Records: a YAML or JSON list of question/answer mappings.

The list is the whole document or sits under a container key (``faq:``,
``items:``, ``questions:``; see ``RecordKeys``) of a mapping that may also hold
``title``, ``jurisdiction`` (or ``state``) and ``source``. Key names come from
``RecordKeys``. A ``claimcheck-ignore: [RULE, ...]`` key suppresses rules.

Lines come from the composed YAML node tree (JSON from value offsets). YAML
folds multi-line plain, quoted and ``>`` scalars into fewer lines; each text
line is then mapped to the file line where its first words are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claimcheck.errors import LoadError
from claimcheck.loading import assemble, jsonpos
from claimcheck.loading.keys import RecordKeys
from claimcheck.models import Answer, Document

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"


@dataclass
class _Val:
    """A value with where it is: ``lines`` has the file line of each text line."""

    value: object
    line: int
    lines: tuple[int, ...] = ()


def parse(text: str, *, path: str, keys: RecordKeys | None = None) -> Document:
    """Parse a YAML or JSON list of question/answer records."""
    keys = keys or RecordKeys()
    # A .json file is JSON: its syntax errors are reported as JSON errors (line
    # and column), not as whatever the YAML parser makes of them.
    if path.lower().endswith(".json") or (text.lstrip().startswith(("{", "[")) and _is_json(text)):
        root = _from_json(text, path)
    else:
        root = _from_yaml(text, path)
    meta: dict[str, _Val] = {}
    records = root.value
    key_name = ""
    if isinstance(records, dict):
        meta = records
        key_name = next((k for k in keys.container if k in records), "")
        if not key_name:
            raise LoadError("expected a list of question/answer records, or a mapping with "
                            f"the list under one of: {', '.join(keys.container)}",
                            path=path, line=root.line)
        records = records[key_name].value
        if not isinstance(records, list):
            raise LoadError("must be a list of question/answer records", path=path,
                            key=key_name, line=meta[key_name].line)
    elif not isinstance(records, list):
        raise LoadError("expected a list of question/answer records", path=path, line=root.line)
    answers = _answers(records, keys, key_name or "records", path)
    jur = meta.get("jurisdiction") or meta.get("state")
    return assemble.build_document(
        path=path, format="records", answers=answers,
        title=_text(meta.get("title"), "title", path), source=_text(meta.get("source"),
                                                                     "source", path),
        jurisdiction=jur.value if jur else None, jurisdiction_line=jur.line if jur else None)


def _text(val: _Val | None, key: str, path: str) -> str:
    if val is None or val.value is None:
        return ""
    if not isinstance(val.value, str):
        raise LoadError("must be text", path=path, key=key, line=val.line)
    return val.value


def _answers(records: list, keys: RecordKeys, where: str, path: str) -> list[Answer]:
    if not records:
        raise LoadError("no questions found (the list is empty)", path=path, key=where)
    answers, seen = [], {}
    for i, rec in enumerate(records):
        key = f"{where}[{i}]"
        if not isinstance(rec.value, dict):
            raise LoadError("must be a mapping with a question and an answer", path=path,
                            key=key, line=rec.line)
        fields = {}
        for field in ("question", "answer"):
            name = keys.first(rec.value, field)
            if name is None:
                raise LoadError(f"no {field} (looked for keys: {', '.join(getattr(keys, field))})",
                                path=path, key=key, line=rec.line)
            val = rec.value[name]
            if not isinstance(val.value, str):
                raise LoadError("must be text", path=path, key=f"{key}.{name}", line=val.line)
            fields[field] = val
        id_key = keys.first(rec.value, "id")
        ident = str(i + 1)
        if id_key is not None:
            val = rec.value[id_key]
            if isinstance(val.value, bool) or not isinstance(val.value, (str, int)) \
                    or val.value == "":
                raise LoadError("must be a non-empty string or an integer", path=path,
                                key=f"{key}.{id_key}", line=val.line)
            ident = str(val.value)
        if ident in seen:
            raise LoadError(f"duplicate id {ident!r} (first used by {where}[{seen[ident]}])",
                            path=path, key=f"{key}.{id_key or 'id'}", line=rec.line)
        seen[ident] = i
        body, suppress = assemble.take_comments(fields["answer"].value)
        answers.append(assemble.make_answer(
            id=ident, question=fields["question"].value, text=body,
            lines=fields["answer"].lines or [fields["answer"].line],
            question_line=fields["question"].line,
            suppress=(*_suppress(rec.value, keys, key, path), *suppress)))
    return answers


def _suppress(record: dict, keys: RecordKeys, where: str, path: str) -> tuple[str, ...]:
    name = keys.first(record, "suppress")
    if name is None:
        return ()
    val = record[name].value
    if isinstance(val, str):
        return assemble.rule_ids(val)
    if isinstance(val, list) and all(isinstance(v.value, str) for v in val):
        return tuple(v.value for v in val)
    raise LoadError("must be a rule id or a list of rule ids", path=path,
                    key=f"{where}.{name}", line=record[name].line)


# ------------------------------------------------------------------------- JSON


def _is_json(text: str) -> bool:
    import json

    try:
        json.loads(text)
    except (ValueError, RecursionError):
        return False
    return True


def _from_json(text: str, path: str) -> _Val:
    data = jsonpos.loads(text, path=path)
    offsets = jsonpos.value_offsets(text)
    index = jsonpos.LineIndex(text)

    def wrap(value: object, where: tuple) -> _Val:
        line = index.line(offsets.get(where, 0))
        if isinstance(value, dict):
            return _Val({k: wrap(v, (*where, k)) for k, v in value.items()}, line)
        if isinstance(value, list):
            return _Val([wrap(v, (*where, k)) for k, v in enumerate(value)], line)
        if isinstance(value, str):
            return _Val(value, line, (line,) * (value.count("\n") + 1))
        return _Val(value, line)

    return wrap(data, ())


# ------------------------------------------------------------------------- YAML


#: Deepest nesting handed to libyaml, whose C parser can overflow the stack
#: (a crash, not an exception) on pathological input.
MAX_YAML_DEPTH = 1000


def yaml_depth(text: str) -> int:
    """An upper bound on how deeply ``text`` nests (flow brackets, block ``- - -``)."""
    depth = peak = 0
    for bracket in re.findall(r"[\[\]{}]", text):
        depth = depth + 1 if bracket in "[{" else max(0, depth - 1)
        peak = max(peak, depth)
    for match in re.finditer(r"^(?:[ \t]*-(?=[ \t]))+", text, re.M):
        peak = max(peak, match.group().count("-"))
    return peak


def check_yaml_depth(text: str, *, path: str) -> None:
    """Raise LoadError when ``text`` nests deeper than ``MAX_YAML_DEPTH``."""
    if yaml_depth(text) > MAX_YAML_DEPTH:
        raise LoadError(f"invalid YAML: nested more than {MAX_YAML_DEPTH} levels deep",
                        path=path)


def yaml_problem(exc: Exception, text: str) -> tuple[str, int | None]:
    """One-line description of a PyYAML error on ``text`` and its 1-based line.

    A ``ReaderError`` (a control character) has no mark, only a character
    position, and its ``str`` spans several lines.
    """
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if mark is not None:
        line = mark.line + 1
    elif isinstance(getattr(exc, "position", None), int):
        line = text.count("\n", 0, exc.position) + 1
    else:
        line = None
    problem = getattr(exc, "problem", None) or getattr(exc, "reason", None) or str(exc).split("\n")[0]
    character = getattr(exc, "character", None)
    if isinstance(character, int):
        character = chr(character)
    if isinstance(character, str) and len(character) == 1 and not getattr(exc, "problem", None):
        problem = f"{problem} (U+{ord(character):04X})"
    return " ".join(str(problem).split()), line


def _from_yaml(text: str, path: str) -> _Val:
    import yaml

    check_yaml_depth(text, path=path)
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        node = yaml.compose(text, Loader=loader)
    except yaml.YAMLError as exc:
        problem, line = yaml_problem(exc, text)
        raise LoadError(f"invalid YAML: {problem}", path=path, line=line) from None
    except RecursionError:
        raise LoadError("invalid YAML: nested too deeply", path=path) from None
    if node is None:
        raise LoadError("no questions found (the YAML document is empty)", path=path)
    tree = _YamlTree(text, yaml)
    try:
        return tree.convert(node, 0)
    except _AliasBomb:
        raise LoadError(f"invalid YAML: aliases expand to more than {tree.budget} characters "
                        "(an alias bomb?)", path=path) from None


class _AliasBomb(Exception):
    """The aliases of a YAML text expand far beyond the text itself."""


class _YamlTree:
    """Node tree -> ``_Val`` tree, scalars resolved with the safe constructor."""

    def __init__(self, text: str, yaml) -> None:
        self.rows = text.split("\n")
        self.yaml = yaml
        self.constructor = yaml.SafeLoader("")
        # Aliases share nodes, so nine levels of nine ``*a`` references make a
        # billion values out of a few hundred bytes. Everything visited (one
        # per node, plus string lengths) is charged against a budget that a
        # text without aliases, or with a few reused paragraphs, cannot reach.
        self.budget = 4 * len(text) + 1_000_000
        self.spent = 0

    def convert(self, node, depth: int) -> _Val:
        yaml = self.yaml
        line = node.start_mark.line + 1
        self.spent += 1 + (len(node.value) if isinstance(node, yaml.ScalarNode) else 0)
        if self.spent > self.budget:
            raise _AliasBomb
        if depth > 50:
            return _Val(None, line)
        if isinstance(node, yaml.MappingNode):
            out: dict = {}
            for k, v in node.value:
                key = k.value if isinstance(k, yaml.ScalarNode) else None
                if key is not None and k.tag in (_STR, _INT):
                    out[str(key)] = self.convert(v, depth + 1)
            return _Val(out, line)
        if isinstance(node, yaml.SequenceNode):
            return _Val([self.convert(v, depth + 1) for v in node.value], line)
        if node.tag == _STR:
            return _Val(node.value, line, self._lines(node))
        try:
            value = self.constructor.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, TypeError, OverflowError):
            value = node.value
        return _Val(value, line)

    def _lines(self, node) -> tuple[int, ...]:
        """File line of each line of a string scalar.

        A literal block (``|``) keeps its lines one to one. Other styles fold
        lines, so each text line is looked up by its first words, searching
        forward from the previous one.
        """
        first, last = node.start_mark.line, node.end_mark.line
        text_rows = node.value.split("\n")
        if node.style == "|":
            return tuple(range(first + 2, first + 2 + len(text_rows)))
        if first == last:
            return (first + 1,) * len(text_rows)
        out: list[int] = []
        cursor = first + (1 if node.style == ">" else 0)
        stop = min(last + 1, len(self.rows))
        for row in text_rows:
            probe = row.strip()[:24]
            if probe:
                cursor = next((j for j in range(cursor, stop) if probe in self.rows[j]), cursor)
            out.append(cursor + 1)
        return tuple(out)
