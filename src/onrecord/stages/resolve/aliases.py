"""User knowledge without code: a JSONL file of ``{"name", "aliases", "description", "gender"}``
(e.g. exported from Wikidata).  The resolver works without it; with it, an alias names its
canonical entity, and the description's words count as roles (``singer``, ``senator``)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from onrecord.errors import AliasError

GENDERS = {"m": "m", "male": "m", "man": "m", "f": "f", "female": "f", "woman": "f"}


@dataclass(frozen=True, slots=True)
class Known:
    name: str
    gender: str | None
    roles: tuple[str, ...]
    qid: str | None = None  # the record's "qid" (a Wikidata id or any id of the user's)


class AliasTable:
    """Canonical entities a user supplies, looked up by any of their names (case-insensitive)."""

    def __init__(self, entries: list[Known], names: dict[str, Known]):
        self.entries = entries
        self._names = names

    def lookup(self, name: str) -> Known | None:
        return self._names.get(" ".join(name.lower().split()))

    @classmethod
    def from_records(cls, records: list[dict]) -> AliasTable:
        entries: list[Known] = []
        names: dict[str, Known] = {}
        for record in records:
            gender = GENDERS.get(str(record.get("gender") or "").lower())
            roles = tuple(w for w in re.findall(r"[a-z][a-z-]+", str(record.get("description") or "").lower()) if len(w) > 2)
            known = Known(record["name"], gender, roles, str(record["qid"]) if record.get("qid") else None)
            entries.append(known)
            for alias in [record["name"], *record.get("aliases", [])]:
                names.setdefault(" ".join(str(alias).lower().split()), known)
        return cls(entries, names)

    @classmethod
    def load(cls, path: Path | str) -> AliasTable:
        records = []
        try:
            text = Path(path).read_text(encoding="utf-8")
        except UnicodeDecodeError as err:
            raise AliasError(f"{path}: not a UTF-8 JSONL file (invalid byte at offset {err.start})") from None
        except IsADirectoryError:
            raise AliasError(f"{path}: is a directory, not a JSONL file") from None
        except OSError as err:
            raise AliasError(f"{path}: cannot be read ({err.strerror})") from None
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as err:
                raise AliasError(f"{path}:{number}: not JSON ({err.msg})") from None
            except RecursionError:
                raise AliasError(f"{path}:{number}: not JSON (nested too deeply)") from None
            if not isinstance(record, dict) or not isinstance(record.get("name"), str) or not record["name"].strip():
                raise AliasError(f"{path}:{number}: each line needs a non-empty \"name\"")
            if not isinstance(record.get("aliases", []), list):
                raise AliasError(f"{path}:{number}: \"aliases\" must be a list of names")
            records.append(record)
        return cls.from_records(records)
