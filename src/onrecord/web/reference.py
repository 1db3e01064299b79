"""The API's parameter table for docs/web.md, read from the OpenAPI document.

Each route declares its parameters once, in its signature; FastAPI turns them into the
OpenAPI document, requests are checked against them (an undeclared query parameter is a
422), and this table is made from the same document, so the docs cannot drift from
what the server takes (``tests/test_web_docs.py`` holds docs/web.md to it).
"""

from __future__ import annotations

from typing import Any

BEGIN = "<!-- parameters: made by onrecord.web.reference.parameters_table() -->"
END = "<!-- end of parameters -->"


def _type(schema: dict[str, Any], components: dict[str, Any]) -> str:
    options = [s for s in schema.get("anyOf", [schema]) if s.get("type") != "null"]
    names = []
    for option in options:
        if "$ref" in option:
            option = components.get(option["$ref"].rsplit("/", 1)[-1], {})
        if option.get("type") == "array":
            names.append(f"{_type(option.get('items', {}), components)}, repeatable")
        elif "enum" in option:
            names.append(" \\| ".join(f"`{value}`" for value in option["enum"]))
        else:
            bounds = [f"≥ {option['minimum']}" if "minimum" in option else "", f"≤ {option['maximum']}" if "maximum" in option else ""]
            names.append(" ".join(filter(None, [option.get("type", "any"), *bounds])))
    return " or ".join(names) or "any"


def parameters_table(document: dict[str, Any]) -> str:
    """One row per parameter of every route: route, parameter, where, type, default, what it does."""
    components = document.get("components", {}).get("schemas", {})
    rows = ["| route | parameter | in | type | default | what |", "| --- | --- | --- | --- | --- | --- |"]
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            for param in operation.get("parameters", []):
                schema = param.get("schema", {})
                default = f"`{schema['default']}`" if schema.get("default") is not None else ""
                what = (param.get("description") or schema.get("description") or "").replace("|", "\\|")
                rows.append(f"| `{method.upper()} {path}` | `{param['name']}` | {param['in']} | {_type(schema, components)} | {default} | {what} |")
    return "\n".join(rows) + "\n"


def docs_section(document: dict[str, Any]) -> str:
    return f"{BEGIN}\n{parameters_table(document)}{END}"
