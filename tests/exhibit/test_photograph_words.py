"""An exhibition's wall read in Spanish: each photograph's alt text, title and credit in Spanish where
a curator translated them, the English words marked lang="en" where not."""

import re

import pytest

from exhibit.models import ExhibitionPhotograph
from gallery.models import PhotographTranslation

# A request under /es/ leaves Spanish active in the test's thread: each test starts and ends in English.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_between_requests")]


def test_the_spanish_exhibition_wall_uses_the_photographs_spanish_words(make_exhibition, make_photo, client):
    translated = make_photo(title="A wedding", alt_text="Two people under an arch", credit_line="Courtesy of the family")
    PhotographTranslation.objects.create(photograph=translated, language="es", title="Una boda",
                                         alt_text="Dos personas bajo un arco", credit_line="Cortesía de la familia")
    untranslated = make_photo(title="A street", alt_text="A street in the snow", caption="Winter, 1912.")
    page = make_exhibition()
    ExhibitionPhotograph.objects.create(page=page, photograph=translated, sort_order=0, caption="")
    ExhibitionPhotograph.objects.create(page=page, photograph=untranslated, sort_order=1, caption="")
    path = page.url
    html = client.get(f"/es{path}").content.decode()
    wall = re.search(r"<ul class=\"exhibit-wall\">.*?</ul>", html, re.S)
    assert wall, html
    wall = wall.group(0)
    assert re.findall(r'alt="([^"]+)"( lang="en")?', wall) == [
        ("Dos personas bajo un arco", ""), ("A street in the snow", ' lang="en"')]
    assert '<span class="photo-title label-title">Una boda</span>' in wall
    assert '<span class="credit label-credit">Cortesía de la familia</span>' in wall
    assert '<span class="photo-title label-title" lang="en">A street</span>' in wall
    assert '<span class="wall-caption" lang="en">Winter, 1912.</span>' in wall
    english = client.get(path).content.decode()
    assert 'alt="Two people under an arch"' in english and "Una boda" not in english
