"""Which keys of a question/answer record hold what (records and qa.json)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, field_validator


class RecordKeys(BaseModel):
    """Key names for records; each field takes one name or several aliases.

    The first alias present in a record wins, so ``RecordKeys(question="q")``
    reads only ``q``, while the defaults accept the common spellings.
    """

    # defer_build: loading.__init__ imports this on every run, and only the
    # parsers use it; a scan served from the cache never builds its validator.
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    question: tuple[str, ...] = ("question", "q", "title", "name")
    answer: tuple[str, ...] = ("answer", "a", "body", "text")
    id: tuple[str, ...] = ("id", "number", "key")
    #: Keys of a top-level mapping under which the list of records may sit.
    container: tuple[str, ...] = ("faq", "faqs", "items", "questions", "entries")
    #: Keys whose value lists rule ids to suppress for the record.
    suppress: tuple[str, ...] = ("claimcheck-ignore", "claimcheck_ignore")

    @field_validator("question", "answer", "id", "container", "suppress", mode="before")
    @classmethod
    def _one_or_many(cls, value: object) -> object:
        if isinstance(value, str):
            return (value,)
        return value

    def first(self, record: dict, field: str) -> str | None:
        """The first key of ``field``'s aliases that ``record`` has, else None."""
        for name in getattr(self, field):
            if name in record:
                return name
        return None
