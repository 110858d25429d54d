"""
Rights statements a photograph can carry: RightsStatements.org and Creative Commons, in the
http:// URI forms that IIIF Presentation 3.0 requires for `rights`.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy


@dataclass(frozen=True)
class RightsStatement:
    uri: str
    label: str
    # What it means, for a visitor who has never heard of either organisation, in the visitor's language
    # (the label is the statement's own name, the same in every language).
    plain: str


STATEMENTS = (
    RightsStatement(
        "http://rightsstatements.org/vocab/InC/1.0/",
        "In Copyright",
        gettext_lazy("Protected by copyright. Ask the rights holder before reusing it."),
    ),
    RightsStatement(
        "http://rightsstatements.org/vocab/InC-EDU/1.0/",
        "In Copyright – Educational Use Permitted",
        gettext_lazy("Protected by copyright; may be used for teaching and learning without asking."),
    ),
    RightsStatement(
        "http://rightsstatements.org/vocab/InC-NC/1.0/",
        "In Copyright – Non-Commercial Use Permitted",
        gettext_lazy("Protected by copyright; may be used for non-commercial purposes without asking."),
    ),
    RightsStatement(
        "http://rightsstatements.org/vocab/NoC-US/1.0/",
        "No Copyright – United States",
        gettext_lazy("Free of copyright in the United States; other restrictions may apply elsewhere."),
    ),
    RightsStatement(
        "http://rightsstatements.org/vocab/CNE/1.0/",
        "Copyright Not Evaluated",
        gettext_lazy("Nobody has yet worked out whether this is protected by copyright."),
    ),
    RightsStatement(
        "http://rightsstatements.org/vocab/UND/1.0/",
        "Copyright Undetermined",
        gettext_lazy("Its copyright status was looked into but could not be settled."),
    ),
    RightsStatement(
        "http://creativecommons.org/licenses/by/4.0/",
        "CC BY 4.0",
        gettext_lazy("Free to share and adapt, with credit to the photographer."),
    ),
    RightsStatement(
        "http://creativecommons.org/licenses/by-sa/4.0/",
        "CC BY-SA 4.0",
        gettext_lazy("Free to share and adapt, with credit, if what you make is shared the same way."),
    ),
    RightsStatement(
        "http://creativecommons.org/licenses/by-nc/4.0/",
        "CC BY-NC 4.0",
        gettext_lazy("Free to share and adapt for non-commercial purposes, with credit."),
    ),
    RightsStatement(
        "http://creativecommons.org/licenses/by-nc-nd/4.0/",
        "CC BY-NC-ND 4.0",
        gettext_lazy("Free to share unchanged for non-commercial purposes, with credit."),
    ),
    RightsStatement(
        "http://creativecommons.org/publicdomain/zero/1.0/",
        "CC0 1.0",
        gettext_lazy("Given to the public domain: free for any use."),
    ),
    RightsStatement(
        "http://creativecommons.org/publicdomain/mark/1.0/",
        "Public Domain Mark 1.0",
        gettext_lazy("Known to be free of copyright: free for any use."),
    ),
)

BY_URI = {statement.uri: statement for statement in STATEMENTS}
CHOICES = [(statement.uri, statement.label) for statement in STATEMENTS]


def lookup(uri):
    return BY_URI.get(uri)
