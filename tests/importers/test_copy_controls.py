"""Control labels in other languages and breadcrumbs glued to the headline: never a text copy's title (issue 28)."""

from __future__ import annotations

from essaykit.importers.text_controls import control_line
from essaykit.importers.text_title_crumbs import glued_crumb

from .test_text_titles import MENU, PROSE, _copy

LABELS = ["Direkt zum Inhalt | Direkt zur Navigation", "Aller au contenu", "Ir al contenido principal",
          "Przejdź do treści", "Naar de inhoud", "Hoppa till innehållet", "Siirry sisältöön", "Vai al contenuto",
          "Suche ein- oder ausblenden", "Zurück zur Übersicht", "Mehr anzeigen", "Jaa artikkeli Facebookissa",
          "Toggle navigation", "Was möchtest du suchen?", "Lesezeit: ca. 3 Minuten", "4 min leestijd",
          "Temps de lecture : 5 min"]


def test_control_labels_in_the_languages_read_are_known():
    assert [label for label in LABELS if not control_line(label)] == []
    # Headlines made of everyday words are no labels, nor a line of small words alone.
    for headline in ("Mehr Platz für die Fähre am Steg", "Les bateaux du port de Kiel", "Zum Hafen", "Der die das",
                     "Voir Naples et mourir", "Leia mais sobre a maré alta de ontem"):
        assert not control_line(headline), headline


def test_a_search_toggle_over_the_date_is_not_the_title(tmp_path):
    # A canton's news page: its search toggle stands right over the release's date, the headline further down.
    lines = [*MENU, "Suche ein- oder ausblenden", "08. Februar 2022", "Zurück zur Übersicht",
             "Medienmitteilung der Hafendirektion", ":", "Die Fähre nach Kiel fährt ab März wieder täglich", "",
             PROSE, "", PROSE]
    post = _copy(tmp_path, lines)
    assert post.title == "Die Fähre nach Kiel fährt ab März wieder täglich"


def test_a_share_button_over_its_count_is_not_the_title(tmp_path):
    lede = "Sumu sulki sataman aamulla, ja kolme lauttaa jäi laituriin odottamaan näkyvyyden paranemista."
    story = ("Lautta lähti ennen aamunkoittoa, eikä kukaan laiturilla heiluttanut sille, koska kaikki nukkuivat vielä "
             "ja sumu oli niin paksu veden päällä, ettei rannan lyhtyjä juuri nähnyt lainkaan tänä aamuna.")
    lines = ["Uutiset", "Urheilu", "Kulttuuri", "Sumu pysäytti lautat Helsingin satamassa", "", lede, "",
             "Kotimaa 19.2.2020 klo 14.00", "Lautta laiturissa sumuisena aamuna.", "Greta Holm / Kuvaaja",
             "Ruth Amsel", "Jaa artikkeli:", "Jaa artikkeli Facebookissa", "1280", "Jaa artikkeli Twitterissä", "",
             story, "", story]
    assert _copy(tmp_path, lines).title == "Sumu pysäytti lautat Helsingin satamassa"


def test_a_breadcrumb_glued_to_the_headline_gives_way_to_the_headline_alone(tmp_path):
    headline = "Fähre und Hafen: Neue Anlegestelle in Kiel eröffnet"
    lines = [*MENU, f"Home News {headline}", "", "Zurück", "", "© Greta Holm", "", "8. November 2021 | Aktuelles", "",
             headline, "", PROSE, "", PROSE]
    post = _copy(tmp_path, lines)
    assert post.title == headline
    assert glued_crumb(lines, len(MENU)) == lines.index(headline)
    # A kicker that ends with a colon is part of the headline, and a short line under it is no headline alone.
    assert glued_crumb([f"Kiel: {headline}", headline], 0) is None
    assert glued_crumb(["Home News Kiel", "Kiel"], 0) is None


def test_a_javascript_notice_is_never_the_title(tmp_path):
    notices = ["JavaScript scheint in Ihrem Browser deaktiviert zu sein.", "Please enable JavaScript to see the comments",
               "Activez JavaScript pour continuer", "Bitte aktivieren Sie JavaScript in Ihrem Browser."]
    assert all(control_line(n) for n in notices)
    assert not control_line("Why JavaScript frameworks keep changing"), "a headline naming JavaScript is none"
    assert not control_line("Learning JavaScript activities for kids")
    # A shop's copy with no headline the structure shows: the notice is dropped with the header, and the title
    # taken is reported as a guess.
    notice = "Um den Shop ganz nutzen zu können, aktivieren Sie bitte JavaScript in Ihrem Browser."
    post = _copy(tmp_path, [notice, "Gutscheine", "Magazin", "Kontakt", "Kleintier", "Stall", "", PROSE, "", PROSE])
    assert post.title != notice
    assert any(d.startswith("the title") and "is a guess" in d for d in post.doubts)


def test_a_byline_in_another_language_marks_the_headline_over_it(tmp_path):
    # Joomla's "Geschrieben von NAME", a theme's "Erstellt von NAME": the line under a headline, never a headline.
    from essaykit.importers.text_title_meta import _meta

    for byline in ("Erstellt von kidogo", "Geschrieben von Greta Holm", "Escrito por Ana Ruiz",
                   "Scritto da Luca Bianchi", "Geschreven door Jan de Vries"):
        assert _meta(byline), byline
    assert not _meta("Geschrieben von einer Fährfrau, die seit dreißig Jahren jeden Morgen vor der Dämmerung über "
                     "den Hafen fährt"), "a sentence starting so is no byline"
    lines = [*MENU, "Neuigkeiten", "Archiv 2024", "Nebel legt den Fährverkehr lahm", "Erstellt von Greta Holm", "",
             PROSE, "", PROSE]
    post = _copy(tmp_path, lines)
    assert post.title == "Nebel legt den Fährverkehr lahm"


def test_a_list_heading_over_a_date_is_not_the_title(tmp_path):
    # A news site's "latest news" box over the article: its heading repeated in the footer, a date under it.
    lede = "El sindicato del puerto pide un aumento del sesenta por ciento y amenaza con parar los transbordadores."
    story = ("El transbordador salió antes del amanecer y nadie en el muelle lo despidió, porque todos dormían todavía "
             "y la niebla era tan espesa sobre el agua que apenas se veían las farolas de la orilla aquella mañana.")
    lines = ["Inicio", "Política", "Economía", "Últimas noticias", "4 de mayo de 2022", "El Diario del Puerto",
             "Suscribirse", "Buscar", "Paritarias en el puerto: los estibadores amenazan con un paro total",
             "Política 04 mayo 2022 - 00:00", lede, "", story, "", story, "", "Últimas noticias", "Contacto"]
    post = _copy(tmp_path, lines)
    assert post.title == "Paritarias en el puerto: los estibadores amenazan con un paro total"
    assert all(control_line(h) for h in ("Neueste Beiträge", "Articles récents", "Meistgelesen", "Seite auswählen"))


def test_breadcrumb_trails_and_agency_credits_are_never_the_title(tmp_path):
    from essaykit.importers.text_title_crumbs import trail

    assert trail("Hafen News›Fähren›Kiel") and trail("Startseite>Hafen>Fähren")
    assert not trail("»Einfach kein Platz mehr auf der Fähre«"), "German quotation marks are no arrows"
    assert trail("hafenblatt.de Kultur Hafenfest Bücher & Autoren", "Sie sind hier:")
    assert control_line("APA/Greta Holm") and not control_line("ADD/ADHD")
    headline = "Die Minze als Mutmacher – ein Bericht aus dem Hafen von Kiel"
    lines = [*MENU, "Sie sind hier:", "hafenblatt.de Kultur Hafenfest Bücher & Autoren", headline,
             "Veröffentlicht am 19.10.19 um 14:34 Uhr", "", PROSE, "", PROSE]
    assert _copy(tmp_path, lines).title == headline
    lines = [*MENU, "Hafenblatt News›Fähren›Kiel", "Neue Fähre: So sieht das Deck von innen aus", "",
             "APA/Greta Holm", "", "09 Jun 2020, 02:32 PM", "", PROSE, "", PROSE]
    assert _copy(tmp_path, lines).title == "Neue Fähre: So sieht das Deck von innen aus"
