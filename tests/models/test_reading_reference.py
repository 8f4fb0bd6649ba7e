"""rc-reference's fingerprint covers its own code, so a rule change invalidates the cache."""

from __future__ import annotations

import shutil

from harness.models import reading_reference
from harness.models.reading_reference import ReadingReferenceModel
from harness.tasks import passages


class FixedEncoder:
    """Only the fingerprint is needed; no model is loaded."""

    batch_size = 8

    def fingerprint(self) -> str:
        return "encoder-files"


def test_fingerprint_changes_with_the_model_code_and_the_passage_helpers(tmp_path, monkeypatch):
    model = ReadingReferenceModel(FixedEncoder())  # type: ignore[arg-type]
    before = model.fingerprint()
    assert ReadingReferenceModel(FixedEncoder()).fingerprint() == before  # type: ignore[arg-type]

    edited = tmp_path / "reading_reference.py"
    shutil.copy(reading_reference.__file__, edited)
    edited.write_text(edited.read_text() + "\n# a changed rule\n")
    monkeypatch.setattr(reading_reference, "__file__", str(edited))
    after_model_edit = model.fingerprint()
    assert after_model_edit != before

    helpers = tmp_path / "passages.py"
    shutil.copy(passages.__file__, helpers)
    helpers.write_text(helpers.read_text() + "\n# a changed sentence splitter\n")
    monkeypatch.setattr(passages, "__file__", str(helpers))
    assert model.fingerprint() not in (before, after_model_edit)


def test_fingerprint_still_depends_on_the_options():
    base = ReadingReferenceModel(FixedEncoder())  # type: ignore[arg-type]
    other = ReadingReferenceModel(FixedEncoder(), no_answer_threshold=0.5)  # type: ignore[arg-type]
    assert other.fingerprint() != base.fingerprint()
