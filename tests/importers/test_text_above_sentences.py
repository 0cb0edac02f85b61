"""A text copy's short opening sentences right over a run of prose kept above a guessed title are the article's too
(essaykit/importers/text_above.py: sentences_over): a story's first line, a line of dialogue, a one-sentence lead.
A chapter's navigation, a headline, a "read more" link and a related box's heading over them are not."""

from __future__ import annotations

from essaykit.importers.text_above import HEADER, runs_over

NAV = ["Previous", "Chapter", "Next", "Chapter", ""]
RUNS = {
    "en": {"opening": ["When the bell rang, nobody moved.", "", "“Hello?”", ""],
           "prose": ["The hall of the old ferry house was dark, and the smell of tar hung under its low beams all night. Ropes lay coiled by the door, wet from the river, and a cat slept on the ticket counter.",
                     "", "Somebody laughed at the far end, a short dry sound, and then the lamps came on one by one. Outside, the water slapped against the pilings as it had done for a hundred years.", "",
                     "By midnight the crossing was full, and the ferryman said he had never seen so many coats."]},
    "de": {"opening": ["Am Morgen war der Steg verschwunden.", "", "„Wer war das?“", ""],
           "prose": ["Die Fähre lag schief im Schilf, und der Fährmann stand daneben, als hätte er sie nie gesehen. Am Ufer standen drei Kinder, die Steine ins Wasser warfen und zählten, wie oft sie sprangen.",
                     "", "Seine Tochter brachte Kaffee in einer Kanne, die älter war als die Fähre selbst, und schwieg. Niemand fragte, wohin der Steg gegangen war, und niemand suchte ihn.", "",
                     "Erst am Abend kam der Bürgermeister und sagte, man werde einen neuen bauen, aus Eiche, breiter als der alte und mit einem Geländer für die Kinder."]},
    "fr": {"opening": ["Personne ne savait nager ce soir-là.", "", "« Et alors ? »", ""],
           "prose": ["Le bac dérivait lentement vers la rive gauche, poussé par un vent tiède qui sentait la vase. Sur le quai, deux pêcheurs rangeaient leurs filets en se disputant à propos du temps.",
                     "", "Le passeur comptait ses pièces à voix basse, sans lever les yeux vers les voyageurs inquiets. La lune se levait derrière les peupliers et la rivière prenait une couleur de plomb.", "",
                     "Quand le bac toucha enfin la berge, tout le monde descendit sans dire un mot au passeur."]},
}
TITLE = "About the writer"


def _runs(lines: list[str]) -> list[tuple[int, int]]:
    title_at = lines.index(TITLE)
    return runs_over(lines, {i: HEADER for i in range(title_at) if lines[i].strip()}, title_at)


def test_the_opening_sentences_over_the_run_are_kept_in_three_languages():
    for lang, run in RUNS.items():
        lines = [*NAV, *run["opening"], *run["prose"], "", "Share", TITLE, "Writes about ferries."]
        assert _runs(lines) == [(lines.index(run["opening"][0]), lines.index(run["prose"][-1]))], lang


def test_a_headline_or_a_read_more_link_over_the_run_is_not_taken():
    run = RUNS["en"]
    for over in (["The Ferry House"], ["Read more."], ["Related posts"], ["Start reading…"]):
        lines = [*NAV, *over, "", *run["prose"], "", TITLE, "Writes about ferries."]
        assert _runs(lines) == [(lines.index(run["prose"][0]), lines.index(run["prose"][-1]))], over


def test_a_long_line_with_no_full_stop_is_taken_only_under_a_sentence():
    run = RUNS["de"]
    excerpt = "Zwölf Fähren, die noch fahren, und was ihre Fährleute über den Fluss und seine Launen erzählen"
    lines = [*NAV, "Zwölf Fähren am Fluss", excerpt, "", *run["prose"], "", TITLE, "Schreibt über Fähren."]
    assert _runs(lines) == [(lines.index(run["prose"][0]), lines.index(run["prose"][-1]))]
    lines = [*NAV, run["opening"][0], excerpt, "", *run["prose"], "", TITLE, "Schreibt über Fähren."]
    assert _runs(lines) == [(lines.index(run["opening"][0]), lines.index(run["prose"][-1]))]
