"""The rate-limit backends behave alike: the in-process one and the Redis one (the real server)."""

import secrets
from collections.abc import AsyncIterator

import pytest

from gateway.config import GatewaySettings
from gateway.ratelimit.backend import Backend
from gateway.ratelimit.limiter import Limiter, subject_key
from gateway.ratelimit.login import LoginThrottle
from gateway.ratelimit.memory import MemoryBackend
from gateway.ratelimit.rate import Rate
from gateway.ratelimit.redis import RedisBackend
from shared.problems import TooManyRequests

REDIS_URL = "redis://127.0.0.1:6379/0"


@pytest.fixture(params=["memory", "redis"])
async def backend(request: pytest.FixtureRequest) -> AsyncIterator[Backend]:
    made: Backend = MemoryBackend() if request.param == "memory" else RedisBackend(REDIS_URL)
    yield made
    await made.close()


def key() -> str:
    return f"test-{secrets.token_hex(6)}"


class TestRate:
    @pytest.mark.parametrize(
        ("text", "rate"),
        [
            ("10/minute", Rate(10, 60)),
            ("60/hour", Rate(60, 3600)),
            ("5/30s", Rate(5, 30)),
            ("1 / Days", Rate(1, 86400)),
        ],
    )
    def test_rates_are_read_as_people_write_them(self, text: str, rate: Rate) -> None:
        assert Rate.parse(text) == rate

    @pytest.mark.parametrize("text", ["10", "ten/minute", "0/minute", "5/0s", "5/fortnight"])
    def test_nonsense_is_refused(self, text: str) -> None:
        with pytest.raises(ValueError, match="is not a rate"):
            Rate.parse(text)


class TestBackends:
    async def test_a_burst_up_to_the_limit_passes_then_the_wait_is_one_interval(
        self, backend: Backend
    ) -> None:
        subject, rate = key(), Rate(3, 60)
        assert [await backend.hit(subject, rate) for _ in range(3)] == [0.0, 0.0, 0.0]
        wait = await backend.hit(subject, rate)
        assert 19.0 < wait <= 20.0  # one request per 20 s refills
        assert await backend.hit(key(), rate) == 0.0  # another subject has its own allowance

    async def test_failures_count_within_their_window(self, backend: Backend) -> None:
        subject = key()
        assert [await backend.add_failure(subject, 60) for _ in range(3)] == [1, 2, 3]
        await backend.clear(subject)
        assert await backend.add_failure(subject, 60) == 1

    async def test_a_lock_holds_for_its_time_and_clearing_lifts_it(self, backend: Backend) -> None:
        subject = key()
        assert await backend.locked_for(subject) == 0.0
        await backend.lock(subject, 30)
        assert 29.0 < await backend.locked_for(subject) <= 30.0
        await backend.clear(subject)
        assert await backend.locked_for(subject) == 0.0


class TestLoginThrottle:
    async def test_each_further_failure_doubles_the_lock_up_to_the_cap(self) -> None:
        settings = GatewaySettings(
            login_failures_per_account=3,
            login_failures_per_address=1000,
            login_delay_seconds=10.0,
            login_delay_max_seconds=35.0,
        )
        backend = MemoryBackend()
        throttle = LoginThrottle(Limiter(backend, settings))
        account_key = f"{settings.redis_key_prefix}login:account:{subject_key('Jo@Example.com')}"
        locks = []
        for _ in range(5):
            await throttle.failed("jo@example.com ", "10.0.0.1")
            locks.append(round(await backend.locked_for(account_key)))
        assert locks == [0, 0, 10, 20, 35]
        with pytest.raises(TooManyRequests) as refused:
            await throttle.check("JO@example.com", "10.0.0.9")  # the same account, typed differently
        assert refused.value.headers["Retry-After"] == "35"
        await throttle.succeeded("jo@example.com", "10.0.0.1")
        await throttle.check("jo@example.com", "10.0.0.9")
