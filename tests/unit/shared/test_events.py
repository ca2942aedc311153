"""Events are types: every message is validated through one discriminated union."""

import json

import pytest

from shared.events import TicketCommented, TicketCreated, UnknownEvent, UserCreated, parse_event
from support.events import ticket_commented, ticket_created, ticket_state, user_created


class TestParseEvent:
    def test_each_type_comes_back_as_its_own_class(self) -> None:
        user = user_created()
        ticket = ticket_state(user.data)
        for event, kind in (
            (user, UserCreated),
            (ticket_created(ticket), TicketCreated),
            (ticket_commented(ticket, user.data, "hi", internal=True), TicketCommented),
        ):
            parsed = parse_event(json.dumps(event.to_json_dict()).encode())
            assert isinstance(parsed, kind)
            assert parsed == event

    def test_the_envelope_is_cloudevents_1_0(self) -> None:
        body = ticket_created(ticket_state(None)).to_json_dict()
        assert body["specversion"] == "1.0"
        assert {"id", "source", "type", "time", "subject", "dataschema", "data"} <= body.keys()
        assert body["dataschema"] == "urn:revenge-support:event:ticket.created:v1"

    @pytest.mark.parametrize(
        "raw",
        [
            b"not json",
            b'{"type": "ticket.exploded", "source": "x", "data": {}}',
            b'{"type": "ticket.created", "source": "tickets", "data": {"ticket": {}}}',
        ],
    )
    def test_unknown_or_malformed_events_raise_unknown_event(self, raw: bytes) -> None:
        with pytest.raises(UnknownEvent):
            parse_event(raw)
