"""Configuration: ``[tool.claimcheck]`` in pyproject.toml, or ``.claimcheck.toml``.

Found by walking up from the working directory; the first file that has a
claimcheck section wins (``.claimcheck.toml`` before ``pyproject.toml`` in the
same folder). Paths in it (``rules``, ``cache_dir``, ``corpus``) are relative
to that file. Keys may be written with ``-`` or ``_`` (``cache-dir``). Unknown
keys and wrong types are errors that name the file and key.

    [tool.claimcheck]
    rules = "house-rules"          # a rule folder replacing the packaged one
    include = ["faq/**/*.md"]      # walked files to check (default: by extension)
    exclude = ["drafts/", "*.bak.md"]
    enable = ["CC101", "CC110"]    # report only these rules (default: all)
    disable = ["CC102"]
    severity = { CC102 = "warning" }
    cache_dir = ".claimcheck_cache"
    corpus = ["faq"]               # context for hooks given a few changed files
    jobs = 1
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .errors import ClaimcheckError

#: Keys of the file, in the order ``claimcheck config`` shows them.
KEYS = ("rules", "extra_rules", "include", "exclude", "enable", "disable", "severity", "cache_dir", "corpus", "jobs")


class Config(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    #: Rule folder replacing the packaged one (relative to the config file).
    rules_dir: str | None = Field(default=None, alias="rules")
    #: Rule folders that add entities, predicates and relation rules to the pack.
    extra_rules: list[str] = []
    exclude: list[str] = []
    include: list[str] = []
    #: Rules to report (ids, names or aliases); empty means all.
    enable: list[str] = []
    disable: list[str] = []
    severity: dict[str, str] = {}
    #: Cache folder; default ``.claimcheck_cache`` next to the config file.
    cache_dir: str | None = None
    #: Files or folders loaded as context for every scan.
    corpus: list[str] = []
    #: Worker processes (1: none; 0: one per CPU).
    jobs: int = Field(default=1, ge=0)
    #: The file the values came from, for `claimcheck config`.
    source: str | None = None

    def resolved_cache_dir(self, cwd: Path) -> str:
        """The cache folder in force: the configured one, else next to the config file or in ``cwd``."""
        if self.cache_dir:
            return self.cache_dir
        from .cache import DEFAULT_DIR

        base = Path(self.source).parent if self.source else cwd
        return str(base / DEFAULT_DIR)

    def describe(self, cwd: Path | None = None) -> str:
        """The configuration as TOML, with where it came from."""
        cwd = cwd or Path.cwd()
        lines = [f"# from {self.source}" if self.source else "# no configuration file found; defaults"]
        lines.append(f"rules = {_toml(self.rules_dir)}" if self.rules_dir else "# rules: the packaged rule pack")
        lines.append(f"extra_rules = {_toml(self.extra_rules)}")
        for key in ("include", "exclude", "enable", "disable"):
            lines.append(f"{key} = {_toml(getattr(self, key))}")
        lines.append(f"severity = {_toml(dict(sorted(self.severity.items())))}")
        lines.append(f"cache_dir = {_toml(self.resolved_cache_dir(cwd))}")
        lines.append(f"corpus = {_toml(self.corpus)}")
        lines.append(f"jobs = {self.jobs}")
        return "\n".join(lines) + "\n"


def _toml(value: object) -> str:
    """A TOML literal for the simple values a config holds."""
    import json

    if isinstance(value, dict):
        return "{ " + ", ".join(f"{json.dumps(k)} = {_toml(v)}" for k, v in value.items()) + " }" if value else "{}"
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return json.dumps(value)


def _section(path: Path) -> dict | None:
    import tomllib

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ClaimcheckError(f"cannot read configuration: {exc}", path=str(path)) from None
    except tomllib.TOMLDecodeError as exc:
        raise ClaimcheckError(f"invalid TOML: {exc}", path=str(path)) from None
    if path.name == "pyproject.toml":
        return data.get("tool", {}).get("claimcheck")
    return data.get("tool", {}).get("claimcheck", data)


def find_config(start: Path) -> Path | None:
    """The configuration file in force for ``start``: the nearest one with a claimcheck section."""
    found = _find(start)
    return found[0] if found else None


def _find(start: Path) -> tuple[Path, Any] | None:
    """The configuration file in force for ``start`` and its claimcheck section, as parsed."""
    for folder in [start, *start.resolve().parents]:
        for name in (".claimcheck.toml", "pyproject.toml"):
            path = folder / name
            if path.is_file():
                section = _section(path)
                if section is not None:
                    return path, section
    return None


def load_config(start: Path) -> Config:
    """The configuration in force for a run started in ``start``."""
    found = _find(start)  # the section as found, not the file parsed a second time
    if found is None:
        return Config()
    path, section = found
    section = section or {}
    if not isinstance(section, dict):
        raise ClaimcheckError("the claimcheck section must be a table", path=str(path))
    section = {str(k).replace("-", "_"): v for k, v in section.items()}
    if "rules_dir" in section:  # the file's key is "rules"; do not accept the attribute name too
        raise ClaimcheckError("unknown key; the rule folder key is 'rules'", path=str(path), key="rules_dir")
    if "source" in section:
        raise ClaimcheckError("unknown key", path=str(path), key="source")
    try:
        cfg = Config.model_validate(section)
    except ValidationError as exc:
        err = exc.errors()[0]
        key = ".".join(str(p) for p in err["loc"])
        raise ClaimcheckError(err["msg"], path=str(path), key=key) from None

    def here(value: str) -> str:
        return value if Path(value).is_absolute() else str((path.parent / value).resolve())

    return cfg.model_copy(update={
        "rules_dir": here(cfg.rules_dir) if cfg.rules_dir else None,
        "extra_rules": [here(x) for x in cfg.extra_rules],
        "cache_dir": here(cfg.cache_dir) if cfg.cache_dir else None,
        "corpus": [here(c) for c in cfg.corpus],
        "source": str(path),
    })
