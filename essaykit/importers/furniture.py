"""The comment area's furniture in the six languages the readers know, and the post author's badge.

Part of the leftover patterns (:mod:`.leftovers` names them for the readers). WordPress prints
these strings translated, around every comment section, whether it holds comments or not: the
form's heading with its cancel link, the login prompt, Akismet's notice, the share and like rows,
the newsletter box and the cookie banner. None of them is ever a reader's comment.
"""

from __future__ import annotations

import re

from . import nl_pl
from . import world_words

# The reply link's words in the languages written in Latin script: the button rows' (text_buttons, leftovers' actions,
# forum cards), a header line's link (text_reply_tail) and the button's label glued to a name (comment_names).
LATIN_REPLY = r"reply|antworten|beantworten|répondre|responder|rispondi|odpowiedz|reageer|beantwoorden"
CANCEL_REPLY = (r"(?:cancel reply|antworten abbrechen|abbrechen|annuler la réponse|annuler|cancelar (?:la )?respuesta"
                r"|cancelar resposta|cancelar|annulla (?:la )?risposta|annulla|" + nl_pl.CANCEL + ")")
# The comment form's heading on its own, in the six languages ("Leave a Reply", "Schreibe einen Kommentar"): the one
# list of this module's form lines and of the text copy's form start (text_patterns.FORM_START).
FORM_HEADING = (r"leave a (?:reply|comment|response)|schreibe einen kommentar|hinterlasse einen kommentar"
                r"|(?:schreiben|hinterlassen) sie einen kommentar|kommentar schreiben|kommentar verfassen|leserbrief schreiben"
                r"|laisser un commentaire|laisser une réponse|écrire un commentaire|deja (?:una respuesta|un comentario)"
                r"|dejar un comentario|escribir un comentario|deixe (?:um comentário|uma resposta)|escrever um comentário"
                r"|lascia un commento|lascia una risposta|scrivi un commento")
_FORM = (r"(?:" + FORM_HEADING + r"|laisser une réponse à .{1,80}"
         r"|(?:leave a reply|antworte|répondre|responder|rispondi) (?:to|an|à|a) .{1,60}|" + nl_pl.FORM + "|" + world_words.FORM + ")")
# A theme's own heading over WordPress's reply form, printed with the form's "Cancel reply" link: a few words that
# speak of a comment or a reply ("Hinterlasse jetzt einen Kommentar", "Eine Antwort schreiben", "Leave a Comment"),
# then the link ("Antworten abbrechen", "Cancel").
_REPLY_HEADING = (r"(?=.{0,80}?(?:comment|kommentar|kommentier|antwort|repl|respon|réponse|commentaire|respuesta|comentar"
                  r"|comentário|resposta|rispost))(?:\S+\s+){1,6}(?:" + CANCEL_REPLY + r"|cancel)")
# The heading of a newsletter box ("Subscribe to Paper Lanterns", "Newsletter abonnieren"): what follows is the box's.
NEWSLETTER_BOX = (
    r"(?:subscribe to|sign up for|join) (?:our|the|my) (?:newsletter|mailing list)\W*|newsletter abonnieren\W*"
    r"|(?:abonniere|abonnieren sie) (?:den|unseren|meinen) newsletter\W*|(?:inscrivez-vous|abonnez-vous) à (?:la|notre|ma) newsletter\W*"
    r"|suscr[ií]bete (?:a|al) (?:nuestro |mi )?(?:boletín|newsletter)\W*|(?:assine|inscreva-se n)a (?:nossa |minha )?newsletter\W*"
    r"|iscriviti alla (?:nostra |mia )?newsletter\W*|gib deine e-mail-adresse ein\W*|(?:saisissez|entrez) votre (?:adresse )?e-mail\W*"
    r"|(?:introduce|ingresa) tu (?:correo electrónico|email)\W*|(?:digite|insira) seu e-mail\W*|inserisci la tua e-?mail\W*"
    r"|subscribe to (?!our |the |my ).{1,60}|sign up now")
# The comment area's own state where it holds no comment: empty ("No comments yet. Be the first…", "Noch keine
# Kommentare"), or still loading its comments when the page was saved ("Loading comments…", "Kommentare werden geladen").
EMPTY_AREA = (
    r"(?:there are )?no (?:\w+ ){0,2}comments(?: yet)?\W*(?:be the first\b.{0,80})?"
    r"|be the first to (?:comment|reply|respond|add your thoughts|share your thoughts|leave a comment)\b.{0,60}"
    r"|(?:es gibt )?noch keine kommentare(?: vorhanden)?\W*(?:sei(?:en sie)? (?:der|die) erste\b.{0,80})?"
    r"|sei(?:en sie)? (?:der|die) erste,? (?:der|die) (?:einen )?kommentar\b.{0,60}"
    r"|(?:il n['’]y a )?(?:pas encore de|aucun) commentaires?\W*(?:soyez (?:le premier|la première)\b.{0,80})?"
    r"|soyez (?:le premier|la première) à (?:commenter|réagir)\b.{0,60}"
    r"|(?:todavía |aún )?no hay comentarios(?: todavía| aún)?\W*(?:sé el primero\b.{0,80})?|sé el primero en comentar\b.{0,60}"
    r"|(?:ainda )?não há comentários(?: ainda)?\W*(?:seja o primeiro\b.{0,80})?|seja o primeiro a comentar\b.{0,60}"
    r"|(?:non ci sono|ancora nessun) commenti?\W*(?:sii il primo\b.{0,80})?|sii il primo a commentare\b.{0,60}"
    r"|(?:loading comments|kommentare werden geladen|chargement des commentaires|cargando comentarios"
    r"|carregando comentários|caricamento (?:dei )?commenti)\W*(?:(?:please wait|bitte (?:kurz )?warten)\W*)?"
)
# The comment form's field labels, translated ("Name *", "E-Mail-Adresse *", "Site web *", "Webseite"): the one list of
# this module's FORM_NOTES and form fields and of leftovers' strong boilerplate.
FIELD_LABELS = (r"comment|name|e-?mail(?:-adresse)?|website|webseite|kommentar|nom|site web|commentaire|nombre"
                r"|correo electrónico|sitio web|comentario|nome|comentário|commento|sito web")
# A comment's like button in the six languages ("Gefällt mir", "J'aime", "Mi piace"): leftovers' button actions, forum
# cards' buttons and the like button while it loads ("Gefällt mir Wird geladen…") read this list.
LIKE = r"gefällt mir|j['’]aime|me gusta|curtir|mi piace"
# WordPress's comment form and what its plugins add to it, translated: the box that keeps the commenter's name in the
# browser ("Meinen Namen, E-Mail und Website in diesem Browser speichern…"), the notice of a closed form, the account
# a WordPress.com commenter is signed in with, Jetpack's like button while it loads ("Liken Lade …"), a share link's
# "(opens in new window)", Disqus's notice when scripts are off, reCAPTCHA's and a privacy plugin's notes.
# reCAPTCHA's notice under a form (a comment form's, or a newsletter's: then no comment follows it).
_RECAPTCHA_NOTE = r"this site is protected by recaptcha and the google\b.{0,120}"
FORM_NOTES = (
    r"meinen namen\b.{0,80}\bin diesem browser\b.{0,60}\bspeichern\b.{0,60}|speichern sie meinen namen\b.{0,120}\bin diesem browser\W*"
    r"|enregistrer mon nom\b.{0,80}\bdans (?:le|ce) navigateur\b.{0,80}|guarda(?:r)? mi nombre\b.{0,80}\ben este navegador\b.{0,80}"
    r"|salvar (?:meus dados|meu nome)\b.{0,80}\bneste navegador\b.{0,80}|salva il mio nome\b.{0,80}\bin questo browser\b.{0,80}"
    r"|mijn naam\b.{0,80}\bin deze browser\b.{0,80}|zapamiętaj moje dane\b.{0,40}\bw tej przeglądarce\b.{0,80}"
    r"|(?:die )?kommentare sind (?:geschlossen|deaktiviert)\W*|(?:les )?commentaires sont (?:fermés|désactivés)\W*"
    r"|(?:los )?comentarios están (?:cerrados|inhabilitados|desactivados)\W*|(?:os )?comentários (?:estão )?(?:encerrados|fechados)\W*"
    r"|(?:i )?commenti sono chiusi\W*|reacties zijn gesloten\W*|komentarze (?:są )?(?:zamknięte|wyłączone)\W*"
    r"|(?:du kommentierst|sie kommentieren) mit (?:deinem|ihrem) \S{1,40}[- ]konto\b.{0,40}|vous commentez à l['’]aide de votre compte .{1,60}"
    r"|estás comentando usando tu cuenta de .{1,60}|você está comentando utilizando sua conta .{1,60}"
    r"|stai commentando usando il tuo account .{1,60}|\(?\s*abmelden\s*/\s*ändern\s*\)?"
    rf"|(?:liken|{LIKE}|vind-ik-leuk|lubię)\s+(?:lade|wird geladen|chargement|cargando"
    r"|carregando|caricamento|laden|wczytywanie)\s*(?:…|\.\.\.)"
    r"|(?=.{0,80}\b(?:klick|anklick|zum teilen|drucken|ausdruck|click|share|print|e-?mail|partag|imprim|compart|clic|condivid|stamp))"
    r".{1,80}\((?:wird in neuem fenster geöffnet|opens in (?:a )?new (?:window|tab)|ouvre dans une nouvelle fenêtre"
    r"|se abre en una ventana nueva|abre em nova janela|si apre in una nuova finestra)\)"
    r"|please enable javascript to view the comments powered by disqus\b.{0,60}"
    r"|the recaptcha verification period has expired\b.{0,60}|" + _RECAPTCHA_NOTE +
    r"|mit der nutzung dieses formulars erklärs?t (?:du dich|sie sich)\b.{0,200}"
    r"|by using this form you agree with the storage and handling of your data\b.{0,120}"
    rf"|(?:{FIELD_LABELS})\s*\*"
    # WordPress.com's form over its login icons, translated ("Trage deine Daten unten ein…", "Name (erforderlich)")
    r"|trage deine daten unten ein\b.{0,80}|entrez vos coordonnées ci-dessous\b.{0,80}|introduce tus datos\b.{0,80}"
    r"|preencha os seus dados abaixo\b.{0,80}|inserisci i tuoi dati qui sotto\b.{0,80}"
    r"|(?:name|e-mail|website|nom|adresse e-mail|site web|nombre|correo electrónico|sitio web|nome|sito web)\s*"
    r"\((?:erforderlich|obligatoire|obligatorio|obrigatório|obbligatorio)\).{0,60}"
)
# A comment form's field labels and the post navigation's heading, translated: furniture where structure says so
# (leftovers' weak boilerplate), since "Kommentar" is also a word of a headline's kicker.
WEAK_FORM = (r"kommentar|webseite|beitrags-?navigation|commentaire|site web|navigation des articles|comentario|sitio web"
             r"|navegación de entradas|comentário|navegação de posts|commento|sito web|navigazione articoli")
# A site's copyright line: the page's footer starts.
COPYRIGHT = r"(?:.{1,60}\s)?(?:©|\(c\)|copyright)\s*(?:\d{4}\s*[-–]\s*)?\d{4}\b.{0,80}"
LOCAL_FURNITURE = re.compile(
    r"^(?:"
    rf"{_FORM}\s+{CANCEL_REPLY}|{_REPLY_HEADING}"
    # Akismet's notice and the login prompt, in every translation WordPress ships
    r"|(?:this site|diese (?:web)?seite|diese website|ce site|este sitio|este site|questo sito) (?:uses|verwendet|utilise"
    r"|usa|utiliza|utilizza)(?: o)? akismet\b.{0,200}"
    r"|vous devez vous connecter pour (?:publier|écrire) un commentaire\W*|vous devez être connectée? pour .{1,60}"
    r"|(?:lo siento, )?debes estar conectado para publicar un comentario\W*|você (?:precisa|deve) estar conectado para .{1,60}"
    r"|devi (?:essere connesso|effettuare il login|accedere) per .{1,60}"
    # Drupal's: "Log in or register to post comments", "Connectez-vous ou inscrivez-vous pour publier un commentaire"
    r"|(?:log in|melden sie sich an|connectez-vous|inicie sesión|faça login|accedi) (?:or|oder|ou|o) \S.{0,60}"
    r"\b(?:comments?|kommentare?|commentaires?|comentarios?|comentários?|commenti|commento)(?:\s+\w+){0,2}\W*"
    # share and like rows of Jetpack's buttons
    r"|(?:comparte esto|compártelo|comparte|partage(?:r)? ceci|condividi(?: su)?|compartilhe|teile dies)\s*:"
    r"|(?:like this|j['’]aime ça|j['’]aime ceci|me gusta esto|curtir isso|curta isso|mi piace questo|gefällt mir)\s*:"
    r"|(?:klick|klicke|klicken|cliquez|cliquer|clique|haz clic|pulsa|fai clic|clicca)\b.{0,40}"
    r"\b(?:teilen|drucken|partager|imprimer|compartir|imprimir|compartilhar|condividere|stampare|e-mail|email)\b.{0,60}"
    r"|\((?:wird in neuem fenster geöffnet|ouvre dans une nouvelle fenêtre|se abre en una ventana nueva"
    r"|abre em nova janela|si apre in una nuova finestra)\)"
    rf"|{NEWSLETTER_BOX}"
    rf"|{COPYRIGHT}|{nl_pl.SHARE}|{EMPTY_AREA}|{FORM_NOTES}"
    # Disqus's rows over its thread, translated ("Participe da discussão…", "Trier par le meilleur")
    r"|(?:rejoindre la discussion|únete a la (?:conversación|discusión)|participe da discussão|partecipa alla discussione"
    r"|neem deel aan de discussie|dołącz do dyskusji|an der diskussion teilnehmen)(?:…|\.\.\.)?"
    r"|(?:trier par|ordenar por|ordina per|sorteer op|sortuj według|sortieren nach)\s+\S.{0,30}"
    r"|(?:propulsé par|con la tecnología de|desenvolvido por|offerto da|mogelijk gemaakt door|obsługiwane przez) disqus"
    # the comment box of Blogger's newer themes, and its "popular posts" widget
    r"|saisir un commentaire|introduce un comentario|insira um comentário|digite um comentário|inserisci un commento"
    r"|kommentar eingeben|voer een reactie in|wpisz komentarz|enter (?:a )?comment"
    r"|articles les plus consultés|entradas populares|postagens mais visitadas|post più popolari|beliebte posts"
    r"|populaire posts|popularne posty"
    # a login prompt over a comment section ("Bitte anmelden, um zu kommentieren"), in the languages read
    r"|(?:please )?(?:log in|sign in|login) to (?:comment|reply|post a comment|join the discussion)\W*"
    r"|(?:bitte )?(?:anmelden|einloggen|melden sie sich an),? um zu kommentieren\W*|(?:veuillez )?vous connecter pour commenter\W*"
    r"|connectez-vous pour commenter\W*|inicia sesión para comentar\W*|(?:faça login|entre) para comentar\W*"
    r"|accedi per commentare\W*|log in om te reageren\W*|zaloguj się,? (?:aby|żeby) (?:skomentować|komentować)\W*"
    # Tumblr's notes (a like, a reblog without words) and Ghost's sign-up rows
    r"|\d[\d,.]* (?:notes?|notas?|notizen|anmerkungen)"
    r"|\S{1,60} (?:liked this|posted this|reblogged this from \S{1,60}|gefällt das|hat das gepostet"
    r"|hat das von \S{1,60} gerebloggt|aime ça|a publié ceci|a reblogué ceci depuis \S{1,60}|le gusta esto"
    r"|publicó esto|reblogueó esto de \S{1,60}|curtiu isso|postou isso|reblogou isso de \S{1,60}|ha messo mi piace"
    r"|ha pubblicato questo post|ha rebloggato questo (?:post )?da \S{1,60})"
    r"|abonnieren|s['’]abonner|suscribirse|assinar|iscriviti"
    # Blogger's rows under a post and its comments, translated
    r"|.{0,80}blogthis!.{0,120}|(?:diesen post per e-mail versenden|envoyer par e-mail|enviar por correo electrónico"
    r"|enviar por e-mail|invia tramite email)\S.{0,200}|kommentar veröffentlichen|publier un commentaire|publicar un comentario|postar um comentário"
    r"|posta un commento|neuerer post\s*älterer post(?:\s*startseite)?|article plus récent\s*article plus ancien(?:\s*accueil)?"
    r"|entrada más reciente\s*entrada antigua(?:\s*inicio)?|postagem mais recente\s*postagem mais antiga(?:\s*(?:início|página inicial))?"
    r"|post più recente\s*post più vecchio(?:\s*home page)?|.{0,40}\(atom\)|nieuwere post\s*oudere post(?:\s*homepage)?"
    r"|nowszy post\s*starszy post(?:\s*strona główna)?|opmerking plaatsen|prześlij komentarz|opublikuj komentarz"
    # Substack's rows around a post's discussion
    r"|discussion about this post|restacks?|\d+ restacks?|\d+ likes?|ready for more\?|type your email(?:…|\.\.\.)?"
    r"|launched \d+ (?:years?|months?|weeks?|days?) ago|privacy ∙ terms ∙ collection notice|start writing|get the app"
    # cookie banners
    r"|(?:we use cookies|this (?:web)?site uses cookies|wir verwenden cookies|diese (?:web)?seite verwendet cookies"
    r"|ce site utilise des cookies|nous utilisons des cookies|(?:este|esta) (?:sitio|web|sitio web|site) (?:web )?utiliza cookies"
    r"|utilizamos cookies|usamos cookies|este site (?:utiliza|usa) cookies|questo sito (?:web )?utilizza (?:i )?cookie"
    r"|utilizziamo (?:i )?cookie).{0,300}\b(?:accept|accept all|ok|got it|agree|i agree|akzeptieren|alle akzeptieren"
    r"|einverstanden|accepter|j['’]accepte|tout accepter|aceptar|acepto|aceitar|aceito|accetta|accetto|accetta tutti)\W*"
    r")$",
    re.I,
)
_NEWSLETTER = re.compile(rf"^(?:{NEWSLETTER_BOX}|{COPYRIGHT})$", re.I)
_RECAPTCHA = re.compile(rf"^{_RECAPTCHA_NOTE}$", re.I)
# The post author's badge beside a comment ("Author", "Post author", Twenty Twenty's "By Post Author"), translated;
# the short ones are also printed on the name's own line ("Ruth Amsel Post author", "Ruth Amsel · Autor").
_SHORT_BADGE = (r"post author|author|autor(?:in)?|beitragsautor(?:in)?|auteur(?:e|rice)?|autore|autrice"
                r"|autor(?:a)? de la entrada|autor(?:a)? do (?:post|artigo)")
AUTHOR_MARK = re.compile(
    rf"^(?:{_SHORT_BADGE}|by post author|vom autor des beitrags|auteur de l['’]article|par l['’]auteur de l['’]article"
    r"|por el autor de la entrada|pelo autor do (?:post|artigo)|autore dell['’]articolo|dall['’]autore dell['’]articolo)$",
    re.I,
)
NAME_WITH_MARK = re.compile(rf"^(?P<name>\S.{{0,58}}?)(?:\s*[·•|(\-–]\s*|\s+)(?P<mark>{_SHORT_BADGE})\)?$", re.I)
# "vor 2 Tagen", "il y a 2 jours", "hace 2 días", "há 2 dias", "2 giorni fa": a date the copy alone cannot give.
LOCAL_RELATIVE_DATE = re.compile(
    r"^(?:vor (?:\d+|einer?|einem) (?:sekunden?|minuten?|stunden?|tag(?:en)?|wochen?|monat(?:en)?|jahr(?:en)?)"
    r"|il y a (?:\d+|une?) (?:secondes?|minutes?|heures?|jours?|semaines?|mois|ans?)"
    r"|hace (?:\d+|una?) (?:segundos?|minutos?|horas?|días?|semanas?|mes(?:es)?|años?)"
    r"|há (?:\d+|uma?) (?:segundos?|minutos?|horas?|dias?|semanas?|mês|meses|anos?)"
    r"|(?:\d+|un|una) (?:secondi|secondo|minuti|minuto|ore|ora|giorni|giorno|settimane|settimana|mesi|mese|anni|anno) fa"
    r"|gestern|heute|hier|aujourd['’]hui|ayer|hoy|ontem|hoje|ieri|oggi|" + nl_pl.RELATIVE + "|" + world_words.RELATIVE + ")$",
    re.I,
)


def local_furniture(text: str) -> bool:
    """A line of the comment area's furniture in one of the six languages (see the module's docstring)."""
    return len(text) <= 400 and bool(LOCAL_FURNITURE.match(text))


# A comment form's field label, bare, starred or marked required ("Name *", "Webseite", "E-Mail (erforderlich)").
_FORM_FIELD = re.compile(rf"^(?:{FIELD_LABELS})\s*(?:\*|\((?:required"
                         r"|erforderlich|obligatoire|obligatorio|obrigatório|obbligatorio)\).{0,60})?$", re.I)


# The comment form's own controls on lines of their own ("Anuluj", "Cancel reply", "Dodaj komentarz", "Leave a Reply"):
# a commenter's name is never one.
_FORM_CONTROL = re.compile(rf"^(?:{CANCEL_REPLY}|cancel|{_FORM})\W*$", re.I)


def form_control(text: str) -> bool:
    """A comment form's cancel link or heading on its line."""
    return len(text) <= 100 and bool(_FORM_CONTROL.match(text.strip()))


def form_field(text: str) -> bool:
    """A comment form's field label on its line: the form is printed there."""
    return len(text) <= 100 and bool(_FORM_FIELD.match(text.strip()))


def newsletter_box(text: str) -> bool:
    """The heading or the address field of a newsletter box, the footer's copyright line, or reCAPTCHA's notice under
    a sign-up form: no comment follows."""
    return len(text) <= 80 and bool(_NEWSLETTER.match(text)) or len(text) <= 200 and bool(_RECAPTCHA.match(text))


def author_mark(text: str) -> bool:
    """The post author's badge on a line of its own."""
    return len(text) <= 40 and bool(AUTHOR_MARK.match(text.strip(" ()·•|")))


def split_author_mark(name: str) -> tuple[str, bool]:
    """(name, marked) for a header's name that may carry the badge ("Ruth Amsel Post author")."""
    found = NAME_WITH_MARK.match(name.strip())
    if found is None or not found.group("name").strip(" ·•|(-–"):
        return name, False
    return found.group("name").strip(" ·•|(-–"), True


# The heading over a news site's or a blog's teasers for other posts, after the article: "Our latest stories", "More
# from Sportsnet", "Most read", "Das könnte Sie auch interessieren" (the text-copy reader's own list is
# text_patterns.RELATED_START; this one adds the news sites' rails).
MORE_STORIES = re.compile(
    r"^(?:(?:our |the )?(?:latest|top|trending|popular|recommended|related|more|most (?:popular|read|viewed|shared))"
    r"(?: \w+){0,2} (?:stories|news|articles|posts|videos|reads|content|coverage|headlines)"
    r"|most (?:popular|read|viewed|shared|emailed)(?: now| today| this week)?|trending(?: now)?|recommended(?: for you)?"
    r"|more (?:from|on|in|about) .{1,40}|related|read (?:more|next|also)|see also|you (?:might|may) also like"
    r"|(?:meistgelesen|meistgelesene artikel|mehr zum thema|weitere artikel|weitere nachrichten|auch interessant"
    r"|das könnte sie auch interessieren|ähnliche (?:beiträge|artikel)|verwandte (?:beiträge|artikel)|neueste artikel)"
    r"|(?:les plus lus|à lire aussi|lire aussi|sur le même sujet|articles similaires|voir aussi|dernières nouvelles)"
    r"|(?:lo más leído|más leídas?|te puede interesar|noticias relacionadas|artículos relacionados|lee también)"
    r"|(?:mais lidas|leia também|veja também|notícias relacionadas)|(?:i più letti|più lette|leggi anche"
    r"|potrebbe interessarti|articoli correlati))\W*$",
    re.I,
)


def more_stories(text: str) -> bool:
    """A heading over teasers for other posts (see :data:`MORE_STORIES`)."""
    return len(text) <= 60 and bool(MORE_STORIES.match(text.strip()))
