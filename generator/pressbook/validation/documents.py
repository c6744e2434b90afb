"""One YAML document or front matter → its model, with every problem located."""
from __future__ import annotations

from typing import TypeVar

from pydantic import BaseModel, ValidationError

from ..sources import Document
from ..messages import says
from ..problems import Problem
from .schema_errors import problems_from, shown

M = TypeVar("M", bound=BaseModel)


def validate_document(model: type[M], document: Document, problems: list[Problem]) -> M | None:
    if not document.read:
        return None  # unreadable: the loader has said why
    if not isinstance(document.data, dict):
        problems.append(Problem(document.locate(()), "error", "schema.type",
                                says("schema.mapping", found=shown(document.data)), says("schema.file-mapping.hint")))
        return None
    try:
        return model.model_validate(document.data)
    except ValidationError as error:
        problems.extend(problems_from(error, model, document))
        return None
