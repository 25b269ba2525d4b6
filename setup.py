"""Packaging for openedx-generation-m: XBlocks and Django plugin apps for Open edX."""
import re
from pathlib import Path

from setuptools import find_packages, setup

HERE = Path(__file__).resolve().parent


def load_requirements(*files):
    """Read install requirements from pip-tools input files, dropping -c/-r lines and comments."""
    requirements = []
    for name in files:
        for line in (HERE / name).read_text().splitlines():
            line = re.sub(r"\s*#.*$", "", line).strip()
            if line and not line.startswith("-"):
                requirements.append(line)
    return requirements


def version():
    return re.search(r'__version__ = "([^"]+)"', (HERE / "genm_xblocks" / "__init__.py").read_text()).group(1)


APPS = {
    "genm_xblocks": "genm_xblocks.apps:GenmXBlocksConfig",
    "genm_charity": "genm_charity.apps:GenmCharityConfig",
}

setup(
    name="openedx-generation-m",
    version=version(),
    description="Creative works, a moderated gallery, contests and activity-to-donation for Open edX",
    long_description=(HERE / "README.rst").read_text(encoding="utf-8"),
    long_description_content_type="text/x-rst",
    author="Generation M for Open edX",
    license="Apache-2.0",
    url="https://github.com/generation-m/openedx-generation-m",
    packages=find_packages(include=["genm_xblocks", "genm_xblocks.*", "genm_charity", "genm_charity.*"]),
    include_package_data=True,
    python_requires=">=3.12",
    install_requires=load_requirements("requirements/base.in"),
    entry_points={
        "lms.djangoapp": [f"{name} = {path}" for name, path in APPS.items()],
        "cms.djangoapp": [f"{name} = {path}" for name, path in APPS.items()],
        "xblock.v1": [
            "genm_creative_work = genm_xblocks.blocks.creative_work:CreativeWorkXBlock",
            "genm_gallery = genm_xblocks.blocks.gallery:GalleryXBlock",
            "genm_charity_progress = genm_xblocks.blocks.charity_progress:CharityProgressXBlock",
        ],
    },
    zip_safe=False,
    classifiers=[
        "Development Status :: 3 - Alpha",
        "Framework :: Django",
        "Framework :: Django :: 5.2",
        "Intended Audience :: Education",
        "Natural Language :: English",
        "Natural Language :: Russian",
        "Programming Language :: Python :: 3",
        "Programming Language :: Python :: 3.12",
    ],
)
