"""The public API is small, listed in __all__, and cheap to import."""

import subprocess
import sys

import essaykit


def test_all_matches_the_public_names():
    import types

    plumbing = {"annotations", "TYPE_CHECKING"}
    public = {
        name for name in vars(essaykit)
        if not name.startswith("_") and name not in plumbing
        and not isinstance(getattr(essaykit, name), types.ModuleType)
    } | set(essaykit._LAZY) | {"__version__"}
    assert set(essaykit.__all__) == public, "every public name is in __all__ and nothing else is public"


def test_every_name_in_all_resolves():
    for name in essaykit.__all__:
        assert getattr(essaykit, name) is not None, name


def test_import_is_cheap():
    # What must not load on `import essaykit`: kernels, Voilà, the database layer, nbformat.
    code = (
        "import sys, essaykit; heavy = [m for m in ('sqlalchemy', 'nbformat', 'nbclient', 'voila', "
        "'ipywidgets', 'jupyter_client', 'markdown_it', 'nh3') if m in sys.modules]; print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "", f"import essaykit loaded heavy modules: {out}"


def test_cli_help_does_not_import_heavy_modules():
    code = (
        "import sys\nfrom click.testing import CliRunner\nfrom essaykit.cli import main\n"
        "CliRunner().invoke(main, ['--help'])\n"
        "print(','.join(m for m in ('sqlalchemy', 'nbformat', 'voila', 'ipywidgets') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "", f"essaykit --help loaded heavy modules: {out}"
