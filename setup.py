"""Packaging glue: ship the top-level ui/, drivers/ and assets/ folders inside the wheel.

They become ``kiosk/_data/<name>`` in the installed package; ``kiosk.resources`` finds them
in a checkout and in an installed wheel alike.
"""

from pathlib import Path

from setuptools import find_namespace_packages, setup

HERE = Path(__file__).parent
DATA_DIRS = ("ui", "drivers", "assets")

packages = find_namespace_packages(include=["kiosk", "kiosk.*"], exclude=["kiosk._data*"])
package_dir = {"kiosk": "kiosk"}
package_data: dict[str, list[str]] = {"kiosk": ["py.typed"]}
for name in DATA_DIRS:
    root = HERE / name
    for folder in [root, *sorted(p for p in root.rglob("*") if p.is_dir())]:
        rel = folder.relative_to(HERE)
        if "__pycache__" in rel.parts:
            continue
        pkg = "kiosk._data." + ".".join(rel.parts)
        packages.append(pkg)
        package_dir[pkg] = str(rel)
        package_data[pkg] = ["*"]

for pkg in list(packages):
    if pkg.startswith("kiosk.") and not pkg.startswith("kiosk._data"):
        package_data.setdefault(pkg, ["*.ini", "*.mako", "*.html", "*.css", "*.js", "*.toml"])

setup(packages=packages, package_dir=package_dir, package_data=package_data)
