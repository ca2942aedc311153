from pathlib import Path

from shared.runtime import run_cli
from tickets.config import SERVICE, TicketsSettings
from tickets.models import SCHEMA


def main() -> None:
    from tickets.app import create_app

    run_cli(
        service=SERVICE,
        settings_factory=TicketsSettings,
        app_factory=create_app,
        migrations_dir=Path(__file__).parent / "migrations",
        schema=SCHEMA,
    )


if __name__ == "__main__":
    main()
