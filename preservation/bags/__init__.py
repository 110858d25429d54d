"""
An exhibition as a BagIt bag (Library of Congress), and back.

    data/exhibition.json          the exhibition page, its ordered photographs, showings, events,
                                  venues, artists and communities (photographs named by SHA-256)
    data/metadata/<name>.json     one preservation.bag_metadata record per photograph (Dublin Core names)
    data/originals/<name>         the originals, byte for byte
    data/iiif/manifest.json       the exhibition's IIIF manifest, when the site can build one
    manifest-sha256.txt, tagmanifest-sha256.txt, bag-info.txt, bagit.txt

Importing validates the whole bag first (every checksum, no missing or extra file) and checks every
original through gallery.ingest.intake before writing anything; a bag that fails is refused with the reason.
Photographs are matched by SHA-256, artists, communities and venues by slug: what the archive already
holds is kept as it is and linked to, not duplicated.

The bag is the organisation's archival copy, not a public file: staff logistics, consent and GPS travel
in it. Venue staff logins and page revisions do not (they belong to one installation).
"""
