"""Realistic ticket data straight into PostgreSQL, in set-based batches: reporters and admins, tickets of
every type, status and age, public replies and internal notes, labels, and their status history."""

import asyncpg

WORDS = (
    "playback stutter buffering transcode transcoding ffmpeg subtitle subtitles sync audio video codec hevc "
    "h264 av1 4k hdr dolby atmos chrome firefox safari android ios tv roku appletv kodi library scan "
    "metadata artwork poster season episode movie music album artist track playlist book audiobook epub "
    "comic login password account user profile permission share remote network lan wan vpn proxy docker "
    "kubernetes nas synology unraid windows linux macos raspberry gpu nvidia intel quicksync vaapi cpu "
    "memory disk database sqlite postgres backup restore upgrade update version release crash freeze slow "
    "timeout error exception log trace stack dashboard settings plugin scheduler task notification email "
    "webhook discord slack api token mobile app web client server cast chromecast dlna live dvr tuner "
    "guide epg recording thumbnail preview trickplay chapter intro skip resume watched progress sort "
    "filter search collection tag genre rating parental adult language translation localization unicode"
).split()

TITLE_SQL = """
    initcap(w[1 + (abs(hashint4(g * 7 + 1)) % cardinality(w))]) || ' ' ||
    w[1 + (abs(hashint4(g * 7 + 2)) % cardinality(w))] || ' ' ||
    w[1 + (abs(hashint4(g * 7 + 3)) % cardinality(w))] || ' fails on ' ||
    w[1 + (abs(hashint4(g * 7 + 4)) % cardinality(w))] || ' ' || g
"""


async def setup_people(conn: asyncpg.Connection, reporters: int, admins: int) -> None:
    await conn.execute(
        """
        INSERT INTO tickets.users (id, username, role, disabled)
        SELECT ('00000000-0000-4000-8000-' || lpad(to_hex(g), 12, '0'))::uuid,
               CASE WHEN g <= $2::int THEN 'admin' ELSE 'user' END || g,
               CASE WHEN g <= $2::int THEN 'admin' ELSE 'user' END, false
        FROM generate_series(1, $1::int + $2::int) g
        ON CONFLICT DO NOTHING
        """,
        reporters,
        admins,
    )
    await conn.execute(
        """
        INSERT INTO tickets.ticket_labels (id, name, color, description)
        SELECT gen_random_uuid(), 'label-' || g, '#' || lpad(to_hex((g * 2654435) % 16777215), 6, '0'), NULL
        FROM generate_series(1, 20) g ON CONFLICT DO NOTHING
        """
    )


def person_id(n: int) -> str:
    return f"00000000-0000-4000-8000-{n:012x}"


async def add_tickets(
    conn: asyncpg.Connection, start: int, count: int, *, reporters: int, admins: int
) -> None:
    """Tickets ``start`` … ``start + count - 1``: about 80% closed, 5% resolved, 15% open or in progress,
    one a minute, with two comments on average (one in six internal) and labels on a third."""
    await conn.execute(
        f"""
        WITH w AS (SELECT $5::text[] AS w)
        INSERT INTO tickets.tickets (id, user_id, type, title, description, severity, category,
            status, priority, assigned_admin_id, metadata_json, version, created_at, updated_at,
            resolved_at, closed_at)
        SELECT
            ('10000000-0000-4000-8000-' || lpad(to_hex(g), 12, '0'))::uuid,
            ('00000000-0000-4000-8000-' || lpad(to_hex($4 + 1 + (abs(hashint4(g)) % $3)), 12, '0'))::uuid,
            t.type,
            {TITLE_SQL},
            'When I ' || w[1 + (abs(hashint4(g * 11)) % cardinality(w))] || ' the ' ||
                w[1 + (abs(hashint4(g * 13)) % cardinality(w))] || ' on ' ||
                w[1 + (abs(hashint4(g * 17)) % cardinality(w))] || ' it shows an error about ' ||
                w[1 + (abs(hashint4(g * 19)) % cardinality(w))] || ' and ' ||
                w[1 + (abs(hashint4(g * 23)) % cardinality(w))] || '. Steps: open the app, go to settings.',
            CASE WHEN t.type = 'bug'
                 THEN (ARRAY['critical','high','medium','low'])[1 + abs(hashint4(g * 3)) % 4] END,
            (ARRAY['movies','tv_shows','music','books','adult','other'])[1 + abs(hashint4(g * 5)) % 6],
            t.status,
            1 + abs(hashint4(g * 29)) % 5,
            CASE WHEN t.status = 'open' AND abs(hashint4(g * 31)) % 2 = 0 THEN NULL
                 ELSE ('00000000-0000-4000-8000-'
                       || lpad(to_hex(1 + abs(hashint4(g * 37)) % $4), 12, '0'))::uuid END,
            '{{}}'::jsonb, 1 + abs(hashint4(g * 41)) % 6,
            c.created, c.created + (abs(hashint4(g * 43)) % 86400 * 5) * interval '1 second',
            CASE WHEN t.status IN ('resolved') THEN c.created + interval '2 days' END,
            CASE WHEN t.status = 'closed' THEN c.created + interval '3 days' END
        FROM generate_series($1::int, $1::int + $2::int - 1) g, w,
            LATERAL (SELECT (ARRAY['bug','bug','feature','support'])[1 + abs(hashint4(g * 47)) % 4] AS type,
                CASE WHEN abs(hashint4(g * 53)) % 100 < 80 THEN 'closed'
                     WHEN abs(hashint4(g * 53)) % 100 < 85 THEN 'resolved'
                     WHEN abs(hashint4(g * 53)) % 100 < 92 THEN 'in_progress'
                     ELSE 'open' END AS status) t,
            -- One ticket a minute: the millionth is now, the first nearly two years ago.
            LATERAL (SELECT now() - interval '1 minute' * (1000000 - g) AS created) c
        """,
        start,
        count,
        reporters,
        admins,
        list(WORDS),
    )
    await conn.execute(
        """
        WITH w AS (SELECT $3::text[] AS w)
        INSERT INTO tickets.ticket_comments (id, ticket_id, user_id, comment, is_internal, created_at)
        SELECT gen_random_uuid(), t.id, CASE WHEN k = 1 THEN t.user_id ELSE t.assigned_admin_id END,
               'Tried again with ' || w[1 + abs(hashint4(g * 59 + k)) % cardinality(w)] || ' and ' ||
               w[1 + abs(hashint4(g * 61 + k)) % cardinality(w)] || ', same result.',
               k = 3, t.created_at + k * interval '1 hour'
        FROM generate_series($1::int, $1::int + $2::int - 1) g, w,
             LATERAL (SELECT * FROM tickets.tickets
                      WHERE id = ('10000000-0000-4000-8000-' || lpad(to_hex(g), 12, '0'))::uuid) t,
             generate_series(1, abs(hashint4(g * 67)) % 4) k
        """,
        start,
        count,
        list(WORDS),
    )
    await conn.execute(
        """
        INSERT INTO tickets.ticket_label_assignments (ticket_id, label_id)
        SELECT ('10000000-0000-4000-8000-' || lpad(to_hex(g), 12, '0'))::uuid, l.id
        FROM generate_series($1::int, $1::int + $2::int - 1) g
        JOIN LATERAL (SELECT id FROM tickets.ticket_labels ORDER BY name
                      OFFSET abs(hashint4(g * 71)) % 20 LIMIT 1 + abs(hashint4(g * 73)) % 2) l ON true
        WHERE abs(hashint4(g * 79)) % 3 = 0
        ON CONFLICT DO NOTHING
        """,
        start,
        count,
    )
    await conn.execute(
        """
        INSERT INTO tickets.ticket_status_history
            (id, ticket_id, old_status, new_status, changed_by_user_id, changed_at)
        SELECT gen_random_uuid(), t.id, NULL, 'open', t.user_id, t.created_at
        FROM tickets.tickets t
        WHERE t.id BETWEEN ('10000000-0000-4000-8000-' || lpad(to_hex($1::int), 12, '0'))::uuid
                       AND ('10000000-0000-4000-8000-' || lpad(to_hex($1::int + $2::int - 1), 12, '0'))::uuid
        """,
        start,
        count,
    )
    await conn.execute(
        """
        UPDATE tickets.tickets t SET search_vector =
            setweight(to_tsvector('english', t.title), 'A')
            || setweight(to_tsvector('english', t.description), 'B')
            || setweight(to_tsvector('english', coalesce((
                SELECT string_agg(c.comment, ' ') FROM tickets.ticket_comments c
                WHERE c.ticket_id = t.id AND NOT c.is_internal), '')), 'C')
        WHERE t.id BETWEEN ('10000000-0000-4000-8000-' || lpad(to_hex($1::int), 12, '0'))::uuid
                       AND ('10000000-0000-4000-8000-' || lpad(to_hex($1::int + $2::int - 1), 12, '0'))::uuid
        """,
        start,
        count,
    )
