"""The ORM models and the migrations describe the same tables: a model change without a migration (or
the other way round) fails here, not in production."""

import importlib

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import MetaData
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine

from devtools.stack import SERVICES


@pytest.mark.parametrize("spec", SERVICES, ids=lambda s: s.name)
async def test_models_match_the_migrated_schema(database_url: str, spec: object) -> None:
    module = importlib.import_module(f"{spec.module}.models")  # type: ignore[attr-defined]
    metadata: MetaData = module.Base.metadata
    schema = spec.schema  # type: ignore[attr-defined]

    def diff(connection: Connection) -> list[object]:
        context = MigrationContext.configure(
            connection,
            opts={
                "compare_type": True,
                "include_schemas": True,
                "include_name": lambda name, type_, _: type_ != "schema" or name == schema,
                "version_table_schema": schema,
            },
        )
        return list(compare_metadata(context, metadata))

    engine = create_async_engine(database_url)
    try:
        async with engine.connect() as connection:
            differences = await connection.run_sync(diff)
    finally:
        await engine.dispose()
    assert differences == []
