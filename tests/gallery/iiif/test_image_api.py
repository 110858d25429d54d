"""The IIIF Image API as a visitor's viewer sees it: statuses, headers, pixels."""

from io import BytesIO

import pytest
from PIL import Image

from gallery.iiif import image_api
from tests.conftest import jpeg_bytes
from tests.metadata import metadata_blocks

pytestmark = pytest.mark.django_db


def png_bytes(size=(600, 400)):
    image = Image.new("RGB", size, (200, 30, 30))
    image.paste((30, 30, 200), (size[0] // 2, 0, size[0], size[1]))
    out = BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def url(photo, rest):
    return f"/iiif/3/{photo.iiif_identifier}/{rest}"


def test_info_json_describes_the_image_with_sizes_tiles_and_json_ld(client, make_photo):
    photo = make_photo(data=jpeg_bytes(size=(1200, 800)), rights="http://creativecommons.org/licenses/by/4.0/")
    response = client.get(url(photo, "info.json"))
    assert response.status_code == 200
    assert response["Content-Type"] == 'application/ld+json;profile="http://iiif.io/api/image/3/context.json"'
    assert response["Access-Control-Allow-Origin"] == "*"
    info = response.json()
    assert info["id"] == f"http://127.0.0.1:8000/iiif/3/{photo.iiif_identifier}"
    assert (info["type"], info["profile"], info["width"], info["height"]) == ("ImageService3", "level2", 1200, 800)
    assert info["sizes"] == [{"width": 300, "height": 200}, {"width": 600, "height": 400},
                             {"width": 1200, "height": 800}]
    assert info["tiles"] == [{"width": 512, "height": 512, "scaleFactors": [1, 2, 4]}]
    assert info["rights"] == "http://creativecommons.org/licenses/by/4.0/"
    plain = client.get(url(photo, "info.json"), HTTP_ACCEPT="application/json")
    assert plain["Content-Type"] == "application/json"


def test_the_base_uri_redirects_to_info_json(client, make_photo):
    photo = make_photo()
    response = client.get(f"/iiif/3/{photo.iiif_identifier}")
    assert response.status_code == 303
    assert response["Location"] == f"/iiif/3/{photo.iiif_identifier}/info.json"


@pytest.mark.parametrize(
    "rest, status",
    [
        ("full/max/0/default.jpg", 200),
        ("square/100,/90/gray.png", 200),
        ("pct:10,10,50,50/!100,100/!180/bitonal.webp", 200),
        ("0,0,10,10/max/22.5/color.png", 501),  # arbitrary rotation is not offered
        ("full/max/0.001/default.png", 501),
        ("full/^max/0/default.jpg", 200),  # ^ that needs no upscaling is fine
        ("full/^2000,/0/default.jpg", 501),  # upscaling asked for properly: not implemented
        ("full/2000,/0/default.jpg", 400),  # upscaling without ^
        ("full/pct:101/0/default.jpg", 400),
        ("full/0,/0/default.jpg", 400),
        ("5000,0,10,10/max/0/default.jpg", 400),  # region outside the image
        ("0,0,0,10/max/0/default.jpg", 400),
        ("full/max/361/default.jpg", 400),
        ("full/max/0/sepia.jpg", 400),
        ("full/max/0/default.gif", 400),
        ("full/full/0/default.jpg", 400),  # 2.x syntax
    ],
)
def test_statuses_follow_the_specification(client, make_photo, rest, status):
    photo = make_photo(data=jpeg_bytes(size=(640, 480)))
    response = client.get(url(photo, rest))
    assert response.status_code == status, response.content
    assert response["Access-Control-Allow-Origin"] == "*"


def test_sizes_regions_and_rotation_give_the_pixels_asked_for(client, make_photo):
    photo = make_photo(data=png_bytes((600, 400)), name="halves.png")
    def get(rest):
        response = client.get(url(photo, rest))
        assert response.status_code == 200, response.content
        return Image.open(BytesIO(b"".join(response.streaming_content) if response.streaming else response.content))
    assert get("full/max/0/default.png").size == (600, 400)
    assert get("full/300,/0/default.png").size == (300, 200)
    assert get("full/,100/0/default.png").size == (150, 100)
    assert get("full/!100,100/0/default.png").size == (100, 67)
    assert get("square/max/0/default.png").size == (400, 400)
    rotated = get("full/max/90/default.png")
    assert rotated.size == (400, 600)
    assert rotated.convert("RGB").getpixel((200, 10))[0] > 150  # the red left half is now on top
    mirrored = get("full/max/!0/default.png")
    assert mirrored.convert("RGB").getpixel((10, 200))[2] > 150  # blue now on the left
    assert get("full/max/0/gray.png").mode == "L"
    assert set(get("full/max/0/bitonal.png").get_flattened_data()) <= {0, 255}


def test_the_png_of_a_png_is_the_same_pixels(client, make_photo):
    data = png_bytes((700, 300))
    photo = make_photo(data=data, name="lossless.png")
    response = client.get(url(photo, "full/max/0/default.png"))
    served = Image.open(BytesIO(b"".join(response.streaming_content) if response.streaming else response.content))
    assert served.convert("RGB").tobytes() == Image.open(BytesIO(data)).convert("RGB").tobytes()


def test_served_images_carry_no_metadata(client, make_photo):
    exif = Image.Exif()
    exif[0x8298] = "Copyright holder"
    exif[0x010F] = "Camera maker"
    photo = make_photo(data=jpeg_bytes(size=(800, 600), exif=exif))
    for rest in ("full/max/0/default.jpg", "0,0,512,512/512,/0/default.png", "full/200,/0/default.webp"):
        response = client.get(url(photo, rest))
        data = b"".join(response.streaming_content) if response.streaming else response.content
        assert not {"exif", "xmp", "iptc"} & set(metadata_blocks(data)), rest


@pytest.mark.parametrize(
    "change",
    [{"is_published": False}, {"consent": "withheld"}, {"consent": "pending"}, {"alt_text": ""}],
)
def test_photographs_that_are_not_public_are_404_everywhere(client, make_photo, change):
    photo = make_photo()
    for key, value in change.items():
        setattr(photo, key, value)
    photo.save()
    for rest in ("info.json", "full/max/0/default.jpg", "0,0,256,256/256,/0/default.jpg", "garbage/x/y/z.jpg"):
        assert client.get(url(photo, rest)).status_code == 404, rest
    assert client.get(f"/iiif/3/{photo.iiif_identifier}").status_code == 404
    assert client.get(f"/iiif/3/manifests/photographs/{photo.iiif_identifier}/manifest.json").status_code == 404


def test_database_ids_are_not_identifiers(client, make_photo):
    photo = make_photo()
    assert client.get(f"/iiif/3/{photo.pk}/info.json").status_code == 404


def test_limited_rights_cap_the_size_and_the_resolution(client, make_photo, settings):
    settings.IIIF_LIMITED_RIGHTS = {"http://rightsstatements.org/vocab/InC/1.0/": 500}
    photo = make_photo(data=jpeg_bytes(size=(2000, 1000)), rights="http://rightsstatements.org/vocab/InC/1.0/")
    info = client.get(url(photo, "info.json")).json()
    assert info["maxWidth"] == 500
    assert max(size["width"] for size in info["sizes"]) <= 500
    assert info["tiles"][0]["scaleFactors"][0] == 4
    assert client.get(url(photo, "full/max/0/default.jpg")).status_code == 200
    assert client.get(url(photo, "full/1000,/0/default.jpg")).status_code == 400
    # A small region at full resolution is refused too: tiles cannot rebuild the full image.
    assert client.get(url(photo, "0,0,512,512/512,/0/default.jpg")).status_code == 400
    assert client.get(url(photo, "0,0,2048,2048/500,/0/default.jpg")).status_code == 200


def test_parsing_is_pure_and_exact():
    assert image_api.parse_region("pct:10,20,30,40", 1000, 500) == (100, 100, 300, 200)
    assert image_api.parse_region("900,400,500,500", 1000, 500) == (900, 400, 100, 100)
    assert image_api.parse_size("pct:50", 1000, 500) == (500, 250)
    assert image_api.parse_size("max", 8000, 6000, image_api.Limits(max_area=12_000_000)) == (4000, 3000)
    with pytest.raises(image_api.IIIFError) as error:
        image_api.parse_size("^pct:120", 100, 100)
    assert error.value.status == 501
    assert image_api.parse_rotation("!90") == (True, 90.0)
