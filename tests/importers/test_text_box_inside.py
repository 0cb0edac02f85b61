"""A box inside a text copy's article (a newsletter's sign-up, a share row) is no end of the article when paragraph
after paragraph of its prose follows; a related posts' box of teasers, a comment section, the next article of an endless
page still end it (essaykit/importers/text_under.py: box_inside, resumes)."""

from __future__ import annotations

from essaykit.importers.model import ImportedPost
from essaykit.importers.text import read_text_copy
from essaykit.importers.text_under import resumes

PARAS = {
    "en": ["The ferry across the Larch river stopped running in the spring, when the last of its two engines failed "
           "and the county said it would not pay for a third one.",
           "Since then the villagers on the east bank have driven forty minutes round by the bridge at Colby to reach "
           "the school, the doctor and the only shop that sells fresh bread.",
           "A retired teacher, Ada Quill, bought the boat at auction in June for less than a new bicycle costs, and "
           "spent the summer rebuilding the engine in her own barn with two neighbours.",
           "On Sunday morning it carried forty people and two bicycles across the water without a single complaint, "
           "and she says it will run every weekend until the river freezes.",
           "The county has asked to see her safety papers, which she keeps in a biscuit tin under the wheel and "
           "shows to anyone who asks, inspectors and children alike.",
           "Her neighbours have painted the old name back on the bow, and the children of the east bank have started "
           "a list of who may ring the bell when the boat leaves the landing."],
    "de": ["Die Fähre über die Varne fuhr seit dem Frühjahr nicht mehr, weil der letzte ihrer beiden Motoren versagte "
           "und der Kreis keinen dritten bezahlen wollte.",
           "Seitdem fahren die Leute am Ostufer vierzig Minuten über die Brücke bei Kolbe, um zur Schule, zum Arzt "
           "und zum einzigen Laden mit frischem Brot zu kommen.",
           "Eine pensionierte Lehrerin kaufte das Boot im Juni bei einer Versteigerung für weniger, als ein neues "
           "Fahrrad kostet, und baute den Motor mit zwei Nachbarn in ihrer Scheune wieder auf.",
           "Am Sonntagmorgen brachte die Fähre vierzig Leute und zwei Fahrräder über den Fluss, ohne dass sich "
           "jemand beschwerte, und sie soll nun jedes Wochenende fahren.",
           "Der Kreis will ihre Sicherheitspapiere sehen, die sie in einer Keksdose unter dem Steuerrad aufbewahrt "
           "und jedem zeigt, der danach fragt, Prüfern wie Kindern.",
           "Die Nachbarn haben den alten Namen wieder an den Bug gemalt, und die Kinder vom Ostufer führen eine "
           "Liste, wer die Glocke läuten darf, wenn das Boot ablegt."]}
BOXES = {"en": ["Join our newsletter", "Local reporting. Delivered to you.", "I'm in"],
         "de": ["Newsletter abonnieren", "Die Nachrichten vom Fluss, jeden Morgen.", "Anmelden"]}
HEAD = {"en": ["Larch Hollow Gazette", "The Ferry Runs Again", "By Wren Holloway", "March 3, 2020", "",
               "LARCH HOLLOW — For the first time in a year, the bell on the east landing rang on Sunday morning, and "
               "half the village came down to the water to see whether the old ferry would really float."],
        "de": ["Kolber Bote", "Die Fähre fährt wieder", "Von Ilse Varga", "3. März 2020", "",
               "KOLBE — Zum ersten Mal seit einem Jahr läutete am Sonntagmorgen die Glocke am Ostufer, und das halbe "
               "Dorf kam ans Wasser, um zu sehen, ob die alte Fähre wirklich noch schwimmt."]}


def _post(tmp_path, lines: list[str]) -> ImportedPost:
    path = tmp_path / "copy.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return next(o for o in read_text_copy(path) if isinstance(o, ImportedPost))


def _copy(lang: str, between: list[str]) -> list[str]:
    paras = PARAS[lang]
    lines = [*HEAD[lang], ""]
    for text in paras[:3]:  # more prose than a head's dek and lede over the box
        lines += [text, ""]
    lines += between
    for text in paras[3:]:
        lines += ["", text]
    return lines


def test_the_article_goes_on_under_a_newsletter_box_inside_it(tmp_path):
    for lang in PARAS:
        post = _post(tmp_path, _copy(lang, BOXES[lang]))
        text = "\n".join(post.blocks)
        assert PARAS[lang][-1] in text, lang
        assert BOXES[lang][0] not in text and BOXES[lang][2] not in text, f"{lang}: the box stays out"
        assert not [c for c in post.comments if c.kind == "comment"], lang


def test_a_date_or_byline_under_the_box_is_the_next_article_of_an_endless_page(tmp_path):
    lines = _copy("en", [*BOXES["en"], "Bridge Repairs Begin at Colby", "By Tamsin Orrow", "March 4, 2020"])
    assert PARAS["en"][-1] not in "\n".join(_post(tmp_path, lines).blocks)


def test_teasers_excerpts_under_a_related_heading_do_not_resume_the_article():
    teasers = []
    for k in range(3):
        teasers += [f"Teaser headline {k}", "Wren Holloway", "- Nov. 8", PARAS["en"][k]]
    assert not resumes(["A related story's headline", *teasers]), "excerpts under their dates"
    undated = [line for k in range(3) for line in (f"Teaser headline {k}", PARAS["en"][k])]
    assert not resumes(undated), "excerpts each under its headline, none under another"
    assert resumes(["A related story's headline", PARAS["en"][2], PARAS["en"][3], "A caption", PARAS["en"][4]])
