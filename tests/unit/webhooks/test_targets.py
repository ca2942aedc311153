"""Outbound webhooks cannot reach private addresses unless an admin allows it: at save time and at
connect time."""

import time

import httpx
import pytest
from httpx_secure import SSRFProtectionError
from standardwebhooks.webhooks import Webhook

from shared.problems import ValidationFailed
from webhooks.config import WebhooksSettings
from webhooks.delivery import signing
from webhooks.delivery.sender import make_client
from webhooks.endpoint.service import new_secret
from webhooks.endpoint.targets import check_target

PRIVATE = [
    "http://127.0.0.1/hook",
    "http://localhost:8080/hook",
    "http://10.0.0.5/hook",
    "http://192.168.1.10/hook",
    "http://169.254.169.254/latest/meta-data",
    "http://[::1]/hook",
    "http://[::ffff:127.0.0.1]/hook",
    "http://0.0.0.0/hook",
    "http://100.64.0.1/hook",
]


class TestSaveTimeCheck:
    @pytest.mark.parametrize("url", PRIVATE)
    async def test_private_and_loopback_targets_are_refused_by_default(self, url: str) -> None:
        with pytest.raises(ValidationFailed) as refused:
            await check_target(url, "custom", allow_private=False)
        assert refused.value.errors[0].field == "url"
        assert "WEBHOOKS_ALLOW_PRIVATE_TARGETS" in refused.value.errors[0].message

    @pytest.mark.parametrize("url", PRIVATE)
    async def test_an_admin_may_allow_them(self, url: str) -> None:
        assert await check_target(url, "custom", allow_private=True)

    async def test_a_public_address_is_accepted(self) -> None:
        assert await check_target("https://93.184.215.14/hook", "custom", allow_private=False)

    @pytest.mark.parametrize(
        ("url", "kind"),
        [
            ("https://example.com/api/webhooks/1/x", "discord"),
            ("https://hooks.example.com/services/T/B/X", "slack"),
            ("file:///etc/passwd", "custom"),
            ("https:///no-host", "custom"),
        ],
    )
    async def test_wrong_hosts_for_the_kind_and_odd_schemes_are_refused(self, url: str, kind: str) -> None:
        with pytest.raises(ValidationFailed):
            await check_target(url, kind, allow_private=False)


class TestConnectTimeCheck:
    async def test_the_delivery_client_refuses_to_connect_to_a_private_address(self) -> None:
        async with make_client(WebhooksSettings(webhooks_allow_private_targets=False)) as client:
            for url in ("http://127.0.0.1:9/x", "http://169.254.169.254/x", "http://[::ffff:127.0.0.1]:9/x"):
                with pytest.raises(SSRFProtectionError):
                    await client.post(url, content=b"{}")

    async def test_redirects_are_never_followed(self) -> None:
        async with make_client(WebhooksSettings(webhooks_allow_private_targets=True)) as client:
            assert client.follow_redirects is False
            assert isinstance(client, httpx.AsyncClient)


class TestSignature:
    def test_the_reference_library_verifies_our_signature(self) -> None:
        secret = new_secret()
        body = b'{"event":"ticket.created","ticket":{"title":"caf\xc3\xa9"}}'
        headers = signing.headers(secret, "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W", int(time.time()), body)
        Webhook(secret).verify(body, headers)  # raises if wrong

    def test_a_changed_body_fails_verification(self) -> None:
        from standardwebhooks.webhooks import WebhookVerificationError

        secret = new_secret()
        headers = signing.headers(secret, "msg_1", int(time.time()), b'{"a":1}')
        with pytest.raises(WebhookVerificationError):
            Webhook(secret).verify(b'{"a":2}', headers)
