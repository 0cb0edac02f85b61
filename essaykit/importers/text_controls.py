"""A text copy's control labels in the languages beyond English: skip links, search and menu toggles, share buttons,
"back to the overview", "show more", and a reading time. None of these is a headline, whatever stands by it.

A browser copies a control's label as a line of its own ("Direkt zum Inhalt | Direkt zur Navigation", "Aller au
contenu", "Przejdź do treści", "Suche ein- oder ausblenden", "Jaa artikkeli Facebookissa", "Zurück zur Übersicht").
Such a line often stands right over a date (a news site's date under its controls), which made it look like a
headline. :func:`.text_labels.chrome_line` asks :func:`control_line` for these; the English words are its own.
"""

from __future__ import annotations

import re

# The words of controls' labels, by language. A line made of these words only (and of English control words) is a
# control's label. Small words ("zum", "au", "al", "do") count only beside control words: a line of small words alone
# is no label (see :func:`control_line`).
_SMALL = frozenset("""
    zum zur ein aus oder und nach der die das den dem au aux la le les de du des à al el los las o a para di del della dei
    naar de het ga do na z w till til och og to
    """.split())
_WORDS = frozenset("""
    direkt inhalt hauptinhalt navigation hauptnavigation springen überspringen suche suchen einblenden ausblenden
    zurück übersicht mehr weniger anzeigen weiterlesen schließen öffnen menü hauptmenü startseite abmelden login
    abo digital impressum datenschutz kontakt seitenanfang oben
    aller contenu principal principale passer accéder directement recherche rechercher fermer ouvrir retour accueil
    lire suite voir plus
    ir contenido saltar navegación buscar búsqueda cerrar abrir volver leer más menú inicio
    vai contenuto salta navigazione cerca chiudi apri torna indietro leggi più
    conteúdo pular navegação pesquisar fechar voltar leia mais início
    inhoud hoofdinhoud direct zoeken sluiten openen terug lees meer delen navigatie overslaan
    przejdź treści głównej treść nawigacji szukaj wyszukaj zamknij otwórz wróć czytaj więcej udostępnij
    hoppa innehåll innehållet huvudinnehåll sök stäng dela läs mer meny
    siirry sisältöön pääsisältöön hae haku sulje avaa jaa artikkeli facebookissa twitterissä whatsappissa
    sähköpostilla tulosta lue lisää valikko takaisin
    gå indhold innhold hovedindhold søg søk luk lukk del læs les mere
    toggle dropdown expand collapse overview navigation skip content main
    """.split())
# A search box's prompt ("Was möchtest du suchen?", "Wonach suchen Sie?", "Que recherchez-vous ?", "¿Qué estás buscando?").
_PROMPT = re.compile(r"^(?:was|wonach) (?:möchtest du|möchten sie|suchst du|suchen sie)(?: suchen| finden)?"
                     r"|^que recherchez-vous|^¿?qué (?:estás buscando|buscas|está buscando)"
                     r"|^cosa stai cercando|^o que (?:você )?(?:procura|está procurando)|^waar (?:ben je|bent u) naar op zoek"
                     r"|^czego szukasz", re.I)
# A reading time in the languages read ("Lesezeit: ca. 3 Minuten", "3 min leestijd", "5 Min. Lesezeit",
# "Temps de lecture : 4 min", "Tiempo de lectura: 2 minutos", "4 minuti di lettura").
_READING = (r"lesezeit|lesedauer|leestijd|leesduur|temps de lecture|tiempo de lectura|tempo di lettura|tempo de leitura"
            r"|czas czytania|lästid|lukuaika|læsetid|lesetid")
_MINUTES = r"(?:ca\.?\s*|~\s*)?\d+(?:\s*[-–]\s*\d+)?\s*(?:min(?:\.|ute[ns]?|utos?|uti|uten|uter|utter|uuttia|ut)?)"
READING_TIME = re.compile(rf"^(?:(?:{_READING})\s*:?\s*{_MINUTES}|{_MINUTES}\s*(?:{_READING}|de lecture|de lectura"
                          rf"|di lettura|de leitura|czytania))\W*$", re.I)


def control_line(text: str) -> bool:
    """A control's label or a search prompt in one of the languages read, or a reading time: never a headline."""
    text = text.strip()
    if _PROMPT.match(text) or READING_TIME.match(text):
        return True
    words = re.findall(r"[^\W\d_]+", text.lower())
    return (bool(words) and all(w in _WORDS or w in _SMALL for w in words)
            and any(w in _WORDS for w in words))
