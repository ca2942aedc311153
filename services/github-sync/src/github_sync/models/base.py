from sqlalchemy.orm import DeclarativeBase

from shared.db import schema_metadata

SCHEMA = "github_sync"


class Base(DeclarativeBase):
    metadata = schema_metadata(SCHEMA)
