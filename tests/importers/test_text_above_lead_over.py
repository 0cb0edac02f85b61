"""A text copy's lead paragraph right over a guessed title that is the article's first subheading is the article's
(essaykit/importers/text_above.py: lead_over): furniture over the lead, the article going on under the title. A
teaser under its own headline, a consent banner, a sure title and a title with no article under it keep it out."""

from __future__ import annotations

from essaykit.importers.text_above import HEADER, prose_start

COPIES = {
    "de": {"button": "Abonnieren",
           "lead": "Gelassenheit ist ein leiser Begleiter im Alltag der Gärtner von Tarnstedt. Sie hilft, wenn der "
                   "Frost die Knospen nimmt, und sie wächst, wenn man ihr Zeit lässt. In diesem Beitrag sehen wir uns "
                   "an, woher sie kommt.",
           "title": "Gelassenheit: was ist das?",
           "under": ["Gelassenheit ist das Gefühl, dass ein verlorenes Beet kein verlorenes Jahr ist, und dass der "
                     "Garten auch im nächsten Frühling wieder grün wird.", "Kann man sie üben?",
                     "Ja, sagen die Gärtner, und zwar jeden Morgen beim Gießen, wenn man die Pflanzen ansieht und "
                     "nicht gleich an die Ernte denkt."]},
    "en": {"button": "Subscribe",
           "lead": "Patience is the quiet skill that every ferry keeper on the Larch learns in the first winter. It "
                   "helps when the ice holds the boat, and it grows when nobody hurries it. This piece looks at where "
                   "it comes from.",
           "title": "Patience: what is it?",
           "under": ["Patience is the feeling that a lost crossing is not a lost day, and that the river will still "
                     "be there when the thaw comes in March.", "Can it be learned?",
                     "Yes, say the keepers, every morning at the rope, when they watch the water and do not think of "
                     "the timetable at all."]},
    "es": {"button": "Suscribirse",
           "lead": "La paciencia es la virtud discreta que aprenden los barqueros del río Tarna en su primer invierno. "
                   "Ayuda cuando el hielo retiene la barca y crece cuando nadie la apura. Este artículo mira de dónde "
                   "viene.",
           "title": "La paciencia: ¿qué es?",
           "under": ["La paciencia es sentir que un cruce perdido no es un día perdido, y que el río seguirá allí "
                     "cuando llegue el deshielo en marzo.", "¿Se puede aprender?",
                     "Sí, dicen los barqueros, cada mañana junto a la cuerda, mirando el agua sin pensar en el "
                     "horario de la semana."]},
}
MENU = ["Inicio", "Start", "Home", "Themen"]


def _copy(copy: dict, over: list[str] | None = None, under: list[str] | None = None) -> tuple[list[str], int]:
    lines = [*MENU, *(over if over is not None else [copy["button"], "", copy["lead"], ""]), copy["title"], "",
             *[x for line in (copy["under"] if under is None else under) for x in (line, "")]]
    return lines, lines.index(copy["title"])


def _start(copy: dict, guessed: bool = True, **kw) -> int | None:
    lines, title_at = _copy(copy, **kw)
    labels = {i: HEADER for i in range(title_at) if lines[i].strip()}
    labels[title_at] = "title"
    return prose_start(lines, labels, title_at, len(lines), guessed)


def test_the_lead_over_a_guessed_subheading_is_the_articles_in_three_languages():
    for lang, copy in COPIES.items():
        lines, _ = _copy(copy)
        assert _start(copy) == lines.index(copy["lead"]), lang


def test_a_sure_title_keeps_the_paragraph_over_it_out():
    assert _start(COPIES["en"], guessed=False) is None


def test_a_teaser_under_its_own_headline_is_not_taken():
    copy = COPIES["de"]
    assert _start(copy, over=["Zwölf Beete für den Schatten", copy["lead"], ""]) is None


def test_a_consent_banner_is_not_taken():
    copy = COPIES["en"]
    banner = ("We use cookies to keep this site running and to count our readers. You can change your choice at any "
              "time in the settings at the foot of every page of the site.")
    assert _start(copy, over=[copy["button"], "", banner, ""]) is None


def test_no_article_under_the_title_means_no_lead():
    copy = COPIES["es"]
    assert _start(copy, under=["Leer más", "Otro titular del día", copy["under"][0]]) is None
    assert _start(copy, under=[copy["under"][0], "Otro titular", "Y otro más", "Y el último"]) is None
