"""What a notebook shows survives the static export: local SVG images, formulas, colours."""

import base64

from essaykit.exports.offline import offline_images

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4" height="4"/></svg>'


def test_local_svg_in_markdown_is_embedded(tmp_path):
    (tmp_path / "figure.svg").write_bytes(SVG)
    html = offline_images('<p><img src="figure.svg" alt="A figure"></p>', tmp_path)
    assert f'src="data:image/svg+xml;base64,{base64.b64encode(SVG).decode()}"' in html, \
        "an SVG beside the notebook is embedded like a PNG (inside <img> it runs nothing)"
    assert "[A figure]" not in html


def test_missing_local_image_names_itself(tmp_path):
    html = offline_images('<p><img src="gone.svg" alt="Lost"></p>', tmp_path)
    assert "[Lost]" in html, "a missing file keeps its alt text, nothing is fetched"
