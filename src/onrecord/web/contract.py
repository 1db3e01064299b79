"""The article JSON contract (``schema/article.schema.json``) as OpenAPI components.

The API answers extraction with exactly ``Article.to_dict()``; rather than restate
that contract as Pydantic models, the published JSON Schema is put into the
OpenAPI document, its ``$defs`` renamed into ``components/schemas``.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

ARTICLE_SCHEMA_NAME = "Article"


def _load_article_schema() -> dict[str, Any]:
    return json.loads(resources.files("onrecord").joinpath("schema/article.schema.json").read_text("utf-8"))


def _component_name(definition: str) -> str:
    return ARTICLE_SCHEMA_NAME + definition.title().replace("_", "")


def _rewrite_refs(node: Any) -> Any:
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str) and value.startswith("#/$defs/"):
                out[key] = "#/components/schemas/" + _component_name(value.removeprefix("#/$defs/"))
            else:
                out[key] = _rewrite_refs(value)
        return out
    if isinstance(node, list):
        return [_rewrite_refs(item) for item in node]
    return node


def article_components() -> dict[str, Any]:
    """``components/schemas`` entries for the article contract: ``Article`` and its parts."""
    schema = _load_article_schema()
    definitions = schema.pop("$defs", {})
    for key in ("$schema", "$id"):
        schema.pop(key, None)
    components = {ARTICLE_SCHEMA_NAME: _rewrite_refs(schema)}
    for name, definition in definitions.items():
        components[_component_name(name)] = _rewrite_refs(definition)
    return components


ARTICLE_RESPONSE = {
    "description": "Every attribution found in the article (the onrecord article JSON contract).",
    "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{ARTICLE_SCHEMA_NAME}"}}},
}
