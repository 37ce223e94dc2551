"""The DAG folder is on sys.path (as Airflow puts it), and so is this folder (the stand-in)."""
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
DAGS_FOLDER = TESTS.parent
REPO_ROOT = DAGS_FOLDER.parent.parent
sys.path[:0] = [str(DAGS_FOLDER), str(TESTS)]

from standin.loader import LAYOUTS, installed, load_dags  # noqa: E402


@pytest.fixture(params=LAYOUTS, ids=lambda layout: f"airflow{layout}-imports")
def dags(request):
    """The DAGs, loaded against the stand-in under Airflow 3's and Airflow 2's import paths."""
    with installed(request.param):
        yield load_dags(DAGS_FOLDER)


@pytest.fixture
def dags3():
    with installed("3"):
        yield load_dags(DAGS_FOLDER)
