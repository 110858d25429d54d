"""manage.py verify_fixity finds a changed byte and a deleted original, and records each check."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from gallery.models import Photograph

pytestmark = pytest.mark.django_db


def verify():
    out = StringIO()
    try:
        call_command("verify_fixity", stdout=out)
    except CommandError as error:
        return error.returncode, out.getvalue().splitlines()
    return 0, out.getvalue().splitlines()


def test_all_good_originals_pass_and_are_recorded(make_photo):
    photos = [make_photo(), make_photo()]
    code, lines = verify()
    assert code == 0
    assert lines == [f"ok {p.pk} {p.file.name}" for p in photos] + [lines[-1]]
    assert lines[-1].startswith("Summary: 2 originals checked: 2 ok, 0 changed, 0 missing")
    for photo in photos:
        photo.refresh_from_db()
        assert photo.fixity_ok is True and photo.fixity_checked_at is not None


def test_a_changed_byte_and_a_deleted_original_fail_the_check(make_photo):
    good, changed, deleted = make_photo(), make_photo(), make_photo()
    path = changed.file.path
    data = bytearray(open(path, "rb").read())
    data[len(data) // 2] ^= 0x01
    open(path, "wb").write(bytes(data))
    deleted_name = deleted.file.name
    deleted.file.storage.delete(deleted_name)

    code, lines = verify()
    assert code == 1
    assert f"ok {good.pk} {good.file.name}" in lines
    changed_line = [line for line in lines if line.startswith("changed ")]
    assert changed_line == [changed_line[0]] and changed_line[0].startswith(
        f"changed {changed.pk} {changed.file.name} recorded {changed.sha256} now ")
    assert changed.sha256 not in changed_line[0].split(" now ")[1]
    assert f"missing {deleted.pk} {deleted_name}" in lines
    assert "3 originals checked: 1 ok, 1 changed, 1 missing" in lines[-1]
    recorded = dict(Photograph.objects.values_list("pk", "fixity_ok"))
    assert recorded == {good.pk: True, changed.pk: False, deleted.pk: False}
    assert not Photograph.objects.filter(fixity_checked_at=None).exists()
