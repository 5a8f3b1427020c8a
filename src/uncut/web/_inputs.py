"""What a check request carries, and how it becomes documents.

Two ways in, one way on: a JSON body (:class:`CheckRequest`) or a form (multipart or
url-encoded, from the page or ``curl -F``) is read into a :class:`CheckInput`, whose
texts become :class:`~uncut.model.Document` objects the way ``uncut check`` makes them
from files: the format from the name's extension (:data:`uncut.ingest.FORMATS`), text
through :func:`uncut.ingest.parse_text`, uploaded bytes through
:func:`uncut.ingest.decode_bytes` first (a PDF through its text layer). Names are only
labels: nothing sent over the web is ever opened as a path on the server.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError
from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request

from uncut.checker import DEFAULT_CONTEXT
from uncut.model import Document
from uncut.web._errors import WebError

__all__ = [
    "MAX_CONTEXT",
    "MAX_NAME_CHARS",
    "MAX_SOURCES",
    "CheckInput",
    "CheckRequest",
    "NamedInput",
    "SourceText",
    "check_input_from_form",
    "check_input_from_json",
    "documents",
    "read_check_input",
    "validation_messages",
]

MAX_SOURCES = 100
"""Sources in one request at most (pasted, uploaded and archive documents together)."""

MAX_CONTEXT = 50
"""Largest ``context`` (whole sentences each side), as ``uncut check --context`` allows."""

MAX_NAME_CHARS = 255
"""Longest name of a clip or source, in characters (a file name's usual limit)."""

DEFAULT_CLIP_NAME = "clip.txt"
"""The clip's name when none is given: plain text, one quote per line or paragraph."""

_SURROGATE = re.compile("[\ud800-\udfff]")


def _valid_unicode(value: str) -> str:
    """Refuse a lone surrogate (JSON ``"\\ud800"``): it is not text and cannot be shown."""
    if _SURROGATE.search(value):
        raise ValueError("holds an unpaired surrogate code point, which is not valid text")
    return value


Text = Annotated[str, AfterValidator(_valid_unicode)]
Name = Annotated[
    str,
    Field(min_length=1, max_length=MAX_NAME_CHARS,
          description="A label with a file extension telling the format (.txt .md "
                      ".html .srt .vtt .pdf .json; none means .txt). Never opened as a "
                      "path."),
    AfterValidator(_valid_unicode),
]


class SourceText(BaseModel):
    """One source sent as text: a name (its extension tells the format) and the text."""

    model_config = ConfigDict(extra="forbid")

    name: Name
    text: Text = Field(description="The source's full text.")


class CheckRequest(BaseModel):
    """The JSON body of ``POST /api/check``.

    ``clip`` and ``sources`` are what ``uncut check CLIP --source ...`` reads from files;
    ``context`` is ``--context``. ``archive_ids`` and ``search_archive`` take sources from
    the archive the server was started with (``uncut serve --db``).
    """

    model_config = ConfigDict(extra="forbid")

    clip: Text = Field(description="The clip: one quote per line, or per paragraph.")
    clip_name: Name = DEFAULT_CLIP_NAME
    sources: list[SourceText] = Field(max_length=MAX_SOURCES,
                                      description="The full record: one or more sources.")
    context: int = Field(DEFAULT_CONTEXT, ge=0, le=MAX_CONTEXT,
                         description="Whole sentences of context before and after each quote.")
    archive_ids: list[Annotated[str, Field(min_length=1, max_length=MAX_NAME_CHARS)]] = Field(
        default_factory=list, max_length=MAX_SOURCES,
        description="Archive documents (doc_id from /api/find) to use as sources too.")
    search_archive: bool = Field(
        False, description="Let the archive choose the documents to check against too.")


@dataclass(frozen=True, slots=True)
class NamedInput:
    """A clip or source as received: a name and either text or uploaded bytes."""

    name: str
    text: str | None = None
    data: bytes | None = None


@dataclass(slots=True)
class CheckInput:
    """One check request, whichever way it came in.

    Attributes:
        clip: the clip.
        sources: the sources sent with the request, in order.
        context: whole sentences of context each side (0..50).
        archive_ids: archive documents to add as sources.
        search_archive: let the archive choose sources for the clip.
    """

    clip: NamedInput
    sources: list[NamedInput] = field(default_factory=list)
    context: int = DEFAULT_CONTEXT
    archive_ids: list[str] = field(default_factory=list)
    search_archive: bool = False


def validation_messages(exc: ValidationError) -> list[str]:
    """One line per invalid field, ``"sources.0.name: String should have ..."``.

    The offending input is never echoed (it may be megabytes, or not printable).
    """
    lines = []
    for err in exc.errors(include_input=False, include_url=False):
        where = ".".join(str(p) for p in err["loc"])
        lines.append(f"{where}: {err['msg']}" if where else str(err["msg"]))
    return lines


def check_input_from_json(body: bytes) -> CheckInput:
    """Read a JSON body into a :class:`CheckInput`.

    Raises:
        WebError: 400 when the body is not JSON, 422 when it does not fit
            :class:`CheckRequest`.
    """
    body = body.removeprefix(b"\xef\xbb\xbf")  # a UTF-8 byte order mark (RFC 8259 §8.1)
    try:
        request = CheckRequest.model_validate_json(body)
    except ValidationError as e:
        if any(err["type"] == "json_invalid" for err in e.errors()):
            raise WebError(400, "the request body is not valid JSON") from e
        problems = validation_messages(e)
        raise WebError(422, f"invalid request: {'; '.join(problems[:5])}", problems) from e
    return CheckInput(
        clip=NamedInput(_label(request.clip_name), text=request.clip),
        sources=[NamedInput(_label(s.name), text=s.text) for s in request.sources],
        context=request.context,
        archive_ids=list(request.archive_ids),
        search_archive=request.search_archive,
    )


async def check_input_from_form(form: FormData) -> CheckInput:
    """Read a form (the page's, or a multipart upload to the API) into a CheckInput.

    Fields (all optional but a clip and a source): ``clip`` (text or file), ``clip_file``
    (file; wins over ``clip`` text when given), ``clip_name``, ``source`` (files or texts,
    repeated), ``source_name`` + ``source_text`` (pairs, repeated; a pair with empty text
    is skipped), ``context``, ``archive_id`` (repeated), ``search_archive`` (any value
    but "", "0", "false", "off" means yes).

    Raises:
        WebError: 422 naming the field that is missing or invalid.
    """
    clip: NamedInput | None = None
    clip_name = _form_text(form, "clip_name") or DEFAULT_CLIP_NAME
    for key in ("clip_file", "clip"):
        for value in form.getlist(key):
            item = await _named(value, clip_name)
            if item is not None and clip is None:
                clip = item
    if clip is None:
        raise WebError(422, "no clip: paste the quotes or upload the clip file",
                       ["clip: field required"])

    sources: list[NamedInput] = []
    names = [v if isinstance(v, str) else "" for v in form.getlist("source_name")]
    texts = form.getlist("source_text")
    for k, text in enumerate(texts):
        name = names[k] if k < len(names) else ""
        if isinstance(text, str) and text.strip():
            sources.append(NamedInput(_label(name.strip() or f"source-{k + 1}.txt"),
                                      text=_checked_text(text, "source_text")))
    for k, value in enumerate(form.getlist("source")):
        item = await _named(value, f"source-{k + 1}.txt")
        if item is not None:
            sources.append(item)
    if len(sources) > MAX_SOURCES:
        raise WebError(422, f"{len(sources)} sources, over the limit of {MAX_SOURCES}")

    return CheckInput(
        clip=clip,
        sources=sources,
        context=_context(_form_text(form, "context")),
        archive_ids=[v for v in form.getlist("archive_id") if isinstance(v, str) and v][
            :MAX_SOURCES],
        search_archive=_form_text(form, "search_archive").lower() not in
        ("", "0", "false", "off", "no"),
    )


def documents(request: CheckInput) -> tuple[Document, list[Document]]:
    """Make the clip and source documents, as ``uncut check`` makes them from files.

    The clip's id is ``clip``; sources get their names without directory or extension,
    made unique with ``-2``, ``-3`` as ``uncut check`` does.

    Returns:
        ``(clip, sources)``.

    Raises:
        WebError: 415 for a name whose extension is not a format uncut reads (or a PDF
            sent as text).
        SourceError, FormatError: a text is empty, binary, undecodable or broken for its
            format; the message names it.
    """
    from uncut.checker import _unique_ids

    clip = _document(request.clip, "clip")
    ids = _unique_ids([s.name for s in request.sources])
    return clip, [_document(s, i) for s, i in zip(request.sources, ids, strict=True)]


def _document(item: NamedInput, doc_id: str) -> Document:
    from uncut.ingest import decode_bytes, parse_text

    fmt = _format(item.name)
    if item.data is not None:
        if fmt == "pdf":
            from uncut.ingest._pdf import parse_pdf

            return parse_pdf(item.data, path=item.name, doc_id=doc_id)
        text = decode_bytes(item.data, path=item.name)
    else:
        if fmt == "pdf":
            raise WebError(415, f"{item.name}: a PDF has to be uploaded as a file, not as text")
        text = item.text or ""
    return parse_text(text, fmt=fmt, path=item.name, doc_id=doc_id)


def _format(name: str) -> str:
    """The format for a name's extension; plain text when it has none."""
    from uncut.ingest import FORMATS, TEXT_EXTENSIONS

    ext = os.path.splitext(name)[1].lower()
    if not ext:
        return "txt"
    if ext not in FORMATS:
        # The words of ``uncut check``'s error for the same file name.
        raise WebError(415, f"{name}: unknown format '{ext}' (expected one of {TEXT_EXTENSIONS})")
    return FORMATS[ext]


def _label(name: str) -> str:
    """A name as a label: its last path component, control characters dropped."""
    base = re.split(r"[/\\]", name.strip())[-1]
    base = "".join(ch for ch in base if ch.isprintable())[:MAX_NAME_CHARS]
    return base or "text.txt"


async def _named(value: Any, default_name: str) -> NamedInput | None:
    """A form value as a NamedInput; None for an empty file input or empty text."""
    if isinstance(value, UploadFile):
        data = await value.read()
        if not value.filename and not data:
            return None
        return NamedInput(_label(value.filename or default_name), data=data)
    if isinstance(value, str) and value.strip():
        return NamedInput(_label(default_name), text=_checked_text(value, "text"))
    return None


def _checked_text(value: str, field_name: str) -> str:
    try:
        return _valid_unicode(value)
    except ValueError as e:
        raise WebError(422, f"{field_name}: {e}") from e


def _form_text(form: FormData, key: str) -> str:
    value = form.get(key)
    return value.strip() if isinstance(value, str) else ""


def _context(value: str) -> int:
    if not value:
        return DEFAULT_CONTEXT
    try:
        number = int(value)
    except ValueError:
        number = -1
    if not 0 <= number <= MAX_CONTEXT:
        raise WebError(422, f"context: give a whole number from 0 to {MAX_CONTEXT}",
                       [f"context: must be a whole number from 0 to {MAX_CONTEXT}"])
    return number


async def read_check_input(request: Request, max_upload_bytes: int) -> CheckInput:
    """Read a check request's body, JSON or form, into a :class:`CheckInput`.

    Args:
        request: the request.
        max_upload_bytes: the body limit, also the largest form field (characters).

    Raises:
        WebError: 415 for another content type; 400 or 422 from the readers.
    """
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "application/json" or content_type.endswith("+json"):
        return check_input_from_json(await request.body())
    if content_type in ("multipart/form-data", "application/x-www-form-urlencoded"):
        async with request.form(max_files=MAX_SOURCES + 2, max_fields=3 * MAX_SOURCES + 20,
                                max_part_size=max_upload_bytes) as form:
            return await check_input_from_form(form)
    raise WebError(415, "send the check as JSON (application/json) or as a form "
                        "(multipart/form-data)")
