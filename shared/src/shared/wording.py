"""How ticket facts read to people (in mail, chat messages and the UI): one wording for every channel."""

TYPE_LABELS = {"bug": "Bug report", "feature": "Feature request", "support": "Support question"}
STATUS_LABELS = {"open": "Open", "in_progress": "In progress", "resolved": "Resolved", "closed": "Closed"}
PRIORITY_NAMES = {1: "Critical", 2: "High", 3: "Medium", 4: "Low", 5: "Lowest"}


def type_label(kind: str) -> str:
    return TYPE_LABELS.get(kind, kind)


def status_label(status: str) -> str:
    return STATUS_LABELS.get(status, status)


def priority_label(priority: int) -> str:
    """``P3 Medium``, as the web UI's badge reads."""
    name = PRIORITY_NAMES.get(priority)
    return f"P{priority} {name}" if name else f"P{priority}"
