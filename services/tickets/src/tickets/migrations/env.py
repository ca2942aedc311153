from shared.migrations import run_env
from tickets.models import Base

run_env(Base.metadata)
