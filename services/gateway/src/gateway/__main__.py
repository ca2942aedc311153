from pathlib import Path

from gateway.config import SERVICE, GatewaySettings
from gateway.models import SCHEMA
from shared.runtime import run_cli


def main() -> None:
    from gateway.app import create_app

    run_cli(
        service=SERVICE,
        settings_factory=GatewaySettings,
        app_factory=create_app,
        migrations_dir=Path(__file__).parent / "migrations",
        schema=SCHEMA,
    )


if __name__ == "__main__":
    main()
