from pathlib import Path

from shared.runtime import run_cli
from webhooks.config import SERVICE, WebhooksSettings
from webhooks.models import SCHEMA


def main() -> None:
    from webhooks.app import create_app

    run_cli(
        service=SERVICE,
        settings_factory=WebhooksSettings,
        app_factory=create_app,
        migrations_dir=Path(__file__).parent / "migrations",
        schema=SCHEMA,
    )


if __name__ == "__main__":
    main()
