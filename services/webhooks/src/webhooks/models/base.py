from sqlalchemy.orm import DeclarativeBase

from shared.db import schema_metadata

SCHEMA = "webhooks"


class Base(DeclarativeBase):
    metadata = schema_metadata(SCHEMA)
