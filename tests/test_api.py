"""The public API is small, listed in __all__, and cheap to import."""

import subprocess
import sys
from pathlib import Path

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


def test_every_error_and_warning_class_is_public():
    import essaykit.errors

    classes = {name for name, value in vars(essaykit.errors).items()
               if isinstance(value, type) and issubclass(value, (essaykit.errors.EssaykitError, Warning))}
    assert {"EssaykitWarning", "ConfigError", "AlreadyRated"} <= classes
    assert classes <= set(essaykit.__all__), f"not in __all__: {sorted(classes - set(essaykit.__all__))}"


def test_version_lives_below_the_package_root():
    from essaykit._version import __version__

    assert essaykit.__version__ == __version__
    fingerprint = (Path(essaykit.__file__).parent / "exports" / "fingerprint.py").read_text(encoding="utf-8")
    assert "from .. import __version__" not in fingerprint, "fingerprint.py reads the version from _version.py"


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
