import pytest

from govhall.core.contracts import SubjectRef
from govhall.core.crypto import DecryptionError, blind_index, decrypt_text, encrypt_text
from govhall.core.logging import mask_text


def test_sm4_round_trip_and_fresh_nonce():
    a = encrypt_text("11010519491231002X", context="person.id_number")
    b = encrypt_text("11010519491231002X", context="person.id_number")
    assert a != b
    assert decrypt_text(a, context="person.id_number") == "11010519491231002X"


def test_ciphertext_moved_to_another_column_does_not_decrypt():
    token = encrypt_text("13800000001", context="person.phone")
    with pytest.raises(DecryptionError):
        decrypt_text(token, context="person.id_number")


def test_tampered_ciphertext_is_rejected():
    token = encrypt_text("secret", context="x")
    body = token[3:]
    flipped = body[:10] + ("A" if body[10] != "A" else "B") + body[11:]
    with pytest.raises(DecryptionError):
        decrypt_text("v1." + flipped, context="x")
    with pytest.raises(DecryptionError):
        decrypt_text("plain", context="x")


def test_blind_index_is_keyed_and_separated_by_context(settings):
    a = blind_index("13800000001", context="person.phone")
    assert a == blind_index("13800000001", context="person.phone")
    assert a != blind_index("13800000001", context="login.identifier")
    settings.GOVHALL_INDEX_KEY = "ab" * 32
    assert a != blind_index("13800000001", context="person.phone")


def test_log_masking():
    assert mask_text("id 11010519491231002X phone 13812345678") == "id 1101**********002X phone 138****5678"
    assert mask_text("case 2026112300001") == "case 2026112300001"


def test_subject_ref():
    ref = SubjectRef("case", "42")
    assert str(ref) == "case:42"
    assert SubjectRef.parse("case:42") == ref
    with pytest.raises(ValueError):
        SubjectRef("ca:se", "1")
    with pytest.raises(ValueError):
        SubjectRef.parse("nothing")


def test_log_filter_masks_exception_text():
    import logging as std_logging

    from govhall.core.logging import MaskPersonalDataFilter

    try:
        raise ValueError("bad id 11010519491231002X")
    except ValueError:
        import sys

        record = std_logging.LogRecord("x", std_logging.ERROR, __file__, 1, "failed", None, sys.exc_info())
    assert MaskPersonalDataFilter().filter(record)
    text = std_logging.Formatter().format(record)
    assert "11010519491231002X" not in text
    assert "1101**********002X" in text
