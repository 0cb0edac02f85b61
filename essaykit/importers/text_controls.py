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
# A search box's prompt ("Was möchtest du suchen?", "Wonach suchen Sie?", "Que recherchez-vous ?", "¿Qué estás buscando?")
# or placeholder.
_PROMPT = re.compile(r"^(?:was|wonach) (?:möchtest du|möchten sie|suchst du|suchen sie)(?: suchen| finden)?"
                     r"|^que recherchez-vous|^¿?qué (?:estás buscando|buscas|está buscando)"
                     r"|^cosa stai cercando|^o que (?:você )?(?:procura|está procurando)|^waar (?:ben je|bent u) naar op zoek"
                     r"|^czego szukasz"
                     # a search box's placeholder ("Suche in allen Inhalten", "Search this site", "Rechercher sur le site")
                     r"|^such(?:e|en) (?:in allen inhalten|auf (?:der|dieser) (?:seite|website|webseite))\W*$"
                     r"|^(?:diese|die) (?:seite|website|webseite) durchsuchen\W*$|^suchbegriff(?: eingeben)?\W*$"
                     r"|^search (?:this|the|our) (?:site|website|blog)\W*$|^enter (?:a |your )?search terms?\W*$"
                     r"|^rechercher (?:sur|dans) (?:le|ce) site\W*$|^buscar en (?:el|este) sitio\W*$"
                     r"|^cerca nel sito\W*$|^zoeken (?:op|in) (?:de|deze) (?:site|website)\W*$", re.I)
# A reading time in the languages read ("Lesezeit: ca. 3 Minuten", "3 min leestijd", "5 Min. Lesezeit",
# "Temps de lecture : 4 min", "Tiempo de lectura: 2 minutos", "4 minuti di lettura").
_READING = (r"lesezeit|lesedauer|leestijd|leesduur|temps de lecture|tiempo de lectura|tempo di lettura|tempo de leitura"
            r"|czas czytania|lästid|lukuaika|læsetid|lesetid")
_MINUTES = r"(?:ca\.?\s*|~\s*)?\d+(?:\s*[-–]\s*\d+)?\s*(?:min(?:\.|ute[ns]?|utos?|uti|uten|uter|utter|uuttia|ut)?)"
READING_TIME = re.compile(rf"^(?:(?:{_READING})\s*:?\s*{_MINUTES}|{_MINUTES}\s*(?:{_READING}|de lecture|de lectura"
                          rf"|di lettura|de leitura|czytania))\W*$", re.I)


# A notice that the page needs JavaScript ("JavaScript scheint in Ihrem Browser deaktiviert zu sein.", "Bitte aktivieren
# Sie JavaScript", "Please enable JavaScript", "Activez JavaScript", "Habilite JavaScript", "Attiva JavaScript").
_SWITCH = (r"(?:(?:de)?aktivier\w*|enabled?|disabled?|activ(?:e|ez|er|ate|ated|ar|ado|ada|ée|é)|désactiv\w*"
           r"|(?:des)?habilit(?:e|ar|ado|ada)|(?:dis)?attiv(?:a|are|ato|ata)|inschakel\w*|uitgeschakel\w*|(?:wy)?łącz\w*)")
_SCRIPT_NOTICE = re.compile(rf"\bjavascript\b.*\b{_SWITCH}\b|\b{_SWITCH}\s+(?:\w+\s+){{0,3}}javascript\b", re.I)

# A notice that the reader's browser is too old ("Der Browser wird leider nicht mehr unterstützt!", "Your browser is
# not supported", "Votre navigateur n'est plus pris en charge", "Tu navegador está desactualizado", "Aggiorna il browser").
_YOUR_BROWSER = (r"\b(?:your|dein\w*|ihr\w*|der|this|diese[rmn]?|votre|ce|tu|su|este|il tuo|il suo|questo|seu|o seu"
                 r"|o teu)\s+(?:\w+\s+)?(?:browser|navigateur|navegador)\b")
_UNSUPPORTED = (r"(?:nicht|no longer|not|n'est plus|no es|non è|não é)\b.{0,20}\b(?:unterstützt|supported|pris en charge"
                r"|compatible|supportato|compatibile|suportado|compatível)|veraltet|outdated|out of date|obsolète"
                r"|desactualizado|obsoleto|desatualizado")
_BROWSER_NOTICE = re.compile(
    rf"{_YOUR_BROWSER}.{{0,40}}\b(?:{_UNSUPPORTED})|\b(?:an? outdated|einen veralteten|an obsolete)\s+(?:web\s+)?browser\b"
    r"|(?:^|\b(?:please|bitte|veuillez|por favor|per favore)\s+)(?:update|upgrade|aktualisiere|aktualisieren sie"
    r"|mettez à jour|actualiza|aggiorna|atualize)\s+(?:\w+\s+){0,2}(?:browser|navigateur|navegador)\b", re.I)


# A list's heading in a sidebar or under the article, in the languages read: WordPress's widget titles in their
# translations ("Neueste Beiträge", "Articles récents", "Entradas recientes"), a news site's "Meistgelesen", "Most
# read", "Últimas noticias", and Divi's mobile menu button ("Seite auswählen", "Select Page"). It heads teasers.
LIST_HEADING = re.compile(r"^(?:(?:neueste|letzte|aktuelle) (?:beiträge|kommentare|artikel|meldungen|nachrichten)"
                          r"|(?:articles|commentaires) récents|derniers articles|dernières (?:actualités|nouvelles)"
                          r"|(?:entradas|comentarios) recientes|últimas (?:noticias|entradas|notícias)"
                          r"|(?:articoli|commenti) recenti|ultime notizie|(?:posts|artigos|comentários) recentes"
                          r"|recente (?:berichten|reacties)|laatste nieuws|(?:najnowsze|ostatnie) (?:wpisy|komentarze)"
                          r"|recent (?:posts|comments)|latest (?:news|posts)|most (?:read|popular)|meistgelesen"
                          r"|am meisten gelesen|les plus lus|lo más leído|(?:i )?più letti|mais lidas|meest gelezen"
                          r"|seite auswählen|select page|sélectionner une page|seleccionar página|selecteer een pagina)\W*$",
                          re.I)


# A photo's credit as news agencies write it: the agency's initials, a slash, a name ("APA/Georg Hochmuth").
AGENCY_CREDIT = re.compile(r"^[A-Z]{2,5}\s?/\s?(?:[A-ZÄÖÜ][\w.-]+\s){1,3}[A-ZÄÖÜ][\w.-]+$")


def control_line(text: str) -> bool:
    """A control's label or a search prompt in one of the languages read, a reading time, or a notice that the page
    needs JavaScript or a newer browser: never a headline."""
    text = text.strip()
    if _PROMPT.match(text) or READING_TIME.match(text) or _SCRIPT_NOTICE.search(text) or LIST_HEADING.match(text) \
            or AGENCY_CREDIT.match(text) or _BROWSER_NOTICE.search(text):
        return True
    words = re.findall(r"[^\W\d_]+", text.lower())
    return (bool(words) and all(w in _WORDS or w in _SMALL for w in words)
            and any(w in _WORDS for w in words))


# A byline's stock words in the languages read ("Erstellt von NAME", "Geschrieben von NAME" (Joomla), "Veröffentlicht
# von NAME", "Écrit par NAME", "Escrito por NAME", "Scritto da NAME", "Geschreven door NAME", "Dodane przez NAME"):
# the line under a headline, never one itself. English's "Written by", "Posted by" are read elsewhere.
_BYLINE = re.compile(r"^(?:(?:erstellt|geschrieben|verfasst|veröffentlicht|gepostet|eingestellt|publiziert) von"
                     r"|(?:écrit|publié|rédigé|posté) par|(?:escrito|publicado|redactado|postado) por"
                     r"|(?:scritto|pubblicato|postato) da|(?:geschreven|geplaatst|gepubliceerd) door"
                     r"|(?:napisane|opublikowane|dodane|dodał|napisał) przez|(?:skrivet|publicerat|postat) av)\s+\S", re.I)
BYLINE_WORDS = 12  # a byline with its date and categories is this short; a sentence starting so is longer


def byline_phrase(text: str) -> bool:
    """A short line that starts as a byline does in a language beyond English ("Erstellt von kidogo")."""
    text = text.strip()
    return bool(_BYLINE.match(text)) and len(text.split()) <= BYLINE_WORDS
