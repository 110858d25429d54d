"""The eight EXIF orientations come out upright in every public size."""

from io import BytesIO

import pytest
from PIL import Image, ImageChops, ImageStat

from gallery.imaging.sizes import STANDARD_SPECS
from tests.conftest import shared_path

pytestmark = pytest.mark.django_db


def difference(a, b):
    """Mean absolute pixel difference, 0 (same) to 255."""
    return sum(ImageStat.Stat(ImageChops.difference(a, b)).mean) / 3


# Each test file has its number drawn on it, so no rendition equals the `_1` file exactly; what it
# must be is far closer to upright than to any wrong reading with the same aspect (a 90-degree
# mistake already fails the aspect check).
WRONG_READINGS = (Image.Transpose.FLIP_LEFT_RIGHT, Image.Transpose.FLIP_TOP_BOTTOM, Image.Transpose.ROTATE_180)


@pytest.mark.parametrize("shape", ["landscape", "portrait"])
def test_every_orientation_renders_upright(make_photo, shape):
    folder = shared_path("corpus", "exif", "jpg", "orientation")
    upright = Image.open(folder / f"{shape}_1.jpg").convert("RGB")
    for number in range(1, 9):
        path = folder / f"{shape}_{number}.jpg"
        if not path.exists():
            continue
        photo = make_photo(data=path.read_bytes(), name=path.name)
        for spec, made in photo.get_renditions(*STANDARD_SPECS).items():
            rendition = Image.open(BytesIO(made.file.read())).convert("RGB")
            assert rendition.size[0] / rendition.size[1] == pytest.approx(upright.width / upright.height, rel=0.02), (path.name, spec)
            expected = upright.resize(rendition.size, Image.Resampling.LANCZOS)
            right = difference(rendition, expected)
            wrong = min(difference(rendition, expected.transpose(method)) for method in WRONG_READINGS)
            assert right < 20 and right < 0.6 * wrong, (path.name, spec, right, wrong)
