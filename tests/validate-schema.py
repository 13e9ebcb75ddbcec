#!/usr/bin/python3
"""Validate plan documents against data/plan.schema.json.

An independent check of the plan format: it uses Python's jsonschema, not the
app's C loader, so the schema and the files the project ships (or the app
writes) are held to PLAN-FORMAT.md by a second implementation.

  validate-schema.py SCHEMA FILE...
      Every FILE must validate. Prints "ok FILE" or "FAIL FILE: message at
      path" per file; exits 1 if any fails.

  validate-schema.py --expect-invalid SCHEMA FILE...
      Every FILE must be well-formed JSON that the schema rejects (this proves
      the schema can fail). Prints "ok FILE: rejected: message at path" or
      "FAIL FILE: ..."; exits 1 if any file is accepted or is not JSON.

Exits 2 when the schema itself cannot be read or is not a valid draft 2020-12
schema.
"""

import argparse
import json
import sys

import jsonschema
from jsonschema.exceptions import best_match


def format_path(path):
    """A path like the loader's messages: stages[2].conversion."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += "[%d]" % part
        else:
            text += ("." if text else "") + str(part)
    return text or "the top level"


def reject_constant(name):
    # Python's json accepts NaN and Infinity; JSON and the plan format do not.
    raise ValueError("%s is not a JSON number" % name)


def load_json(path):
    with open(path, "r", encoding="utf-8") as f:
        return json.load(f, parse_constant=reject_constant)


def first_error(validator, document):
    """The most relevant error, or None when @document is valid."""
    error = best_match(validator.iter_errors(document))
    if error is None:
        return None
    return "%s at %s" % (error.message, format_path(error.absolute_path))


def main():
    parser = argparse.ArgumentParser(
        description="Validate plan documents against the plan JSON Schema.")
    parser.add_argument("--expect-invalid", action="store_true",
                        help="every file must be JSON that the schema rejects")
    parser.add_argument("schema", help="path of plan.schema.json")
    parser.add_argument("files", nargs="+", metavar="FILE",
                        help="plan documents to check")
    args = parser.parse_args()

    try:
        schema = load_json(args.schema)
        jsonschema.Draft202012Validator.check_schema(schema)
    except (OSError, ValueError) as e:
        print("FAIL %s: %s" % (args.schema, e))
        return 2
    except jsonschema.exceptions.SchemaError as e:
        print("FAIL %s: not a valid draft 2020-12 schema: %s at %s"
              % (args.schema, e.message, format_path(e.absolute_path)))
        return 2
    validator = jsonschema.Draft202012Validator(schema)

    failed = 0
    for path in args.files:
        try:
            document = load_json(path)
        except (OSError, ValueError) as e:
            # Under --expect-invalid too: a negative case must break a schema
            # rule, not the JSON syntax.
            print("FAIL %s: %s" % (path, e))
            failed += 1
            continue

        error = first_error(validator, document)
        if args.expect_invalid:
            if error is None:
                print("FAIL %s: valid, but it should break a schema rule" % path)
                failed += 1
            else:
                print("ok %s: rejected: %s" % (path, error))
        else:
            if error is None:
                print("ok %s" % path)
            else:
                print("FAIL %s: %s" % (path, error))
                failed += 1

    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
