from pathlib import Path

from notifier.config import SERVICE, NotifierSettings
from notifier.models import SCHEMA
from shared.runtime import run_cli


def main() -> None:
    from notifier.app import create_app

    run_cli(
        service=SERVICE,
        settings_factory=NotifierSettings,
        app_factory=create_app,
        migrations_dir=Path(__file__).parent / "migrations",
        schema=SCHEMA,
    )


if __name__ == "__main__":
    main()
