"""Command-line interface (placeholder until the pipeline lands)."""


def main() -> None:  # pragma: no cover - replaced by the real CLI
    raise SystemExit("claimcheck: not built yet")
