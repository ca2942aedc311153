"""Serving attachments so a browser can never be tricked into running one: the stored type, nosniff,
a download for everything but images, and a sandboxing CSP on top."""

from urllib.parse import quote

from fastapi.responses import StreamingResponse

from tickets.attachment.storage import Storage
from tickets.models import TicketAttachment


def download(storage: Storage, attachment: TicketAttachment) -> StreamingResponse:
    inline = attachment.mime_type in ("image/png", "image/jpeg")
    ascii_name = attachment.filename.encode("ascii", "replace").decode().replace("?", "_")
    disposition = "inline" if inline else "attachment"
    return StreamingResponse(
        storage.read(attachment.file_path),
        media_type=attachment.mime_type,
        headers={
            "Content-Disposition": f'{disposition}; filename="{ascii_name}"; '
            f"filename*=UTF-8''{quote(attachment.filename, safe='')}",
            "Content-Length": str(attachment.file_size_bytes),
            "X-Content-Type-Options": "nosniff",
            "Content-Security-Policy": "default-src 'none'; sandbox",
            "Cache-Control": "private, max-age=3600",
        },
    )
