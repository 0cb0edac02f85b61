"""Dutch and Polish words of a blog's comment section, as the platforms print them (WordPress, Blogger, Disqus,
Ghost, Drupal): pieces of patterns that the shared patterns of :mod:`.leftovers`, :mod:`.furniture`,
:mod:`.text_patterns`, :mod:`.text_buttons` and :mod:`.text_headers` splice in beside their English, German,
French, Spanish, Portuguese and Italian words.

Each piece is an alternation without an outer group, lower case (the patterns ignore case). They are the
platforms' stock strings ("2 reacties op “…”", "NAME zegt:", "Beantwoorden", "2 komentarze do „…”",
"NAME napisał(a):", "Odpowiedz") and the languages' dates ("12 maart 2021 om 09:14", "12 marca 2021 o 09:14").
"""

from __future__ import annotations

# "3 reacties", "Eén reactie op “…”", "2 komentarze do „…”", "Brak komentarzy": the count's words and the nouns. Dutch
# counts in words are left out but "één": "Een reactie op het plan…" and "Geen reactie op…" begin sentences.
COUNTS = r"één|eén|jeden|jedna|dwa|dwie|trzy|cztery|pięć|brak"
NOUNS = r"reacties?|opmerkingen?|gedachten?|komentarz(?:e|y|a)?|odpowiedzi|opinie|opinii"
ON = r"op|over|bij|voor|do|na temat|dla|pod"
# A comments heading with no count ("Reacties", "Komentarze (3)").
HEADINGS = r"reacties|opmerkingen|komentarze|dyskusja|discussie"
# "NAME zegt:", "NAME schreef:", "NAME napisał(a):", Blogger's "NAME zei..." and "NAME pisze...".
SAID = r"zegt|zei|schreef|schrijft|reageerde|antwoordde|napisał\(a\)|napisał|napisała|pisze|powiedział\(a\)|powiedział|powiedziała|odpowiedział"
# The buttons under a comment: reply, like, edit, delete, report, and the like button's loading text.
BUTTONS = (r"beantwoorden|reageer|reageren|antwoorden|odpowiedz|odpowiedź|vind ik leuk|vind-ik-leuk|lubię to|polub|polubienie"
           r"|bewerken|edytuj|verwijderen|usuń|melden|rapporteren|zgłoś|delen|udostępnij|partilhar"
           r"|laden\.{0,3}|wczytywanie.{0,3}|(?:vind-ik-leuk|vind ik leuk|polub|lubię to)\s+(?:laden|wczytywanie).{0,3}"
           # the sort row over the thread, glued by innerText ("NajnowszePopularneNajstarsze")
           r"|(?:najnowsze|najstarsze|popularne|najlepsze)(?:\s*(?:najnowsze|najstarsze|popularne|najlepsze)){1,3}"
           r"|(?:nieuwste|oudste|populairste|beste)(?:\s*(?:nieuwste|oudste|populairste|beste)){1,3}|pokaż\s*:|sortuj\s*:"
           # the link to a comment's replies, glued by innerText ("pokażodpowiedzi (2)")
           r"|(?:pokaż|ukryj)\s*(?:wszystkie\s*)?odpowiedzi(?:\s*\(\d+\))?|(?:toon|verberg|bekijk)\s*(?:\d+\s*)?(?:reacties|antwoorden)(?:\s*\(\d+\))?")
# WordPress's share and like rows ("Delen:", "Klik om te delen op Twitter (Wordt in een nieuw venster geopend)").
SHARE = (r"delen\s*:|udostępnij\s*:|(?:udostępnij|delen) (?:na|op|via) \w+|vind ik dit leuk\s*:|vind ik leuk\s*:|lubię to\s*:|polub to\s*:"
         r"|klik om (?:te delen|af te drukken|te e-mailen)\b.{0,80}|kliknij,? (?:aby|żeby) (?:udostępnić|wydrukować|wysłać)\b.{0,80}")
# The comment form and its cancel link, the login prompt and the e-mail notice.
FORM = (r"geef een reactie|laat een reactie achter|plaats een reactie|reactie plaatsen|opmerking plaatsen|een reactie plaatsen"
        r"|dodaj komentarz|napisz komentarz|zostaw komentarz|skomentuj|opublikuj komentarz|prześlij komentarz|wyślij komentarz"
        r"|een reactie posten|reactie versturen"
        r"|lid worden om te reageren|zaloguj się,? aby (?:dodać komentarz|skomentować)"
        r"|je e-mailadres wordt niet gepubliceerd.*|twój adres e-mail nie zostanie opublikowany.*")
CANCEL = r"reactie annuleren|annuleren|anuluj pisanie odpowiedzi|anuluj odpowiedź|anuluj"
RELATED = (r"gerelateerd|gerelateerde berichten|vergelijkbare berichten|lees ook|meer lezen|podobne|powiązane|podobne wpisy"
           r"|zobacz też|zobacz także|czytaj też|czytaj także|przeczytaj też|przeczytaj także|polecamy|aanbevolen")
SIDEBAR = (r"recente berichten|recente reacties|archieven|archief|categorieën|ostatnie wpisy|najnowsze wpisy"
           r"|najnowsze komentarze|ostatnie komentarze|archiwa|archiwum|kategorie")
NAV = r"vorig(?:e)? bericht|volgend(?:e)? bericht|oudere berichten|nieuwere berichten|poprzedni wpis|następny wpis|starsze wpisy|nowsze wpisy"
# "2 jaar geleden", "3 dni temu", "gisteren", "wczoraj": a date the copy alone cannot give.
RELATIVE = (r"(?:\d+|een|één) (?:seconden?|minuten?|uur|uren|dagen|dag|weken|week|maanden?|jaar|jaren) geleden"
            r"|(?:\d+|jeden|jedną|jedna) (?:sekund[ya]?|minut[ya]?|godzin[ya]?|dni|dzień|tygodni[ea]?|tydzień|miesiąc[ea]?|miesięcy"
            r"|lat[a]?|rok) temu|gisteren|vandaag|wczoraj|dzisiaj|dziś")
# Months and weekdays as dates print them ("12 maart 2021 om 09:14", "za, 13/03/2021 - 09:14", "12 marca 2021 r., godz. 9:14").
MONTHS = (r"januari|februari|maart|mei|augustus|oktober|mrt|stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia"
          r"|września|października|listopada|grudnia|styczeń|luty|marzec|kwiecień|maj|czerwiec|lipiec|sierpień|wrzesień"
          r"|październik|listopad|grudzień|sty|lut|kwi|cze|lip|sie|wrz|paź|lis|gru")
DATE_WORDS = (r"om|o|r|godz|uur|dnia|w|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|ma|di|wo|do|vr|za|zo"
              r"|poniedziałek|wtorek|środa|czwartek|piątek|sobota|niedziela|pon|wt|śr|czw|pt|sob|niedz|nie")
# A post's or a Drupal comment's byline: "Geplaatst op DATE door NAME", "Ingezonden door NAME op DATE",
# "Opublikowano DATE przez NAME", "Dodane przez NAME w DATE".
POSTED = r"geplaatst|gepubliceerd|ingezonden|opublikowano|dodano|dodane|wysłane|napisane"
POSTED_ON = r"op|dnia|w"
BY = r"door|przez"
# The post author's badge beside a commenter's name.
AUTHOR_BADGE = r"auteur van het bericht|berichtauteur|auteur|autor wpisu|autor posta|autor"
