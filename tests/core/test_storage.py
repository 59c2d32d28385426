import io

import pytest

from govhall.core.crypto import sm3_hex
from govhall.core.errors import NotFound, ValidationFailed
from govhall.core.storage import FileTooLarge, file_delete, file_open, file_store


@pytest.fixture(autouse=True)
def _files_in_tmp(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path}},
    }


def test_store_streams_digest_and_reads_back(tmp_path):
    data = b"%PDF-1.7\n" + b"x" * 200_000
    stored = file_store(stream=io.BytesIO(data), namespace="materials", max_bytes=1_000_000)
    assert stored.size == len(data)
    assert stored.sm3 == sm3_hex(data)
    assert stored.key.startswith("materials/")
    with file_open(key=stored.key) as handle:
        assert handle.read() == data
    file_delete(key=stored.key)
    with pytest.raises(NotFound):
        file_open(key=stored.key)


def test_oversized_upload_is_refused_and_nothing_is_kept(tmp_path):
    def endless():
        while True:
            yield b"a" * 65536

    with pytest.raises(FileTooLarge) as error:
        file_store(stream=endless(), namespace="materials", max_bytes=500 * 1024 * 1024 // 1000)
    assert error.value.code == "file.too_large" and error.value.status == 413
    assert "大小上限" in error.value.message
    assert not any(p.is_file() for p in tmp_path.rglob("*"))


def test_empty_file_is_refused():
    with pytest.raises(ValidationFailed) as error:
        file_store(stream=io.BytesIO(b""), namespace="materials", max_bytes=10)
    assert error.value.code == "file.empty"


def test_path_traversal_keys_are_not_found():
    with pytest.raises(NotFound):
        file_open(key="../secrets.json")
    with pytest.raises(NotFound):
        file_open(key="/etc/passwd")
