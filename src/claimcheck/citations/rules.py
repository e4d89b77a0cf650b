"""The citation rule files (``rules/citations/*.yaml``), validated when loaded.

Three files, one model each:

* ``templates.yaml``   -- one regex per written citation form, with how to
  normalise and link it (:class:`Template`);
* ``state_codes.yaml`` -- every state's code names and abbreviations, and the
  official URL of a section where one is known (:class:`StateRegistry`);
* ``acts.yaml``        -- named acts by name and acronym (:class:`ActRegistry`).

An invalid file raises :class:`~claimcheck.errors.RuleError` naming the file and
the key. Loading is cached per rules folder: the files are read once per process.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from claimcheck.errors import RuleError
from claimcheck.models import CitationStatus

KINDS = ("statute", "regulation", "public_law", "constitution", "bill", "executive_order",
         "ag_directive", "case", "named_act", "vague")


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


#: Placeholders a template regex may use; filled in from the registries.
PLACEHOLDERS = ("STATE", "ACT", "ACRONYM", "SUB")


def _check_regex(value: str | None) -> str | None:
    """Reject a regex that does not compile (placeholders stand in as ``x``)."""
    if value is not None:
        try:
            re.compile(re.sub(r"\{(?:" + "|".join(PLACEHOLDERS) + r")\}", "x", value))
        except re.error as exc:
            raise ValueError(f"invalid regex: {exc}") from None
    return value


# ----------------------------------------------------------------- templates.yaml


class Examples(_Strict):
    #: Text -> the normalised form it must produce.
    match: dict[str, str] = Field(min_length=1)
    #: Texts this template must not match.
    no_match: list[str] = Field(min_length=1)


class Template(_Strict):
    """One written form of a citation (see the header of templates.yaml)."""

    id: str
    kind: Literal[KINDS]  # type: ignore[valid-type]
    jurisdiction: str
    regex: str
    normalized: str
    url: str | None = None
    url_min: dict[str, int] = {}
    lookup: dict[str, dict[str, str]] = {}
    state_of: dict[str, dict[str, str]] = {}
    federal_if: dict[str, str] = {}
    strip_leading: dict[str, list[str]] = {}
    #: Look for a state's name just before the match ("Texas SB 4"): "optional"
    #: falls back to the document's state, "required" drops the match without one.
    state_before: Literal["optional", "required"] | None = None
    #: Pre-filter: run the regex only when the text contains one of these strings.
    requires: list[str] = []
    status: CitationStatus
    reason: str
    examples: Examples

    @field_validator("regex")
    @classmethod
    def _regex(cls, value: str) -> str:
        return _check_regex(value)

    @field_validator("jurisdiction")
    @classmethod
    def _jurisdiction(cls, value: str) -> str:
        if value in ("US", "state", "act") or re.fullmatch(r"[A-Z]{2}", value):
            return value
        raise ValueError('must be "US", "state", "act" or a postal code')


class TemplateFile(_Strict):
    templates: list[Template]


# --------------------------------------------------------------- state_codes.yaml


class StateCode(_Strict):
    """One code of a state: how it is written and where a section is published."""

    name: str
    short: str
    forms: list[str] = Field(min_length=1)
    #: Regex a section number must match in full (default: any code-like number).
    section: str | None = None
    #: Subject codes (California, Texas): slug -> written forms, Bluebook first.
    subjects: dict[str, list[str]] = {}
    url: str | None = None
    url_parts: str | None = None
    checked_against: str | None = None

    @field_validator("section", "url_parts")
    @classmethod
    def _regex(cls, value: str | None) -> str | None:
        return _check_regex(value)


class State(_Strict):
    name: str
    #: Bluebook abbreviation of the state's name ("Mont.").
    abbr: str
    codes: list[StateCode] = []


class StateRegistry(_Strict):
    states: dict[str, State]

    @field_validator("states")
    @classmethod
    def _postal(cls, value: dict[str, State]) -> dict[str, State]:
        for code in value:
            if not re.fullmatch(r"[A-Z]{2}", code):
                raise ValueError(f"{code!r} is not a two-letter postal code")
        return value


# ---------------------------------------------------------------------- acts.yaml


class Act(_Strict):
    """A named act: identification facts only, and the official page checked."""

    id: str
    name: str
    short: str
    aliases: list[str] = []
    acronyms: list[str] = []
    jurisdiction: str
    public_law: str | None = Field(default=None, pattern=r"^\d{2,3}-\d{1,3}$")
    code: str | None = None
    url: str = Field(pattern=r"^https://")


class ActRegistry(_Strict):
    acts: list[Act]


# ------------------------------------------------------------------------ loading


class CitationRules(_Strict):
    templates: tuple[Template, ...]
    states: dict[str, State]
    acts: tuple[Act, ...]


def rules_dir() -> Path:
    """The rules folder: the packaged copy in a wheel, else the repository's."""
    try:
        packaged = resources.files("claimcheck") / "rules"
        if packaged.is_dir():
            return Path(str(packaged))
    except (ModuleNotFoundError, TypeError):  # pragma: no cover - unusual installs
        pass
    return Path(__file__).resolve().parents[3] / "rules"


def load_model(path: Path, model: type[BaseModel]) -> BaseModel:
    """Read one YAML file into ``model``; any problem is a RuleError naming file and key."""
    try:
        # libyaml's loader reads the three files in ~15 ms; the pure-Python one in ~110.
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    except OSError as exc:
        raise RuleError(f"cannot read rule file: {exc.strerror}", path=str(path)) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise RuleError(f"invalid YAML: {getattr(exc, 'problem', exc)}", path=str(path),
                        line=mark.line + 1 if mark else None) from None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        key = ".".join(str(part) for part in error["loc"]) or None
        raise RuleError(error["msg"], path=str(path), key=key) from None


@lru_cache(maxsize=4)
def load_rules(folder: Path | None = None) -> CitationRules:
    """Load and cross-check the three citation rule files (cached per folder)."""
    base = (folder or rules_dir()) / "citations"
    templates = load_model(base / "templates.yaml", TemplateFile)
    states = load_model(base / "state_codes.yaml", StateRegistry)
    acts = load_model(base / "acts.yaml", ActRegistry)
    _check_unique([t.id for t in templates.templates], base / "templates.yaml", "templates")
    _check_unique([a.id for a in acts.acts], base / "acts.yaml", "acts")
    return CitationRules(templates=tuple(templates.templates), states=states.states,
                         acts=tuple(acts.acts))


def _check_unique(ids: list[str], path: Path, key: str) -> None:
    seen: set[str] = set()
    for index, ident in enumerate(ids):
        if ident in seen:
            raise RuleError(f"duplicate id {ident!r}", path=str(path), key=f"{key}.{index}.id")
        seen.add(ident)
