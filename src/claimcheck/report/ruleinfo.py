"""What a renderer may say about a rule (SARIF ``rules``, report legends).

The rule pack owns the rules; the pipeline turns each into a ``RuleInfo`` and
hands the mapping to renderers that describe rules. Renderers fall back to
``default_rule_info`` for a rule the mapping does not cover.
"""

from __future__ import annotations

from claimcheck.models import Frozen, Severity

_KIND_DESCRIPTIONS = {
    "contradiction": "Two answers state a fact and its negation.",
    "tension": "Two answers cannot both hold once a rule's implication is applied.",
    "certainty": "One answer states as fact what another only hedges.",
}


class RuleInfo(Frozen):
    """One rule as documentation: id, name and the text a user reads."""

    #: Permanent rule id ("agreement-existence").
    id: str
    #: Short PascalCase name (SARIF ``name``); derived from the id when empty.
    name: str = ""
    #: One sentence: what the rule reports.
    description: str
    #: Longer guidance: why it matters and how to fix it. Defaults to the description.
    help: str = ""
    #: contradiction, tension, certainty (when the rule always yields one kind).
    kind: str | None = None
    severity: Severity | None = None
    help_uri: str | None = None

    @property
    def display_name(self) -> str:
        """``name``, or the id in PascalCase (``agreement-existence`` -> ``AgreementExistence``)."""
        if self.name:
            return self.name
        parts = self.id.replace("_", "-").replace(".", "-").split("-")
        return "".join(part[:1].upper() + part[1:] for part in parts if part)

    @property
    def help_text(self) -> str:
        return self.help or self.description


def default_rule_info(rule_id: str, kind: str | None = None) -> RuleInfo:
    """A description built from the finding kind, for rules nobody described."""
    description = _KIND_DESCRIPTIONS.get(kind or "", "Two answers are inconsistent.")
    return RuleInfo(id=rule_id, description=description, kind=kind)


class PredicateInfo(Frozen):
    """How a report words a claim of one predicate (from its file in ``rules/predicates``)."""

    id: str
    #: What an affirmed claim says: "an agreement with {counterpart} exists".
    label: str
    #: What a negated claim says: "no agreement with {counterpart} exists".
    negated_label: str
