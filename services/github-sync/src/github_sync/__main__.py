from pathlib import Path

from github_sync.config import SERVICE, GitHubSyncSettings
from github_sync.models import SCHEMA
from shared.runtime import run_cli


def main() -> None:
    from github_sync.app import create_app

    run_cli(
        service=SERVICE,
        settings_factory=GitHubSyncSettings,
        app_factory=create_app,
        migrations_dir=Path(__file__).parent / "migrations",
        schema=SCHEMA,
    )


if __name__ == "__main__":
    main()
