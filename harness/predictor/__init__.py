"""The runner's only path to a model: typed requests answered in batches, cached, checked.

* ``request_runner``: ``RequestRunner`` (dedupe, size-sorted batches, the response
  cache, a check on every answer) and ``TaskPredictor`` (a task in front: examples in,
  ``Prediction``s out, what test kinds call);
* ``executors``: where the batches the cache lacks are computed: this process, or Ray
  actors (``harness run --executor ray``).
"""

from harness.predictor.request_runner import RequestRunner, TaskPredictor, answer_batch, model_name

__all__ = ["RequestRunner", "TaskPredictor", "answer_batch", "model_name"]
