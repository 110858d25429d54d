"""A curator's browser against one app server of the cluster: signs in, uploads through the Wagtail
admin's add form, edits a photograph through its edit form. Requests carry the TLS proxy's header;
the session's cookies (Secure, as production sets them) are sent by hand over the loopback's plain HTTP."""

import http.client
import re
import time
import uuid

import requests
from bs4 import BeautifulSoup

from tests.admin_forms import changed, form_data
from tests.load.cluster import CURATOR, PROXY_HEADERS


class Curator:
    def __init__(self, cluster):
        self.cluster = cluster
        self.cookies = {}

    def _headers(self, base, extra=None):
        headers = {**PROXY_HEADERS, "Origin": f"https://{base.removeprefix('http://')}",
                   "Referer": f"https://{base.removeprefix('http://')}/admin/"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        return {**headers, **(extra or {})}

    def request(self, method, base, path, timeout=120, **kwargs):
        response = requests.request(method, base + path, headers=self._headers(base), allow_redirects=False,
                                    timeout=timeout, **kwargs)
        self.cookies.update(response.cookies.get_dict())
        return response

    def csrf(self, html):
        return BeautifulSoup(html, "html.parser").find("input", {"name": "csrfmiddlewaretoken"})["value"]

    def sign_in(self, base):
        page = self.request("GET", base, "/admin/login/")
        if page.status_code == 302:  # signed in already (sessions are in the database: on every server)
            return self
        answer = self.request("POST", base, "/admin/login/", data={
            "username": CURATOR[0], "password": CURATOR[1], "csrfmiddlewaretoken": self.csrf(page.text), "next": "/admin/"})
        assert answer.status_code == 302, f"sign-in answered {answer.status_code}: {answer.text[:500]}"
        return self

    def upload(self, base, data, title, filename="upload.jpg", **fields):
        """POST the admin's add form; returns the response (302 to the edit page once stored)."""
        page = self.request("GET", base, "/admin/images/add/")
        assert page.status_code == 200, page.status_code
        form = {"title": title, "alt_text": f"{title}, as described", "kind": "contemporary", "consent": "on_file",
                "is_published": "on", "collection": "1", "csrfmiddlewaretoken": self.csrf(page.text), **fields}
        return self.request("POST", base, "/admin/images/add/", data=form, files={"file": (filename, data, "image/jpeg")})

    def prepared_upload(self, base, data, title, filename="slow.jpg"):
        """(path, headers, body) of an add-form POST, to be sent by hand (slowly, say)."""
        page = self.request("GET", base, "/admin/images/add/")
        form = {"title": title, "alt_text": f"{title}, as described", "kind": "contemporary", "consent": "on_file",
                "is_published": "on", "collection": "1", "csrfmiddlewaretoken": self.csrf(page.text)}
        prepared = requests.Request("POST", base + "/admin/images/add/", data=form,
                                    files={"file": (filename, data, "image/jpeg")},
                                    headers=self._headers(base)).prepare()
        return "/admin/images/add/", dict(prepared.headers), prepared.body

    def edit(self, base, photo_id, **changes):
        """Change fields through the photograph's edit form, every other field sent as the form has it."""
        path = f"/admin/images/{photo_id}/"
        page = self.request("GET", base, path)
        assert page.status_code == 200, page.status_code
        data = changed(form_data(page.text, {"enctype": "multipart/form-data"}), **changes)
        return self.request("POST", base, path, data=data)


def send_slowly(base, path, headers, body, chunk=64 * 1024, pause=0.05, timeout=60):
    """Send a request body in pieces with pauses (an upload over a slow line); returns the status, or
    the error that cut it (the server gone)."""
    host, port = base.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=timeout)
    try:
        connection.putrequest("POST", path, skip_accept_encoding=True)
        for name, value in headers.items():
            connection.putheader(name, value)
        connection.endheaders()
        for start in range(0, len(body), chunk):
            connection.send(body[start:start + chunk])
            time.sleep(pause)
        return connection.getresponse().status
    except OSError as error:
        return error
    finally:
        connection.close()


def big_jpeg(size, seed=0):
    """A JPEG of `size` pixels with some structure (so tiles differ), seeded so each hashes differently."""
    from io import BytesIO

    from PIL import Image, ImageDraw

    image = Image.new("RGB", size, (90 + seed % 100, 120, 150))
    draw = ImageDraw.Draw(image)
    for index in range(0, size[0], 97):
        draw.line([(index, 0), (size[0] - index, size[1])], fill=((index * 7 + seed) % 256, 80, 200), width=9)
    draw.rectangle([seed % 200, seed % 150, seed % 200 + 300, seed % 150 + 200], fill=(250, 250, 240))
    out = BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def unique_title(word):
    return f"{word} {uuid.uuid4().hex[:8]}"


def rendition_paths(html):
    return sorted(set(re.findall(r"/media/renditions/\d+/[^\"'\s,?]+", html)))
