"""Settings: defaults that work here, and development secrets that cannot reach production."""

import pytest
from pydantic import ValidationError

from gateway.config import GatewaySettings
from shared.settings import normalise_database_url, redact_url
from tickets.config import TicketsSettings


class TestSettings:
    def test_the_urls_people_paste_are_accepted(self) -> None:
        for url in ("postgres://u:p@h/db", "postgresql://u:p@h/db", "postgresql+asyncpg://u:p@h/db"):
            assert normalise_database_url(url) == "postgresql+asyncpg://u:p@h/db"

    def test_passwords_are_hidden_in_messages(self) -> None:
        assert redact_url("amqp://guest:s3cret@rabbit:5672/") == "amqp://guest:***@rabbit:5672/"
        assert redact_url("postgresql://postgres@127.0.0.1/x") == "postgresql://postgres@127.0.0.1/x"

    def test_production_refuses_the_development_keys(self) -> None:
        with pytest.raises(ValidationError, match="INTERNAL_JWT_PUBLIC_KEY"):
            TicketsSettings(environment="production")
        with pytest.raises(ValidationError, match="INTERNAL_JWT_"):
            GatewaySettings(environment="production")

    def test_the_gateway_port_comes_from_gateway_port(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv("GATEWAY_PORT", "9123")
        assert GatewaySettings().port == 9123
        assert GatewaySettings().secure_cookies is False
        assert GatewaySettings(public_url="https://support.example.org").secure_cookies is True
