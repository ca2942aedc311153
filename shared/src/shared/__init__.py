"""Code every Revenge Support service shares: event schemas, settings, telemetry, outbox and inbox."""
