from collections.abc import AsyncIterator

import pytest

from support.product import Product, running_product


@pytest.fixture(scope="module")
async def product() -> AsyncIterator[Product]:
    async with running_product() as started:
        yield started
