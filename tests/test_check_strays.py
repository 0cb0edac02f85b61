"""What `essaykit check` and `essaykit build` say about things an author leaves behind: a spoiler
label on a cell that no longer starts its block, and a notebook that is not an essay at all
(the author's ModerationQueue notebook kept beside the essays)."""

import io
import json

from helpers.notebooks import code_cell, md_cell, notebook

from essaykit.essay import check_essay
from essaykit.exports.site import BuildOptions, build_site

ESSAY = {"title": "Trains at Dusk", "date": "2026-03-01"}


def write(folder, name, nb):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(json.dumps(nb), encoding="utf-8")
    return folder / name


def moderation_notebook() -> dict:
    return notebook([code_cell("from essaykit import ModerationQueue\nModerationQueue()")])


def test_a_label_on_a_cell_that_no_longer_starts_its_block_is_a_warning(tmp_path):
    label = {"essay": {"spoiler_label": "The ending"}}
    path = write(tmp_path, "trains.ipynb", notebook([
        md_cell("Opening."),
        md_cell("First hidden cell.", tags=["spoiler"]),
        md_cell("Second hidden cell.", tags=["spoiler"], **label),  # stranded: the block starts at cell 2
        md_cell("Plain again.", **label),  # stranded: the tag was removed
    ], ESSAY))
    essay, problems = check_essay(path)
    assert essay is not None, "a warning, not a problem: the essay still builds"
    assert [(p.cell, p.warning) for p in problems] == [(3, True), (4, True)]
    assert "only the first cell of a spoiler block names it (cell 2 is)" in problems[0].message
    assert "this cell is not tagged spoiler" in problems[1].message


def test_check_skips_a_notebook_that_is_not_an_essay_with_a_warning(cli, tmp_path):
    write(tmp_path, "trains.ipynb", notebook([md_cell("Text.")], ESSAY))
    moderation = write(tmp_path, "moderation.ipynb", moderation_notebook())
    for args in ([tmp_path], [tmp_path / "trains.ipynb", moderation]):
        result = cli("check", *args)
        assert result.exit_code == 0, result.output
        assert f"{moderation}: warning: skipped: no 'essay' metadata, so it is not an essay" in result.output
        assert "1 essay checked, no problems (1 warning)" in result.output
    broken = write(tmp_path, "broken.ipynb", notebook([md_cell("x")], {"title": ""}))
    assert cli("check", broken).exit_code == 1, "essay metadata with a problem is still a problem"


def test_build_skips_a_notebook_that_is_not_an_essay_and_builds_the_rest(tmp_path):
    folder = tmp_path / "essays"
    write(folder, "trains.ipynb", notebook([md_cell("Text.")], ESSAY))
    write(folder, "moderation.ipynb", moderation_notebook())
    stream = io.StringIO()
    report = build_site(folder, tmp_path / "site", BuildOptions(jobs=1, execute=False), stream=stream)
    assert not report.failed, stream.getvalue()
    assert [o.status for o in report.outcomes if o.source.endswith("moderation.ipynb")] == ["ignored"]
    assert "warning: skipped moderation.ipynb: no 'essay' metadata" in stream.getvalue()
    assert (tmp_path / "site" / "trains.html").is_file()
    assert not list((tmp_path / "site").glob("moderation*"))
