"""A saved page's comments carry the commenter's name, not the labels around it, and each comment once (issue 28).

The names and pages are invented, in the shapes news sites and forums print: a "send a private message" label read
with the name (Spanish, German) and the comment's number over its text, follower counts glued to the name, a header
of avatar, profile link and "Reply #N" over the text that stands beside it in the list item, and one comment printed
twice.
"""

from __future__ import annotations

import pytest

from essaykit.importers.comment_names import comment_name
from essaykit.importers.html_page import read_html_page

ARTICLE = ("<article><h1>Barcas en el muelle</h1><p>"
           + "Las barcas volvieron al muelle cuando ya no quedaba luz sobre el agua. " * 20 + "</p></article>")


def _post(tmp_path, comments: str, lang: str = "es"):
    path = tmp_path / "page.html"
    path.write_text(f"<html lang='{lang}'><head><title>Barcas en el muelle</title></head><body>{ARTICLE}"
                    f"{comments}</body></html>", encoding="utf-8")
    [post] = read_html_page(path)
    return post


@pytest.mark.parametrize("printed, name", [
    ("Enviar mensaje a Lucía Barro", "Lucía Barro"),
    ("Send a private message to quaywalker", "quaywalker"),
    ("Nachricht an Jonas Weber senden", "Jonas Weber"),
    ("Envoyer un message à Zoé Marin", "Zoé Marin"),
    ("Invia messaggio a Gianna", "Gianna"),
    ("View profile of Tess Oakes", "Tess Oakes"),
    ("driftwood77 38 Fans", "driftwood77"),
    ("Mara Quist 1,204 followers", "Mara Quist"),
    ("Lise Arnaud 12 abonnés", "Lise Arnaud"),
    ("fährmann71 356 Beiträge", "fährmann71"),
    ("Tom Reed Member since 2009", "Tom Reed"),
    ("Ilse Brand Registriert seit 03.2011", "Ilse Brand"),
    ("Ana Paz #12", "Ana Paz"),
    ("Pia Lind Antworten", "Pia Lind"),
    ("#4 - Olek", "Olek"),
    ("reason 1", "reason 1"),  # a handle that ends in a digit is a name
    ("Reply #3", ""),
    ("#12", ""),
    ("Kommentar Nr. 5", ""),
    ("Antwort #2", ""),
    ("Seguir", ""),
    # the reply link's words are furniture.LATIN_REPLY's, the button rows' own: Dutch and Polish ones too
    ("Joris Veen Reageer", "Joris Veen"),
    ("Beantwoorden", ""),
    ("Odpowiedz", ""),
])
def test_the_name_without_actions_counters_and_numbers(printed, name):
    assert comment_name(printed) == name


def _comment(cid: str, author: str, body: str, day: int = 28):
    from datetime import datetime, timezone

    from essaykit.importers.model import ImportedComment

    return ImportedComment(local_id=cid, parent=None, author=author, body=body,
                           created=datetime(2012, 10, day, 11, 26, tzinfo=timezone.utc))


def test_a_profile_action_is_no_name_and_the_number_no_text():
    from essaykit.importers.comment_names import tidy_comment_names

    notes: list[str] = []
    read = tidy_comment_names([
        _comment("a", "Enviar mensaje a gaviota_azul", "#11\\\nLa marea subió antes de lo que decían los partes."),
        _comment("b", "Nachricht an Jonas Weber senden", "Kommentar Nr. 12\n\nDie Fähre kam zu spät.", day=29),
        _comment("c", "Reply #3", "#3"),  # the number is all the text there is: kept, and held
    ], notes)
    got = [(c.author, c.body, c.status) for c in read]
    assert got[:2] == [("gaviota_azul", "La marea subió antes de lo que decían los partes.", "approved"),
                       ("Jonas Weber", "Die Fähre kam zu spät.", "approved")], got
    assert read[2].status == "pending" and "Reply #3" in read[2].reason and read[2].author == "Anonymous"


def _header_comment(number: int, handle: str | None, when: str, text: str) -> str:
    """A header of avatar, profile link and "Reply #N" with the date, and the text beside it in the list item."""
    who = (f"<a href='http://news.example/community/profile/view?member_id={handle}'>{handle}</a>" if handle
           else "<span>Guest</span>")
    return (f"<li class='clearfix'><div class='group'><div class='comment-avatar'><img src='a.png' alt=''/></div>"
            f"<div class='commentor-info'><div>{who} <div>Party: Independent</div></div></div>"
            f"<div class='comment-meta'>Reply #{number}<div>{when}</div></div></div>"
            f"<div class='submitted-comment'><p>{text}</p></div>"
            f"<ul class='comment-controls'><li><a href='#'>Reply</a></li><li><a href='#'>Quote</a></li>"
            f"<li><a href='#'>Report Abuse</a></li></ul></li>")


def test_a_number_where_the_name_goes_gives_way_to_the_profile_link(tmp_path):
    thread = ("<div id='comments'><h2>Readers' Comments (3)</h2><ol id='commentsList'>"
              + _header_comment(1, "harbourfox", "Oct. 9, 2010 - 7:28 AM EST", "The ferry schedule never matched the tide.")
              + _header_comment(2, "Bollard-9", "Oct. 9, 2010 - 7:30 AM EST", "Mine ran late every Tuesday, tide or not.")
              + _header_comment(3, "harbourfox", "Oct. 9, 2010 - 7:41 AM EST", "Tuesdays are when the coal barge docks.")
              + "</ol></div>")
    post = _post(tmp_path, thread, lang="en")
    got = [(c.author, c.body, c.created.isoformat()[:16] if c.created else None, c.status) for c in post.comments]
    assert got == [("harbourfox", "The ferry schedule never matched the tide.", "2010-10-09T12:28", "approved"),
                   ("Bollard-9", "Mine ran late every Tuesday, tide or not.", "2010-10-09T12:30", "approved"),
                   ("harbourfox", "Tuesdays are when the coal barge docks.", "2010-10-09T12:41", "approved")], got
    assert not any("Party:" in c.body or "Reply" in c.body for c in post.comments), "the header's card is no text"


def _fans_comment(name: str, fans: int, when: str, text: str) -> str:
    return (f"<div class='comment_item'><div class='comment_author'><a href='/social/{name}'>{name}</a>"
            f"<a class='author_fans_count' href='/social/{name}'>{fans} Fans</a></div>"
            f"<div class='comment_date'>{when}</div><div class='comment_body'><p>{text}</p></div></div>")


def test_a_counter_glued_to_the_name_is_no_part_of_it_and_a_repeat_is_stored_once(tmp_path):
    doubled = _fans_comment("Olek Varga", 34, "August 16, 2010 11:05 AM", "The lighthouse keeper retired in March.")
    thread = ("<div id='comments'>" + doubled
              + _fans_comment("tidewatcher", 0, "August 16, 2010 11:20 AM", "Who keeps the light now, then?")
              + doubled + "</div>")
    post = _post(tmp_path, thread, lang="en")
    assert [(c.author, c.status) for c in post.comments] == [("Olek Varga", "approved"), ("tidewatcher", "approved")]
    assert any("repeats comment" in note for note in post.notes), "the repeat is reported, not silently dropped"


def test_a_repeat_without_a_name_or_date_is_not_merged(tmp_path):
    from essaykit.importers.comment_names import tidy_comment_names
    from essaykit.importers.model import ImportedComment

    same = [ImportedComment(local_id=str(n), parent=None, author="Anonymous", body="Thanks!", created=None) for n in (1, 2)]
    assert len(tidy_comment_names(same, [])) == 2, "two unnamed, undated readers may write the same words"


def test_a_number_alone_with_no_profile_link_is_held(tmp_path):
    thread = ("<div id='comments'><ol>"
              + _header_comment(1, None, "Oct. 9, 2010 - 7:28 AM EST", "The ferry schedule never matched the tide.")
              + _header_comment(2, None, "Oct. 9, 2010 - 7:30 AM EST", "Mine ran late every Tuesday, tide or not.")
              + "</ol></div>")
    post = _post(tmp_path, thread, lang="en")
    assert post.comments, "the thread is still read"
    assert all(c.status == "pending" and c.reason for c in post.comments), [(c.author, c.reason) for c in post.comments]
    assert not any(c.author.startswith("Reply") for c in post.comments)


@pytest.mark.parametrize("printed, name, day", [
    ("Ilse 19. Juni 2018 um 15:28 Uhr - Antworten", "Ilse", "2018-06-19T15:28"),
    ("Tess Oakes says: January 20, 2020 at 11:27 am", "Tess Oakes", "2020-01-20T11:27"),
    ("marin44 Le 12/02 à 11:30", "marin44", None),  # no year: the name still ends before the date
    ("Olek Varga 3 May 2021 Reply", "Olek Varga", "2021-05-03T00:00"),
    ("Bürger 635", "Bürger 635", None),  # a handle that ends in digits: no date follows it
    ("reason 1", "reason 1", None),
    ("Nella Brink zei: 2 maart 2021 om 10:04", "Nella Brink", "2021-03-02T10:04"),  # leftovers.SAID, the header verbs
])
def test_a_whole_header_line_taken_for_the_name_gives_the_name_and_its_date(printed, name, day):
    from essaykit.importers.comment_names import header_name

    got, when = header_name(printed, "de" if "Uhr" in printed else "fr" if " Le " in printed else "en")
    assert (got, when.isoformat()[:16] if when else None) == (name, day)


def test_the_header_line_name_is_split_on_an_imported_comment_and_dates_it():
    from essaykit.importers.comment_names import tidy_comment_names
    from essaykit.importers.model import ImportedComment

    [read] = tidy_comment_names([ImportedComment(local_id="1", parent=None, author="Jonas Weber 21. Juni 2018 um "
                                                 "23:00 Uhr - Antworten", body="Die Fähre kam zu spät.", created=None)],
                                [], "de")
    assert (read.author, read.created.isoformat()[:16], read.status) == ("Jonas Weber", "2018-06-21T23:00", "approved")


def _wrapped_comment(cid: int, name: str, when: str, text: str, replies: str = "") -> str:
    """A WordPress theme's item whose comment is wrapped once more: li#li-comment-N > article#comment-N.comment."""
    return (f"<li class='comment odd depth-1' id='li-comment-{cid}'><article id='comment-{cid}' class='comment regular'>"
            f"<div class='comment-content'><ul class='comment-meta'><li class='comment-reply'><a class='comment-reply-link' "
            f"href='#comment-{cid}'>Antworten</a></li><li class='comment-author'><a class='url' href='http://example.org/'>"
            f"{name}</a></li><li class='comment-time'><a href='#comment-{cid}'>{when}</a></li></ul>"
            f"<div class='comment-text'><p>{text}</p></div></div></article>{replies}</li>")


def test_the_comments_own_wrapper_in_its_item_is_no_reply_and_holds_the_name(tmp_path):
    reply = _wrapped_comment(12, "Jonas Weber", "10. April 2019 &#64; 16:29", "Die Fähre fährt nur dienstags.")
    thread = ("<div id='comments'><ol class='commentlist'>"
              + _wrapped_comment(11, "Ilse Brand", "8. April 2019 &#64; 11:38", "Wann fährt die Fähre wieder?",
                                 f"<ul class='children'>{reply}</ul>")
              + _wrapped_comment(13, "Mara Quist", "8. April 2019 &#64; 12:20", "Die Barcas liegen noch im Hafen.")
              + "</ol></div>")
    post = _post(tmp_path, thread, lang="de")
    got = [(c.author, c.parent, c.status) for c in post.comments]
    assert got == [("Ilse Brand", None, "approved"), ("Jonas Weber", "11", "approved"), ("Mara Quist", None, "approved")], got
