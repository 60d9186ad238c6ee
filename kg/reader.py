"""Reading inputs: finding files, decoding bytes, turning HTML into text.

I/O lives here and in the exporters only. ``read_document`` returns a
:class:`~kg.model.Document` whose ``text`` all offsets refer to.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

from .errors import InputError
from .markdown_text import markdown_to_text
from .model import Document
from .textfold import to_simplified

DEFAULT_GLOBS: tuple[str, ...] = ("*.txt", "*.md", "*.html", "*.htm", "*.pdf", "*.docx", "*.doc", "*.wps")
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}


def discover(paths: Sequence[str | Path], globs: Sequence[str] = DEFAULT_GLOBS,
             skipped: list[tuple[str, str]] | None = None) -> list[tuple[Path, Path]]:
    """Expand files and folders into ``(file, root)`` pairs, sorted, without duplicates.

    A folder is searched recursively for ``globs``; a file named directly is
    always taken. ``root`` is the folder relative to which the document id is
    formed (the folder given, or the file's own folder). Hidden entries and this
    tool's own outputs (:func:`kg.outputs.own_outputs`) are passed over. A symbolic
    link is followed when it leads to a place inside the folder given; one leading
    outside it, a broken link, and a folder that cannot be read are skipped, each
    with a one-line reason appended to ``skipped`` (as ``(path, reason)``) and logged.
    """
    import logging

    log = logging.getLogger(__name__)

    def skip(path: Path, reason: str) -> None:
        msg = f"{path}: {reason}"
        log.warning("skipped %s", msg)
        if skipped is not None:
            skipped.append((str(path), msg))

    found: dict[Path, Path] = {}
    for raw in paths:
        p = Path(raw)
        if not p.exists():
            raise InputError(f"no such file or folder: {raw}")
        if p.is_dir():
            _walk_folder(p, globs, skip, found)
        elif p.is_file():
            found.setdefault(p.resolve(), p.resolve().parent)
        else:
            raise InputError(f"not a regular file or folder: {raw}")
    return sorted(found.items(), key=lambda kv: (str(kv[0].relative_to(kv[1])), str(kv[0])))


def _walk_folder(p: Path, globs: Sequence[str], skip: Callable[[Path, str], None], found: dict[Path, Path]) -> None:
    """Add the files under folder ``p`` that match ``globs`` to ``found`` (as file → root; see :func:`discover`)."""
    import os

    from .outputs import own_outputs

    root = p.resolve()
    seen: set[Path] = set()
    stack = [(root, p)]  # (real folder, the path it was reached by)
    while stack:
        real, shown = stack.pop()
        if real in seen:
            continue
        seen.add(real)
        try:
            with os.scandir(real) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            skip(shown, f"cannot read this folder ({exc.strerror or exc.__class__.__name__})")
            continue
        own = own_outputs(real)
        for e in entries:
            if e.name.startswith(".") or e.name in own:
                continue
            where = shown / e.name
            target = _followed(Path(e.path), e.is_symlink(), where, root, skip)
            if target is None:
                continue
            try:
                is_dir = target.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                stack.append((target, where))
            elif target.is_file():
                rel = target.relative_to(root)
                if any(rel.match(g) or Path(e.name).match(g) for g in globs):
                    found.setdefault(target, root)


def _followed(path: Path, link: bool, where: Path, root: Path, skip: Callable[[Path, str], None]) -> Path | None:
    """``path``, or the place a symbolic link leads to when that is inside ``root``; None (skipped) otherwise."""
    if not link:
        return path
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        skip(where, "broken symbolic link, not followed")
        return None
    if not target.is_relative_to(root):
        skip(where, f"symbolic link to {target}, outside the input folder {root}; not followed")
        return None
    return target


_SIGNATURES = (b"%PDF", b"PK\x03\x04", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x7fELF", b"\xd0\xcf\x11\xe0",
               b"\x1f\x8b", b"BZh", b"\xfd7zXZ", b"7z\xbc\xaf", b"Rar!", b"MZ", b"\x00\x00\x01\x00", b"OggS", b"ID3",
               b"RIFF", b"\x00asm", b"SQLite format 3")


def _signature(data: bytes) -> bool:
    """True when ``data`` starts like a known binary format (PDF, Office, archive, image …)."""
    return data.startswith(_SIGNATURES)


_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def decode(data: bytes, name: str = "<bytes>", encoding: str | None = None) -> tuple[str, str]:
    """Decode ``data`` into text; return ``(text, encoding)``.

    Order: an explicit ``encoding``; a BOM; strict UTF-8; UTF-16 without a
    BOM (NUL bytes at odd or even positions); then charset-normalizer's guess
    among GB18030 (a superset of GBK and GB2312), Big5 and UTF-16, checked by
    how much of the result is ordinary Chinese text. Raises
    :class:`InputError` naming the file when nothing gives readable text.

    >>> decode("通知".encode("gb18030"))
    ('通知', 'gb18030')
    """
    if encoding:
        return _decode_as(data, name, encoding)
    if _signature(data):
        raise InputError(f"{name}: looks like a binary file (PDF, image, archive or office document), not text")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError:
                raise InputError(f"{name}: has a {enc} byte-order mark but does not decode as {enc}") from None
    found = _as_utf8(data) or _as_utf16(data)
    if found is not None:
        return found
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: looks like a binary file (it holds NUL bytes), not text")
    return _guess(data, name)


def _decode_as(data: bytes, name: str, encoding: str) -> tuple[str, str]:
    """``data`` decoded with the encoding the user named; an unknown encoding or a bad byte is an input error."""
    try:
        return data.decode(encoding), encoding
    except LookupError:
        raise InputError(f"{name}: unknown encoding {encoding!r}") from None
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: cannot be decoded as {encoding} (byte {exc.start})") from None


def _as_utf8(data: bytes) -> tuple[str, str] | None:
    """``data`` as strict UTF-8 without NUL characters (a short GBK text that happens to be valid UTF-8
    but reads as no Chinese is taken as GB18030), or None."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if "\x00" in text:
        return None
    if not text.isascii() and _han_share(text) == 0:
        # a short GBK text can happen to be valid UTF-8 (通知 → ֪ͨ): prefer the Chinese reading
        try:
            gb = data.decode("gb18030")
        except UnicodeDecodeError:
            gb = ""
        if gb and _han_share(gb) > 0.5:
            return gb, "gb18030"
    return text, "utf-8"


def _as_utf16(data: bytes) -> tuple[str, str] | None:
    """``data`` as UTF-16 without a BOM (NUL bytes, even length), the byte order that reads better, or None."""
    if b"\x00" not in data or len(data) % 2:
        return None
    best = None
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        share = _han_share(text) + _ascii_share(text)
        if _readable(text) and share > 0.6 and (best is None or share > best[0]):
            best = (share, text, enc)
    return (best[1], best[2]) if best is not None else None


def _guess(data: bytes, name: str) -> tuple[str, str]:
    candidates = ["gb18030", "big5", "utf-16-le", "utf-16-be"]
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:200_000], cp_isolation=["gb18030", "big5", "utf_16_le", "utf_16_be"]).best()
        if best is not None and best.encoding:
            enc = {"gb2312": "gb18030", "gbk": "gb18030", "utf_16_le": "utf-16-le", "utf_16_be": "utf-16-be"}.get(
                best.encoding, best.encoding)
            candidates.insert(0, enc)
    except ImportError:  # pragma: no cover - charset-normalizer is a dependency
        pass
    scored = []
    for rank, enc in enumerate(dict.fromkeys(candidates)):
        try:
            text = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
        scored.append((round(_common_share(text), 2), _han_share(text), -rank, text, enc))
    scored.sort(reverse=True)
    if not scored or not _readable(scored[0][3]):
        raise InputError(f"{name}: cannot be decoded as UTF-8, UTF-16, GB18030 or Big5 "
                         "(binary or unknown encoding; try --encoding)")
    return scored[0][3], scored[0][4]


#: Frequent characters of Chinese administrative prose (simplified); a wrong decoding gives rare ones.
_COMMON = frozenset(
    "的一是不了人在有这为之大来以个中上们到说国和地也子时道出而要于就下得可年生自会那后能对着事其里所去行过家十用发"
    "天如然作方成者多日都三小军二无同么经法当起与好看学进种将还分此心前面又定见只主没公从部局司厅委办政府省市县区管理"
    "规划建设工作实施推进加强文化版广播电视影条例通知意见关于印发务院总全新闻网络产业服务保障重点项目计划程动活试点开展"
    "组织领导责任制度标准监督检查安全信息技术科研机构单位企业社会经济改革创新政策资金财政支持促进提高完善健全落实贯彻"
    "精神党央习近平共产会议第条款本规定办施行日月及其他有关各级门应当依照违反处罚款元以下上"
)


def _common_share(text: str) -> float:
    """Share of Han characters that are frequent in administrative prose (traditional folded to simplified)."""
    han = [ch for ch in text[:20000] if "\u4e00" <= ch <= "\u9fff"]
    if not han:
        return 0.0
    han = list(to_simplified("".join(han)))
    return sum(1 for ch in han if ch in _COMMON) / len(han)


def _ascii_share(text: str) -> float:
    return sum(1 for ch in text[:20000] if " " <= ch <= "~" or ch in "\n\t") / max(1, min(len(text), 20000))


def _readable(text: str) -> bool:
    """Text rather than noise: few control or unassigned characters."""
    if not text:
        return False
    sample = text[:20000]
    bad = sum(1 for ch in sample
              if (ord(ch) < 32 and ch not in "\n\r\t\f") or unicodedata.category(ch) in {"Co", "Cn", "Cs"})
    return bad / len(sample) < 0.01


def _han_share(text: str) -> float:
    """Share of common CJK characters: a real Chinese text decodes to many of them."""
    if not text:
        return 0.0
    han = len(_NOT_HAN.sub("", text))
    # each distinct character is classified once, then counted
    bad = sum(text.count(ch) for ch in set(text) if unicodedata.category(ch) in {"Co", "Cn", "Cs"} or ch == "\ufffd")
    return (han - 10 * bad) / len(text)


_NOT_HAN = re.compile("[^\u4e00-\u9fff]+")


class _TextExtractor(HTMLParser):
    """Collects the visible text of an HTML page, one block per line."""

    BLOCK: ClassVar[frozenset[str]] = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
                                                 "section", "article", "title", "td", "th", "pre", "blockquote",
                                                 "dd", "dt", "header", "footer"})
    SKIP: ClassVar[frozenset[str]] = frozenset({"script", "style", "noscript", "template", "svg", "head"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self._skip = 0
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        if tag == "title":
            self._in_title = True
        elif tag in self.SKIP:
            self._skip += 1
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        elif tag in self.SKIP and self._skip:
            self._skip -= 1
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if self._in_title:
            self.title.append(data)
        elif not self._skip:
            self.parts.append(data)


def html_to_text(markup: str) -> tuple[str, str]:
    """Visible text of an HTML page (one block per line) and its ``<title>``."""
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    text = "".join(parser.parts)  # character references are already converted by the parser
    lines = [re.sub(r"[ \t\u3000\xa0]+", " ", line).strip() for line in text.splitlines()]
    return "\n".join(line for line in lines if line), " ".join("".join(parser.title).split())


def clean_text(text: str) -> str:
    """Make text safe for every later stage: no lone surrogates, no NULs, ``\\n`` line ends."""
    text = text.encode("utf-8", "replace").decode("utf-8") if _has_surrogates(text) else text
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    return text.lstrip("\ufeff")


def _has_surrogates(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def read_document(path: str | Path, root: str | Path | None = None, encoding: str | None = None) -> Document:
    """Read one file into a :class:`Document` (decoded, HTML stripped, cleaned).

    Raises :class:`InputError` naming the file when it is missing, empty,
    binary or undecodable.
    """
    p = Path(path)
    root_p = Path(root) if root is not None else p.parent
    try:
        doc_id = p.resolve().relative_to(Path(root_p).resolve()).as_posix()
    except ValueError:
        doc_id = p.name
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder, not a file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror})") from None
    return document_from_bytes(data, doc_id, encoding=encoding, suffix=p.suffix.lower(), name=str(path))


def document_from_bytes(data: bytes, doc_id: str, encoding: str | None = None, suffix: str = ".txt",
                        name: str | None = None) -> Document:
    """Build a :class:`Document` from raw bytes (the pure core of :func:`read_document`)."""
    name = name or doc_id
    if not data.strip():
        raise InputError(f"{name}: the file is empty")
    from .formats import is_readable_suffix

    if is_readable_suffix(suffix):  # PDF and Word (.doc/.wps refused with how to convert them): kg.formats
        return binary_document(data, doc_id, suffix, name)
    text, enc = decode(data, name, encoding)
    media = "text/plain"
    title = ""
    looks_html = re.match(r"\s*<(!doctype html|html)", text[:200], re.IGNORECASE)
    if suffix in HTML_SUFFIXES or (suffix not in {".txt"} | MARKDOWN_SUFFIXES and looks_html):
        text, title = html_to_text(text)
        media = "text/html"
    elif suffix in MARKDOWN_SUFFIXES:
        media = "text/markdown"
    text = clean_text(text)
    if media == "text/markdown":  # markup blanked in place: offsets stay offsets into the file
        text, title = markdown_to_text(text)
    if not text.strip():
        raise InputError(f"{name}: holds no text")
    if not title:
        first = next((line.strip() for line in text.splitlines() if line.strip()), "")
        title = first.lstrip("#").strip()[:120]
    # hash of the decoded text, so that one text in several encodings is one document
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Document(doc_id=doc_id, text=text, title=title, source=doc_id, sha256=sha, encoding=enc, media_type=media)


def binary_document(data: bytes, doc_id: str, suffix: str, name: str) -> Document:
    """A :class:`~kg.model.Document` of a PDF or DOCX file (its text from :func:`kg.formats.extract`)."""
    from .formats import extract

    text, media, title = extract(data, suffix, name)
    text = clean_text(text)
    if not text.strip():
        raise InputError(f"{name}: holds no text")
    if not title:
        title = next((line.strip() for line in text.splitlines() if line.strip()), "")[:120]
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Document(doc_id=doc_id, text=text, title=title, source=doc_id, sha256=sha, encoding="utf-8",
                    media_type=media)


def iter_documents(pairs: Iterable[tuple[Path, Path]], encoding: str | None = None) -> Iterable[Document | InputError]:
    """Read each ``(file, root)``; yield the document or the error that skipped it."""
    for path, root in pairs:
        try:
            yield read_document(path, root, encoding)
        except InputError as exc:
            yield exc
