"""Gateway settings read from the environment as an operator writes them."""

import pytest

from gateway.config import GatewaySettings
from gateway.ratelimit.rate import Rate


def test_rates_origins_and_proxies_come_from_plain_strings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RATE_LIMIT_TICKETS_PER_USER", "5/minute")
    monkeypatch.setenv("CORS_ORIGINS", "https://app.example/, https://b.example")
    monkeypatch.setenv("TRUSTED_PROXIES", "10.0.0.0/8,127.0.0.1")
    settings = GatewaySettings()
    assert settings.rate_limit_tickets_per_user == Rate(5, 60)
    assert settings.rate_limit_comments_per_user == Rate(60, 3600)
    assert settings.cors_origin_list == ["https://app.example", "https://b.example"]
    assert settings.trusted_proxy_list == ["10.0.0.0/8", "127.0.0.1"]
    assert settings.oidc_enabled is False


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("RATE_LIMIT_LOGIN_PER_ADDRESS", "lots", "is not a rate"),
        ("CORS_ORIGINS", "*", "must list origins"),
        ("OIDC_ISSUER", "https://id.example", "needs all three"),
    ],
)
def test_settings_that_cannot_work_are_refused_at_start(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, message: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ValueError, match=message):
        GatewaySettings()
