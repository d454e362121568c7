"""Bytes to text, with one explicit policy (no charset guessing library is installed, nor wanted).

Policy, in order:
1. A BOM decides: UTF-8 (BOM stripped), UTF-16 LE/BE or UTF-32 LE/BE; bytes that do not decode under
   the BOM's encoding are `bad_encoding`.
2. Without a BOM, a NUL byte means `binary`.
3. Valid UTF-8 is UTF-8.
4. Bytes that are not valid UTF-8 are read as Windows-1252 (a superset of Latin-1's printable range)
   only when they contain no well-formed multi-byte UTF-8 sequence: a file mixing good UTF-8 with
   broken bytes is corrupted UTF-8, and reading it as cp1252 would silently produce mojibake. Bytes
   that cp1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) are `bad_encoding`.
5. Whatever the encoding, text in which more than 1% of characters are control characters (other than
   tab, newline, carriage return, form feed) is `binary`.
Finally CRLF and lone CR become LF. Nothing else in the text is changed (no Unicode normalisation).
"""

from __future__ import annotations

import codecs
import re

from parley.ingest.records import IngestProblem

# Longest BOMs first: the UTF-32 LE BOM begins with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_MAX_CONTROL_SHARE = 0.01


def _decode_strict(data: bytes, encoding: str, label: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise IngestProblem(
            "bad_encoding", f"not valid {label}: byte 0x{data[error.start]:02x} at offset {error.start}"
        ) from None


def _decode_without_bom(data: bytes) -> str:
    if b"\x00" in data:
        raise IngestProblem("binary", f"contains a NUL byte at offset {data.index(0)}")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        first_bad = error.start
    if _UTF8_MULTIBYTE.search(data):
        raise IngestProblem(
            "bad_encoding",
            f"invalid UTF-8 at offset {first_bad} (byte 0x{data[first_bad]:02x}) in a file that is "
            "otherwise UTF-8",
        )
    return _decode_strict(data, "cp1252", "UTF-8 nor Windows-1252/Latin-1")


def decode(data: bytes) -> str:
    """The text of `data` under the policy above, with LF line ends; raises IngestProblem otherwise."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = _decode_strict(data[len(bom) :], encoding, encoding.upper())
            break
    else:
        text = _decode_without_bom(data)
    controls = len(_CONTROL.findall(text))
    if text and controls / len(text) > _MAX_CONTROL_SHARE:
        raise IngestProblem("binary", f"{controls} control characters in {len(text)}: not text")
    return text.replace("\r\n", "\n").replace("\r", "\n")
