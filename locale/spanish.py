"""
The Spanish words of the interface, kept as Python so they are reviewed as text, and written into
locale/es/LC_MESSAGES/django.po after `makemessages` (which keeps every msgid the code marks):

    .venv/bin/python manage.py makemessages -l es --no-location --ignore=node_modules --ignore=tests \
        --ignore=media --ignore=static_collected --ignore=test-artifacts
    .venv/bin/python locale/spanish.py

tests/test_translations.py fails while any marked string has no Spanish here, or an entry is fuzzy.
"""

import sys
from pathlib import Path

import polib

PO = Path(__file__).parent / "es/LC_MESSAGES/django.po"

# Date formats are Django's (https://docs.djangoproject.com/en/5.2/ref/templates/builtins/#date): "\d\e"
# is the literal word "de".
CONTEXT = {
    ("long date format", "l, F j, Y"): r"l, j \d\e F \d\e Y",
    ("short date format", "M j, Y"): "j M Y",
    ("short date format without the year", "M j"): "j M",
    ("date format", "F j, Y"): r"j \d\e F \d\e Y",
    ("date span format: start, when the end is in another month", "F j"): r"j \d\e F",
    ("date span format: end, when the start is in another month", "F j, Y"): r"j \d\e F \d\e Y",
    ("date span format: start, when the end is in the same month", "F j"): "j",
    ("date span format: end, when the start is in the same month", "j, Y"): r"j \d\e F \d\e Y",
    ("time of day", "noon"): "mediodía",
    ("time of day", "am"): "a. m.",
    ("time of day", "pm"): "p. m.",
    # Approximate dates (gallery.date_wording): "hacia 1905", "década de 1910", "siglo XX", "octubre de 2013".
    ("approximate date", "ca. %(date)s"): "hacia %(date)s",
    ("approximate date", "ca. %(decade)ss"): "hacia la década de %(decade)s",
    ("approximate date", "%(decade)ss"): "década de %(decade)s",
    ("approximate date", "%(number)s century"): "siglo %(number)s",
    ("how centuries are numbered: ordinal (21st) or roman (XXI)", "ordinal"): "roman",
    ("approximate date", "%(month)s %(year)s"): "%(month)s de %(year)s",
    ("approximate date", "%(season)s %(year)s"): "%(season)s de %(year)s",
    ("approximate date", "%(month)s %(day)s, %(year)s"): "%(day)s de %(month)s de %(year)s",
    ("approximate date", "before %(date)s"): "antes de %(date)s",
    ("approximate date", "after %(date)s"): "después de %(date)s",
    ("approximate date", "%(month)s %(start)s–%(end)s, %(year)s"): "%(start)s–%(end)s de %(month)s de %(year)s",
    ("approximate date", "%(start_month)s %(start)s–%(end_month)s %(end)s, %(year)s"):
        "%(start)s de %(start_month)s–%(end)s de %(end_month)s de %(year)s",
    ("approximate date", "%(start)s–%(end)s %(year)s"): "%(start)s–%(end)s de %(year)s",
    ("season", "Spring"): "primavera",
    ("season", "Summer"): "verano",
    ("season", "Autumn"): "otoño",
    ("season", "Winter"): "invierno",
}

PLURAL = {
    "%(noun)s changed on %(count)d photograph": ("%(noun)s: cambio en %(count)d fotografía", "%(noun)s: cambio en %(count)d fotografías"),
    "%(count)d photograph updated": ("%(count)d fotografía actualizada", "%(count)d fotografías actualizadas"),
    "%(counter)s photograph is not public yet": ("%(counter)s fotografía aún no es pública", "%(counter)s fotografías aún no son públicas"),
    "All %(counter)s photograph": ("La %(counter)s fotografía", "Las %(counter)s fotografías"),
    "This changes the following photograph:": ("Esto cambia la siguiente fotografía:", "Esto cambia las siguientes %(counter)s fotografías:"),
    "This photograph will not be public on the exhibition page until it is settled:": (
        "Esta fotografía no será pública en la página de la exposición hasta que se resuelva:",
        "Estas %(counter)s fotografías no serán públicas en la página de la exposición hasta que se resuelvan:"),
    "You don't have permission to edit this photograph": ("No tiene permiso para editar esta fotografía", "No tiene permiso para editar estas fotografías"),
    "%(count)s photograph": ("%(count)s fotografía", "%(count)s fotografías"),
    "%(count)s photograph matches “%(q)s” without the filters": (
        "%(count)s fotografía coincide con «%(q)s» sin los filtros", "%(count)s fotografías coinciden con «%(q)s» sin los filtros"),
    "%(counter)s bit of 64 differs": ("%(counter)s bit de 64 es distinto", "%(counter)s bits de 64 son distintos"),
    "%(counter)s field has words to translate and none in %(language)s yet: the public pages show the %(source)s words there, marked as %(source)s.": (
        "%(counter)s campo tiene texto por traducir y aún ninguno en %(language)s: las páginas públicas muestran ahí el texto en %(source)s, marcado como %(source)s.",
        "%(counter)s campos tienen texto por traducir y aún ninguno en %(language)s: las páginas públicas muestran ahí el texto en %(source)s, marcado como %(source)s."),
}

WORDS = {
    "Exhibition": "Exposición",
    "%(exhibition)s at %(venue)s": "%(exhibition)s en %(venue)s",
    "The photographs are added at the end, in the order they came into the archive.": "Las fotografías se añaden al final, en el orden en que entraron en el archivo.",
    "Add to an exhibition": "Añadir a una exposición",
    "Add the selected photographs to an exhibition": "Añadir las fotografías seleccionadas a una exposición",
    "Add them": "Añadirlas",
    "all exhibitions and events": "todas las exposiciones y actividades",
    "“%(title)s”: every stop and event": "«%(title)s»: cada parada y actividad",
    "exhibitions and events at %(venue)s": "exposiciones y actividades en %(venue)s",
    "Time TBA": "hora por confirmar",
    "Cancelled": "Cancelado",
    "Tentative": "Provisional",
    "Rescheduled from %(date)s": "Aplazado; antes el %(date)s",
    "Rescheduled": "Cambio de fecha",
    "Back to the exhibition “%(title)s”": "Volver a la exposición «%(title)s»",
    "Exhibitions": "Exposiciones",
    "Now showing": "En exhibición",
    "until %(date)s": "hasta el %(date)s",
    "Coming next": "Próximamente",
    "opens %(date)s": "abre el %(date)s",
    "Recently shown": "Exhibidas recientemente",
    "ended %(date)s": "terminó el %(date)s",
    "Exhibitions and events at %(place)s.": "Exposiciones y actividades en %(place)s.",
    "Coming up": "Próximas",
    "Past showings": "Paradas anteriores",
    "Past exhibitions": "Exposiciones anteriores",
    "Opening reception": "Recepción de inauguración",
    "Closing reception": "Recepción de clausura",
    "Gallery talk": "Charla en la sala",
    "Artist talk": "Charla con artistas",
    "Film screening": "Proyección de película",
    "Cultural event": "Actividad cultural",
    "Scheduled": "Programado",
    "Closed": "Cerrada",
    "Now showing at %(venue)s, until %(date)s. Next: %(next_venue)s, from %(next_date)s.":
        "En exhibición en %(venue)s hasta el %(date)s. Después: %(next_venue)s, desde el %(next_date)s.",
    "Now showing at %(venue)s, until %(date)s.": "En exhibición en %(venue)s hasta el %(date)s.",
    "Next: %(venue)s, opening %(date)s.": "Próxima parada: %(venue)s, abre el %(date)s.",
    "Closed. Last shown at %(venue)s until %(date)s.": "Cerrada. Se exhibió por última vez en %(venue)s hasta el %(date)s.",
    "Dates to be announced.": "Fechas por anunciar.",
    "Receptions, talks and screenings at the venues our exhibitions travel to.":
        "Recepciones, charlas y proyecciones en las sedes que recorren nuestras exposiciones.",
    "Events": "Actividades",
    "Not published": "Sin publicar",
    "Consent pending or withheld": "Consentimiento pendiente o denegado",
    "No alt text": "Sin texto alternativo",
    "Private collection": "Colección privada",
    "Not public because": "No es pública porque",
    "Any reason": "Cualquier motivo",
    "Consent": "Consentimiento",
    "Alt text": "Texto alternativo",
    "Missing": "Falta",
    "Present": "Presente",
    "Community": "Comunidad",
    "Needs": "Necesita",
    "Decade": "Década",
    "Artist": "Artista",
    "Kind": "Tipo",
    "Place": "Lugar",
    "Oldest first": "Más antiguas primero",
    "Newest first": "Más recientes primero",
    "Title A–Z": "Título A–Z",
    "Recently added": "Añadidas recientemente",
    "Search": "Buscar",
    "Best match": "Más pertinentes",
    "Back to the photographs": "Volver a las fotografías",
    "Back to your results": "Volver a sus resultados",
    "Add": "Añadir",
    "Remove": "Quitar",
    "Names": "Nombres",
    "Separate several with commas.": "Separe varios con comas.",
    "Give at least one name.": "Indique al menos un nombre.",
    "Communities": "Comunidades",
    "Leave as it is": "Dejar como está",
    "Empty: leave as it is.": "Vacío: se deja como está.",
    "Source or lender": "Procedencia o prestador",
    "Choose at least one thing to set.": "Elija al menos un dato que cambiar.",
    "Yes, apply": "Sí, aplicar",
    "Add or remove communities on the selected photographs": "Añadir o quitar comunidades de las fotografías seleccionadas",
    "Add or remove communities": "Añadir o quitar comunidades",
    "Keywords": "Palabras clave",
    "Add or remove keywords on the selected photographs": "Añadir o quitar palabras clave de las fotografías seleccionadas",
    "Add or remove keywords": "Añadir o quitar palabras clave",
    "Rights, credit, consent…": "Derechos, crédito, consentimiento…",
    "Set rights, credit line, source, kind or consent on the selected photographs":
        "Fijar derechos, crédito, procedencia, tipo o consentimiento de las fotografías seleccionadas",
    "Set rights, credit line, source, kind or consent": "Fijar derechos, crédito, procedencia, tipo o consentimiento",
    "Merge into another community": "Fusionar con otra comunidad",
    "Merge into": "Fusionar con",
    "Every photograph, artist and exhibition tagged with this community gets that one instead.":
        "Cada fotografía, artista y exposición con esta comunidad pasa a tener aquella.",
    "Contemporary": "Contemporánea",
    "Historical": "Histórica",
    "Camera": "Cámara",
    "Lens": "Objetivo",
    "Exposure": "Tiempo de exposición",
    "Aperture": "Apertura",
    "ISO": "ISO",
    "Focal length": "Distancia focal",
    "%(names)s and %(last)s": "%(names)s y %(last)s",
    "Photographs matching “%(q)s”": "Fotografías que coinciden con «%(q)s»",
    "Photographs": "Fotografías",
    "Browse the archive's photographs by community, artist, exhibition, decade, kind and place.":
        "Explore las fotografías del archivo por comunidad, artista, exposición, década, tipo y lugar.",
    "Photographs by %(name)s in the archive.": "Fotografías de %(name)s en el archivo.",
    "Photographs of the %(name)s community in the archive.": "Fotografías de la comunidad %(name)s en el archivo.",
    "The photographers whose work the archive keeps and its exhibitions show.":
        "Los fotógrafos cuya obra guarda el archivo y muestran sus exposiciones.",
    "The immigrant and refugee communities the archive’s photographs show.":
        "Las comunidades inmigrantes y refugiadas que muestran las fotografías del archivo.",
    "Artists": "Artistas",
    "Home": "Inicio",
    "Venues": "Sedes",
    "Search: “%(q)s”": "Búsqueda: «%(q)s»",
    "Search the archive's photographs, artists, exhibitions, events, venues and communities.":
        "Busque en las fotografías, artistas, exposiciones, actividades, sedes y comunidades del archivo.",
    "Skip to content": "Ir al contenido",
    "Main": "Principal",
    "Search the whole site": "Buscar en todo el sitio",
    "Search the site": "Buscar en el sitio",
    "Language": "Idioma",
    "a community photo archive": "un archivo fotográfico comunitario",
    "All photographs": "Todas las fotografías",
    "Open data:": "Datos abiertos:",
    "Venue checklists": "Listas de control de las sedes",
    "Not done after their date": "Sin hacer pasada su fecha",
    "due %(due)s": "para el %(due)s",
    "Nothing overdue.": "Nada atrasado.",
    "Ticked and sent by the venues (last 30 days)": "Marcado y enviado por las sedes (últimos 30 días)",
    "ticked by %(who)s on %(when)s": "marcado por %(who)s el %(when)s",
    "Open the attached file": "Abrir el archivo adjunto",
    "Nothing ticked by venue staff lately.": "El personal de las sedes no ha marcado nada últimamente.",
    "Every venue's checklist on the tour schedule": "La lista de control de cada sede en el calendario de la gira",
    "Drafts waiting": "Borradores pendientes",
    "live, with unpublished changes": "publicada, con cambios sin publicar",
    "never published": "nunca publicada",
    "saved %(when)s ago": "guardada hace %(when)s",
    "No drafts waiting: every page is published as saved.": "No hay borradores pendientes: cada página está publicada tal como se guardó.",
    "What needs doing": "Qué hay que hacer",
    "Signed in as %(name)s.": "Sesión iniciada como %(name)s.",
    "Account": "Cuenta",
    "Photographs not yet public": "Fotografías aún no públicas",
    "Why (a photograph can have several reasons):": "Por qué (una fotografía puede tener varios motivos):",
    "Every photograph in the archive is public.": "Todas las fotografías del archivo son públicas.",
    "The next 30 days of the tour": "Los próximos 30 días de la gira",
    "No deliveries, installs, openings, pack-by dates or insurance dates in the next %(days)s days.":
        "No hay entregas, montajes, inauguraciones, fechas de embalaje ni de seguro en los próximos %(days)s días.",
    "The whole tour's schedule, every venue": "El calendario de toda la gira, todas las sedes",
    "All exhibitions and events": "Todas las exposiciones y actividades",
    "No events scheduled yet.": "Aún no hay actividades programadas.",
    "Past events": "Actividades pasadas",
    "None at the moment.": "Ninguna por ahora.",
    "%(title)s: calendar": "%(title)s: calendario",
    "IIIF manifest": "Manifiesto IIIF",
    "Traveling exhibition": "Exposición itinerante",
    "Itinerary": "Itinerario",
    "Events to be announced.": "Actividades por anunciar.",
    "In the exhibition": "En la exposición",
    "IIIF manifest: drag this into any IIIF viewer, or open it there": "Manifiesto IIIF: arrástrelo a cualquier visor IIIF, o ábralo allí",
    "Featured artists": "Artistas destacados",
    "From the archive": "Del archivo",
    "Subscribe to %(label)s": "Suscribirse a %(label)s",
    "Download as a file (.ics)": "Descargar como archivo (.ics)",
    "Subscribing adds this calendar to your calendar app, which then keeps it up to date as dates change. The file is a copy that will not change. To add one event, use “Add to calendar” beside it.":
        "Al suscribirse, este calendario se añade a su aplicación de calendario, que lo mantiene al día cuando cambian las fechas. El archivo es una copia que no cambiará. Para añadir una sola actividad, use «Añadir al calendario» junto a ella.",
    "With %(speakers)s": "Con %(speakers)s",
    "Add to calendar": "Añadir al calendario",
    "RSVP": "Confirmar asistencia",
    "Exhibitions at %(name)s": "Exposiciones en %(name)s",
    "Venue": "Sede",
    "Hours": "Horario",
    "Access": "Accesibilidad",
    "Website": "Sitio web",
    "Nothing scheduled.": "Nada programado.",
    "No, go back": "No, volver",
    "Merge": "Fusionar",
    "Cancel": "Cancelar",
    "Search and filter these": "Buscar y filtrar estas",
    "Historical and contemporary photographs of Missouri’s immigrant and refugee communities.":
        "Fotografías históricas y contemporáneas de las comunidades inmigrantes y refugiadas de Misuri.",
    "Search, or narrow by %(facet_names)s.": "Busque, o acote por %(facet_names)s.",
    "Search.": "Busque.",
    "Search the photographs": "Buscar en las fotografías",
    "Filter": "Filtrar",
    "(%(count)s active)": "(%(count)s activos)",
    "(selected; follow to remove)": "(seleccionado; siga el enlace para quitarlo)",
    "photographs": "fotografías",
    "Active filters": "Filtros activos",
    "(remove)": "(quitar)",
    "Clear all": "Quitar todos",
    "Sort": "Orden",
    "Sort:": "Orden:",
    "Nothing matches “%(q)s” exactly; these are the nearest matches.": "Nada coincide exactamente con «%(q)s»; estas son las coincidencias más cercanas.",
    "No photographs match “%(q)s” with these filters.": "Ninguna fotografía coincide con «%(q)s» con estos filtros.",
    "No photographs match “%(q)s”.": "Ninguna fotografía coincide con «%(q)s».",
    "No photographs match these filters.": "Ninguna fotografía coincide con estos filtros.",
    'Did you mean <a href="%(url)s">%(q)s</a>?': '¿Quiso decir <a href="%(url)s">%(q)s</a>?',
    "Try fewer or shorter words, check the spelling, or remove a filter above.": "Pruebe con menos palabras o más cortas, revise la ortografía o quite un filtro de arriba.",
    "Clear all filters": "Quitar todos los filtros",
    "Search the whole site for “%(q)s”": "Buscar «%(q)s» en todo el sitio",
    "Pages of results": "Páginas de resultados",
    "Previous": "Anterior",
    "Page": "Página",
    "Next": "Siguiente",
    "No public photographs here yet.": "Aún no hay fotografías públicas aquí.",
    "Nothing here yet.": "Aún no hay nada aquí.",
    "More photographs in this selection": "Más fotografías de esta selección",
    "%(position)s of %(total)s": "%(position)s de %(total)s",
    "Zoomable view of “%(title)s”": "Vista ampliable de «%(title)s»",
    "Drag or use the arrow keys to move; scroll, pinch or press + and − to zoom; 0 goes back to the whole photograph.":
        "Arrastre o use las flechas del teclado para moverse; desplace, pellizque o pulse + y − para ampliar; 0 vuelve a la fotografía entera.",
    "Creator": "Autoría",
    "Date": "Fecha",
    "Source": "Procedencia",
    "Credit": "Crédito",
    "Rights": "Derechos",
    "Search results for “%(q)s”": "Resultados de la búsqueda de «%(q)s»",
    "Search photographs, artists, exhibitions, events, venues and communities": "Buscar fotografías, artistas, exposiciones, actividades, sedes y comunidades",
    "Results by kind": "Resultados por tipo",
    "All %(count)s %(label)s in the gallery": "Las %(count)s %(label)s en la galería",
    "Search and filter these in the gallery": "Buscar y filtrar estas en la galería",
    "Nothing on the site matches “%(q)s”.": "Nada en el sitio coincide con «%(q)s».",
    'Try fewer or shorter words, or check the spelling. You can also <a href="%(url)s">browse the photographs</a> by community, decade and place.':
        'Pruebe con menos palabras o más cortas, o revise la ortografía. También puede <a href="%(url)s">explorar las fotografías</a> por comunidad, década y lugar.',
    "Reading this photograph's file raised these warnings:": "Al leer el archivo de esta fotografía surgieron estos avisos:",
    "Image focal point": "Punto focal de la fotografía",
    "Focal point": "Punto focal",
    "(optional)": "(opcional)",
    "To define this image's most important region, drag a box over the image above.": "Para definir la zona más importante de la fotografía, arrastre un recuadro sobre ella.",
    "Remove focal area": "Quitar el área focal",
    "Original size": "Tamaño original",
    "File size": "Tamaño del archivo",
    "File not found": "Archivo no encontrado",
    "Original file name (private)": "Nombre original del archivo (privado)",
    "Usage": "Uso",
    "Possible near-duplicates": "Posibles casi duplicados",
    "None found.": "No se encontró ninguno.",
    "Not compared yet.": "Aún no comparada.",
    "Raw EXIF (private)": "EXIF sin procesar (privado)",
    # What each rights statement means (their names stay as their organisations write them).
    "Protected by copyright. Ask the rights holder before reusing it.": "Protegida por derechos de autor. Pida permiso al titular antes de reutilizarla.",
    "Protected by copyright; may be used for teaching and learning without asking.": "Protegida por derechos de autor; puede usarse para enseñar y aprender sin pedir permiso.",
    "Protected by copyright; may be used for non-commercial purposes without asking.": "Protegida por derechos de autor; puede usarse con fines no comerciales sin pedir permiso.",
    "Free of copyright in the United States; other restrictions may apply elsewhere.": "Libre de derechos de autor en los Estados Unidos; en otros lugares puede haber otras restricciones.",
    "Nobody has yet worked out whether this is protected by copyright.": "Nadie ha determinado aún si está protegida por derechos de autor.",
    "Its copyright status was looked into but could not be settled.": "Se investigó su situación de derechos de autor, pero no pudo aclararse.",
    "Free to share and adapt, with credit to the photographer.": "Se puede compartir y adaptar libremente, citando al fotógrafo.",
    "Free to share and adapt, with credit, if what you make is shared the same way.": "Se puede compartir y adaptar libremente, citando la autoría, si lo que haga se comparte del mismo modo.",
    "Free to share and adapt for non-commercial purposes, with credit.": "Se puede compartir y adaptar con fines no comerciales, citando la autoría.",
    "Free to share unchanged for non-commercial purposes, with credit.": "Se puede compartir sin cambios con fines no comerciales, citando la autoría.",
    "Given to the public domain: free for any use.": "Cedida al dominio público: libre para cualquier uso.",
    "Known to be free of copyright: free for any use.": "Se sabe libre de derechos de autor: libre para cualquier uso.",
    # The venue staff's pages (one address, English for now; ready for a staff language).
    "Staff": "Personal",
    "Signed in as <strong>%(signed_in_as)s</strong>": "Sesión iniciada como <strong>%(signed_in_as)s</strong>",
    "Schedule": "Calendario",
    "Dashboard": "Panel",
    "Log out": "Cerrar sesión",
    "Revoke the calendar link": "Revocar el enlace del calendario",
    "Venue staff · not public": "Personal de la sede · no público",
    "Revoke your calendar link?": "¿Revocar su enlace del calendario?",
    "Calendars subscribed to this link (Google, Apple, Outlook, on any device) stop receiving the schedule. You can make a new link afterwards, and subscribe again with it.":
        "Los calendarios suscritos a este enlace (Google, Apple, Outlook, en cualquier dispositivo) dejan de recibir el calendario. Después puede crear un enlace nuevo y suscribirse otra vez con él.",
    "Yes, revoke the link": "Sí, revocar el enlace",
    "No, keep it": "No, conservarlo",
    "You have no calendar link to revoke.": "No tiene ningún enlace de calendario que revocar.",
    "Back to the schedule": "Volver al calendario",
    "Venue schedule": "Calendario de la sede",
    "Schedule: every venue of the tour": "Calendario: todas las sedes de la gira",
    "Schedule: %(venue_names)s": "Calendario: %(venue_names)s",
    "Printed from the archive on %(when)s": "Impreso desde el archivo el %(when)s",
    "Download CSV": "Descargar CSV",
    "Your private calendar (logistics included; do not share it):": "Su calendario privado (con la logística; no lo comparta):",
    "Subscribe": "Suscribirse",
    "Calendar link": "Enlace del calendario",
    "Copied": "Copiado",
    "Copy link": "Copiar el enlace",
    "Google Calendar: Other calendars, +, From URL, paste the link. Apple Calendar: File, New Calendar Subscription, paste it. Outlook: Add calendar, Subscribe from web, paste it.":
        "Google Calendar: Otros calendarios, +, Desde URL, pegue el enlace. Calendario de Apple: Archivo, Nueva suscripción a calendario, péguelo. Outlook: Agregar calendario, Suscribirse desde la web, péguelo.",
    "Revoke this calendar link…": "Revocar este enlace del calendario…",
    "Make a private calendar link": "Crear un enlace de calendario privado",
    "Your account is not linked to a venue yet. Ask a curator to add you to your venue's staff.":
        "Su cuenta aún no está vinculada a una sede. Pida a un curador que le añada al personal de su sede.",
    "Today, %(today_text)s": "Hoy, %(today_text)s",
    "Nothing coming up at %(venue_names)s.": "Nada próximamente en %(venue_names)s.",
    "Showings and logistics": "Paradas y logística",
    "Earlier": "Anteriores",
    # A curator's upload while the object store is down (sitewide.storage_outage).
    "The media storage is not answering, so nothing was saved. Try again in a minute; if it goes on, tell the site's administrators.":
        "El almacenamiento de archivos no responde, así que no se ha guardado nada. Inténtelo de nuevo en un minuto; si sigue igual, avise a los administradores del sitio.",
    # A photograph's own words in the site's other languages (its edit page, the dashboard, the listing's filter).
    "Not translated": "Sin traducir",
    "%(field)s in %(language)s": "%(field)s en %(language)s",
    "%(field)s missing in %(language)s": "%(field)s sin traducir al %(language)s",
    "Words not yet translated": "Textos aún sin traducir",
    "Every photograph's words are in %(language)s.": "Los textos de todas las fotografías están en %(language)s.",
    "In %(language)s": "En %(language)s",
    "Leave a field empty to leave it untranslated; what you type is kept exactly as typed.": "Deje un campo vacío para dejarlo sin traducir; lo que escriba se guarda exactamente como lo escribió.",
    "%(field)s in %(source)s": "%(field)s en %(source)s",
    "(empty)": "(vacío)",
    "Not translated into %(language)s yet": "Aún sin traducir al %(language)s",
}


def main():
    po = polib.pofile(str(PO))
    po.metadata.update({
        "Project-Id-Version": "faces-and-places", "Language": "es", "Content-Type": "text/plain; charset=UTF-8",
        "Plural-Forms": "nplurals=2; plural=(n != 1);", "PO-Revision-Date": po.metadata.get("POT-Creation-Date", ""),
        "Last-Translator": "Faces & Places Archive", "Language-Team": "Spanish",
    })
    missing = []
    for entry in po:
        if entry.obsolete:
            continue
        if entry.msgid_plural:
            words = PLURAL.get(entry.msgid)
            if words:
                entry.msgstr_plural = {0: words[0], 1: words[1]}
        else:
            words = CONTEXT.get((entry.msgctxt, entry.msgid)) if entry.msgctxt else WORDS.get(entry.msgid)
            if words:
                entry.msgstr = words
        if words is None:
            missing.append(entry.msgid)
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    po.header = "Spanish words of the interface: written by locale/spanish.py from its tables."
    if "fuzzy" in po.metadata_is_fuzzy or po.metadata_is_fuzzy:
        po.metadata_is_fuzzy = False
    po.save()
    for msgid in missing:
        print(f"no Spanish for: {msgid!r}", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
