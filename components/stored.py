"""A trainable component whose trained scikit-learn model is kept in Rasa's model storage."""

from __future__ import annotations

from typing import Any, ClassVar

import joblib
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from sklearn.pipeline import Pipeline
from typing_extensions import Self


class StoredModelComponent(GraphComponent):
    """Holds its config, storage and model; saves the model in ``MODEL_FILE`` and loads it."""

    MODEL_FILE: ClassVar[str] = "model.joblib"

    def __init__(
        self,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        classifier: Pipeline | None = None,
    ) -> None:
        self._config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        self._classifier = classifier

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> Self:
        """Create an untrained component (see Rasa's GraphComponent)."""
        return cls(config, model_storage, resource)

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> Self:
        """Load the trained model (none if it was never trained)."""
        classifier = None
        try:
            with model_storage.read_from(resource) as directory:
                classifier = joblib.load(directory / cls.MODEL_FILE)
        except (ValueError, FileNotFoundError):
            classifier = None
        return cls(config, model_storage, resource, classifier)

    def _keep(self, classifier: Pipeline) -> Resource:
        """Use ``classifier`` from now on and save it with the model."""
        self._classifier = classifier
        with self._model_storage.write_to(self._resource) as directory:
            joblib.dump(classifier, directory / self.MODEL_FILE)
        return self._resource
