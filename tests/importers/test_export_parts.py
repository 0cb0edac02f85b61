"""Medium's and Substack's posts are made by the same code as WordPress's, Blogger's and Ghost's (post_parts).

What that sharing covers: an untitled post's name, an unreadable date's note, an empty body's
note, the spoiler announcement, a repeated summary, and --explain listing every cell.
"""

from __future__ import annotations

from essaykit.importers.exports import read_export
from essaykit.importers.medium import read_post
from essaykit.importers.model import ImportedPost

from .test_exports import SUBSTACK_CSV, make_folder, medium_post

SPOILER_BODY = ('<p class="graf graf--p">The keeper waits.</p><p class="graf graf--p">Spoilers ahead.</p>'
                '<p class="graf graf--p">The ship was never coming.</p>')


def medium(markup: str, name: str = "2024-03-05_The-Keeper-3c7869fdae53.html") -> ImportedPost:
    post = read_post(name, f"m: {name}", markup)
    assert isinstance(post, ImportedPost), post
    return post


def substack(tmp_path, rows: str, bodies: dict[str, str]) -> dict[str, ImportedPost]:
    header = SUBSTACK_CSV.splitlines()[0]
    folder = make_folder(tmp_path / "substack", {"posts.csv": f"{header}\n{rows}",
                                                  **{f"posts/{k}.html": v for k, v in bodies.items()}})
    kind, outcomes = read_export(folder)
    assert kind == "substack"
    return {o.source["id"]: o for o in outcomes if isinstance(o, ImportedPost)}


def test_a_medium_spoiler_announcement_hides_what_follows_and_explain_lists_every_cell():
    post = medium(medium_post("The Keeper", SPOILER_BODY, post_id="3c7869fdae53"))
    assert post.blocks == ["The keeper waits."] and post.spoiler_blocks == ["The ship was never coming."]
    assert post.spoiler_label and "Spoilers ahead" in post.spoiler_label
    cells = [(what, line) for _, what, line in post.explain if what in ("text", "spoiler")]
    assert cells == [("text", "The keeper waits."), ("spoiler", "The ship was never coming.")], post.explain


def test_a_medium_subtitle_repeated_as_the_first_paragraph_is_the_summary_only():
    post = medium(medium_post("The Keeper", '<p class="graf graf--p">A film about waiting</p>'
                              '<p class="graf graf--p">The keeper waits.</p>',
                              post_id="3c7869fdae53", subtitle="A film  about waiting"))
    assert post.summary == "A film about waiting" and post.blocks == ["The keeper waits."]


def test_an_untitled_medium_post_with_an_unreadable_time_is_named_and_noted():
    # An empty title heading: a post of its own (a response has none), with no title in it.
    post = medium(medium_post("", '<p class="graf graf--p">Notes.</p>', post_id="3c7869fdae53", when="soon"))
    assert post.date == "2024-03-05T00:00:00Z", "the day in the file name, when the time cannot be read"
    assert any("the published time (time.dt-published) 'soon' cannot be parsed" in n for n in post.notes), post.notes
    assert post.title == "Untitled (2024-03-05)" and any("has no title" in n for n in post.notes)
    assert post.slug == "the-keeper", "the file name's slug"


def test_substack_posts_without_title_date_or_body_say_so_and_spoilers_are_split(tmp_path):
    posts = substack(tmp_path, (
        "9.,yesterday,true,,,newsletter,everyone,,,\n"
        "10.reel,2023-06-01T08:00:00.000Z,true,,,podcast,everyone,Reel,,https://cdn.example.org/ep.mp3\n"
        "11.twist,2023-06-02T08:00:00.123Z,true,,,newsletter,everyone,The Twist,,\n"
    ), {"9.": "", "10.reel": "<p>Show notes.</p>", "11.twist": SPOILER_BODY})
    bare = posts["9."]
    assert bare.date == "" and any("post_date 'yesterday' cannot be parsed" in n for n in bare.notes), bare.notes
    assert bare.title == "Untitled (post 9)" and bare.slug == "post-9"
    assert any("has no content" in n for n in bare.notes), bare.notes
    assert posts["10.reel"].blocks == ["[Listen to the episode](https://cdn.example.org/ep.mp3)", "Show notes."]
    twist = posts["11.twist"]
    assert twist.date == "2023-06-02T08:00:00Z", "to the second, like every other export"
    assert twist.blocks == ["The keeper waits."] and twist.spoiler_blocks == ["The ship was never coming."]
    assert ("", "spoiler", "The ship was never coming.") in twist.explain


def test_a_medium_file_nested_too_deeply_fails_alone_with_the_exports_advice():
    from essaykit.importers.model import Failed

    failed = read_post("2024-03-05_Deep-3c7869fdae54.html", "m: deep", "<div>" * 3000 + "deep")
    assert isinstance(failed, Failed) and "nested too deeply" in failed.message
    assert "Medium exports" in failed.message and "save the post's page" not in failed.message
