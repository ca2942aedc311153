from pydantic import BaseModel, ConfigDict, Field

from notifier.preference.kinds import Audience


class EmailPreference(BaseModel):
    kind: str
    description: str
    audience: Audience
    enabled: bool


class Preferences(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "email": [
                        {
                            "kind": "replies",
                            "description": "Replies on your tickets",
                            "audience": "everyone",
                            "enabled": True,
                        }
                    ]
                }
            ]
        }
    )

    email: list[EmailPreference]


class PreferencesUpdate(BaseModel):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"email": {"status_changes": False}}]}
    )

    email: dict[str, bool] = Field(description="Kinds of mail to turn on (true) or off (false).")
