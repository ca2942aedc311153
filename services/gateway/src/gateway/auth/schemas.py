import re
import uuid
from datetime import datetime
from typing import Annotated, Literal

from email_validator import EmailNotValidError, validate_email
from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from shared.text import StorableStr, storable

USERNAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{1,31}$")
PASSWORD_MIN = 10
PASSWORD_MAX = 1024
DISPLAY_NAME_MAX = 128


def _email(value: str) -> str:
    storable(value)
    try:
        return validate_email(value.strip(), check_deliverability=False).normalized
    except EmailNotValidError as exc:
        raise ValueError(str(exc)) from exc


def _username(value: str) -> str:
    value = value.strip()
    if not USERNAME_RE.fullmatch(value):
        raise ValueError(
            "must be 2 to 32 characters: letters, digits, '.', '_' or '-', starting with a letter or digit"
        )
    return value


def _password(value: str) -> str:
    storable(value)
    if len(value) < PASSWORD_MIN:
        raise ValueError(f"must be at least {PASSWORD_MIN} characters")
    if len(value) > PASSWORD_MAX:
        raise ValueError(f"must be at most {PASSWORD_MAX} characters")
    return value


def _display_name(value: str | None) -> str | None:
    if value is None:
        return None
    storable(value)
    value = " ".join(value.split())
    if len(value) > DISPLAY_NAME_MAX:
        raise ValueError(f"must be at most {DISPLAY_NAME_MAX} characters")
    return value or None


Email = Annotated[str, AfterValidator(_email)]
Username = Annotated[str, AfterValidator(_username)]
Password = Annotated[str, AfterValidator(_password)]
DisplayName = Annotated[str | None, AfterValidator(_display_name)]


class RegisterIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"email": "jo@example.com", "username": "jo", "password": "correct horse battery"}]
        },
    )

    email: Email
    username: Username
    password: Password
    display_name: DisplayName = None


class LoginIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: Annotated[StorableStr, Field(min_length=1, max_length=320)]
    password: Annotated[StorableStr, Field(min_length=1, max_length=PASSWORD_MAX)]


class TokenOut(BaseModel):
    access_token: str = Field(description="Send as `Authorization: Bearer <token>`.")
    token_type: Literal["bearer"] = "bearer"
    csrf_token: str = Field(
        description="Send as `X-CSRF-Token` on unsafe requests authenticated by the cookie."
    )
    expires_at: datetime


class UserOut(BaseModel):
    id: uuid.UUID
    email: str
    username: str
    display_name: str | None
    role: Literal["user", "admin"]
    created_at: datetime


class MeOut(UserOut):
    csrf_token: str | None = Field(
        None, description="The session's CSRF token, when signed in with the session cookie."
    )


class MeUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"display_name": "Jo Doe"}]})

    display_name: DisplayName = Field(None, description="Shown instead of the username; null clears it.")


class AccountDelete(BaseModel):
    model_config = ConfigDict(extra="forbid")

    current_password: Annotated[StorableStr | None, Field(max_length=PASSWORD_MAX)] = Field(
        None, description="Required when the account has a password."
    )
