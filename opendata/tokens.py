"""
OAI-PMH resumption tokens: the rest of a list request, signed, so any process answers any token and
a restart loses nothing. A token carries the request's arguments, the fixed upper bound of the
list (so the list does not grow under a harvester), where the last page ended, and when it was
made; after TOKEN_SECONDS it is refused as badResumptionToken, as the protocol allows.
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing

SALT = "opendata.oai.resumption"


def lifetime():
    return timedelta(seconds=settings.OAI_TOKEN_SECONDS)


class BadToken(Exception):
    pass


def make(state):
    return signing.dumps(state, salt=SALT, compress=True)


def read(token):
    try:
        return signing.loads(token, salt=SALT, max_age=lifetime())
    except signing.SignatureExpired:
        raise BadToken("The resumptionToken has expired; start the list again.") from None
    except signing.BadSignature:
        raise BadToken("The resumptionToken is not one this repository issued.") from None
