"""Configuration: ``[tool.claimcheck]`` in pyproject.toml, or ``.claimcheck.toml``.

Found by walking up from the working directory; the first file that has a
claimcheck section wins. Paths in it are relative to that file. Unknown keys
and wrong types are errors that name the file and key.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .errors import ClaimcheckError


class Config(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    #: Extra rule folder replacing the packaged one (relative to the config file).
    rules_dir: str | None = Field(default=None, alias="rules")
    exclude: list[str] = []
    include: list[str] = []
    disable: list[str] = []
    severity: dict[str, str] = {}
    #: The file the values came from, for `claimcheck config`.
    source: str | None = None

    def describe(self) -> str:
        """The configuration as TOML-like text, with where it came from."""
        lines = [f"# from {self.source}" if self.source else "# no configuration file found; defaults"]
        lines.append(f"rules = {self.rules_dir!r}" if self.rules_dir else "rules = (packaged rule pack)")
        for key in ("exclude", "include", "disable"):
            lines.append(f"{key} = {getattr(self, key)!r}")
        lines.append(f"severity = {dict(sorted(self.severity.items()))!r}")
        return "\n".join(lines) + "\n"


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


def load_config(start: Path) -> Config:
    """The configuration in force for a run started in ``start``."""
    for folder in [start, *start.resolve().parents]:
        for name in (".claimcheck.toml", "pyproject.toml"):
            path = folder / name
            if not path.is_file():
                continue
            section = _section(path)
            if section is None:
                continue
            try:
                cfg = Config.model_validate(section)
            except ValidationError as exc:
                err = exc.errors()[0]
                key = ".".join(str(p) for p in err["loc"])
                raise ClaimcheckError(err["msg"], path=str(path), key=key) from None
            rules = cfg.rules_dir
            if rules and not Path(rules).is_absolute():
                rules = str((path.parent / rules).resolve())
            return cfg.model_copy(update={"rules_dir": rules, "source": str(path)})
    return Config()
