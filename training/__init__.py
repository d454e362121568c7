"""Training the extractor's learned components from annotated articles (no Dagster).

`python -m training.train --gold DIR [DIR ...] --out MODEL_DIR` fits them; `training.crossval`
compares them with the rule cues by cross-validation over articles. Nothing here ships with the
package except the artefacts `make train` writes under `parley/extract/models/`.
"""
