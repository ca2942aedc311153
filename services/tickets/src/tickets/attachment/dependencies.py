from typing import Annotated

from fastapi import Depends, Request

from tickets.attachment.service import Attachments


def get_attachments(request: Request) -> Attachments:
    attachments: Attachments = request.app.state.attachments
    return attachments


AttachmentsDep = Annotated[Attachments, Depends(get_attachments)]
