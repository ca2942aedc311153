"""Login slow-down: after a few failures for one account (or many from one address) further attempts
are refused for a while, doubling with each further failure, without checking the password at all.

The account key is the email as typed, known or not, so the slow-down says nothing about which emails
have accounts. A success clears the account's failures; the address's decay with their window.
"""

from gateway.config import GatewaySettings
from gateway.ratelimit.limiter import Limiter, subject_key, too_many

DETAIL = "Too many failed sign-ins."


class LoginThrottle:
    def __init__(self, limiter: Limiter) -> None:
        self.limiter = limiter
        self.settings: GatewaySettings = limiter.settings

    def _keys(self, email: str, address: str) -> tuple[str, str]:
        prefix = f"{self.limiter.prefix}login:"
        return f"{prefix}account:{subject_key(email)}", f"{prefix}address:{address}"

    async def check(self, email: str, address: str) -> None:
        backend = self.limiter.backend
        for key in self._keys(email, address):
            wait = await self.limiter.safely(backend.locked_for(key), 0.0)
            if wait > 0:
                raise too_many(wait, DETAIL)

    async def failed(self, email: str, address: str) -> None:
        s = self.settings
        account, by_address = self._keys(email, address)
        for key, threshold in (
            (account, s.login_failures_per_account),
            (by_address, s.login_failures_per_address),
        ):
            count = await self.limiter.safely(
                self.limiter.backend.add_failure(key, s.login_failure_window_seconds), 0
            )
            if count >= threshold:
                delay = min(s.login_delay_max_seconds, s.login_delay_seconds * 2 ** (count - threshold))
                await self.limiter.safely(self.limiter.backend.lock(key, delay), None)

    async def succeeded(self, email: str, address: str) -> None:
        account, _ = self._keys(email, address)
        await self.limiter.safely(self.limiter.backend.clear(account), None)
