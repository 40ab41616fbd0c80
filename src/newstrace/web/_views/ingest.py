"""POST /api/ingest: one uploaded page ingested into the served database (only with ``--allow-ingest``; the request
must come from this server's own pages, :func:`newstrace.web._ingest.write_refusal`)."""
from __future__ import annotations

import os
import tempfile

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ...store import Store
from .. import _ingest
from .._data import BadRequest
from .._site import Site

FORM_FIELDS = ("url", "outlet")


class IngestViews:
    def __init__(self, site: Site) -> None:
        self.site = site

    async def api_ingest(self, request: Request) -> Response:
        site = self.site
        refusal = _ingest.write_refusal(request.headers, request.scope, site.host, site.allowed)
        if refusal:
            raise HTTPException(403, f"ingest refused: {refusal}")
        too_large = f"upload larger than {_ingest.MAX_UPLOAD_BYTES // (1024 * 1024)} MiB"
        declared = request.headers.get("content-length") or ""
        if declared.isdigit() and int(declared) > _ingest.MAX_UPLOAD_BYTES:
            raise HTTPException(413, too_large)
        capped = Request(request.scope, _ingest.capped_receive(request.receive, _ingest.MAX_UPLOAD_BYTES))
        try:  # file parts are spooled to disk past 1 MiB by the form parser, never held whole in memory
            form = await capped.form(max_files=1, max_fields=10)
        except _ingest.UploadTooLarge:
            raise HTTPException(413, too_large) from None
        try:
            upload = form.get("file")
            if upload is None or isinstance(upload, str):
                raise BadRequest("file: upload a page as multipart form field 'file'")
            name = _ingest.upload_name(upload.filename)
            given = {k: form.get(k) for k in FORM_FIELDS if isinstance(form.get(k), str) and form.get(k)}
            return JSONResponse(await run_in_threadpool(self._ingest, upload.file, name, given))
        finally:
            await form.close()

    def _ingest(self, file, name: str, given: dict[str, str]) -> dict:
        """Save the upload under its own name in a temporary folder and ingest it, one writer at a time."""
        from ...pipeline import ingest

        with tempfile.TemporaryDirectory(prefix="newstrace-upload-") as tmp:
            path = os.path.join(tmp, name)
            ident = _ingest.save_upload(file, path)
            with self.site.write_lock, Store(self.site.db) as writer:
                summary = ingest([path], writer, **given)
        return {"ok": True, "article": ident, "new": summary.new, "already": summary.already,
                "rejected": [r.message() for r in summary.rejected]}


def routes(site: Site) -> list[Route]:
    """The ingest route, or none when the server is read-only (a POST there is then a 404 or 405)."""
    if not site.allow_ingest:
        return []
    return [Route("/api/ingest", IngestViews(site).api_ingest, methods=["POST"])]
